import "reflect-metadata";
import type { GraphQLObjectType, GraphQLResolveInfo } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { buildAppSchema } from "../schema";

/**
 * Field resolvers of `@Authorized()` resolver classes pass the auth checker on every call. type-graphql ran it as
 * an async middleware, which turned every such field into a promise (a page of 100 tickets resolved ~1,500 of
 * them); the patched middleware (patches/type-graphql@*.patch) keeps a synchronous checker synchronous.
 */
describe("authorized field resolvers", () => {
  let paused: NonNullable<ReturnType<GraphQLObjectType["getFields"]>[string]["resolve"]>;
  const info = { operation: { operation: "query" } } as unknown as GraphQLResolveInfo;

  beforeAll(async () => {
    const schema = await buildAppSchema();
    paused = (schema.getType("Ticket") as GraphQLObjectType).getFields().paused!.resolve!;
  });

  it("answer synchronously, not with a promise, for a signed-in caller", () => {
    const context = { session: { viewer: { readOnly: false, role: "OFFICE_STAFF" } } };
    expect(paused({ pausedAt: null }, {}, context, info)).toBe(false);
    expect(paused({ pausedAt: new Date() }, {}, context, info)).toBe(true);
  });

  it("still refuse a caller without a session, with the credential's own error", () => {
    expect(() => paused({ pausedAt: null }, {}, { session: null, authError: null }, info)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "UNAUTHENTICATED" }) }),
    );
  });
});
