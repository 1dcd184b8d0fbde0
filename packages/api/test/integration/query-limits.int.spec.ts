import fc from "fast-check";
import {
  buildSchema,
  getIntrospectionQuery,
  getNamedType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
} from "graphql";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/config";
import { startTestApi, type GqlResult, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";
import { wsConnect, type WsConnection } from "../harness/ws-client";

/** Small limits, so documents just under and just over each one are easy to write. */
const LIMITS = { maxDepth: 6, maxAliases: 4, maxDirectives: 4, maxTokens: 300, maxCost: 2000, assumedListSize: 20 };

type Run = (query: string, variables?: Record<string, unknown>) => Promise<GqlResult | { data?: any; errors?: any[] }>;

/** `{ me { office { parent { … id } } } }` with k parents: depth 3 + k. */
const deep = (k: number) => `{ me { office { ${"parent { ".repeat(k)}id${" }".repeat(k)} } } }`;

/** A document with the given depth (≥ 3), aliases and directives, all on valid fields of `me`. */
function shaped(depth: number, aliases: number, directives: number): string {
  const aliased = Array.from({ length: aliases }, (_, i) => `a${i}: me { kind }`).join(" ");
  const skipped = Array.from({ length: directives }, () => "readOnly @skip(if: false)").join(" ");
  return `{ ${deep(depth - 3).slice(2, -2)} ${aliased} me { kind ${skipped} } }`;
}

const reasons = (result: { errors?: any[] }) => new Set((result.errors ?? []).map((e) => e.extensions?.reason).filter(Boolean));

let t: TestApi;
let f: TenantFixture;
let ws: WsConnection;
const tried = { depthAliasesDirectives: 0, tokens: 0, cost: 0, pageSize: 0 };

beforeAll(async () => {
  t = await startTestApi({ config: { security: LIMITS } });
  f = await createTenantFixture(t, "limits");
  ws = wsConnect(t.wsUrl, f.tokens.admin);
  await ws.connected;
});
afterAll(async () => {
  await ws?.dispose();
  await t?.stop();
  console.info(`query limits: inputs tried ${JSON.stringify(tried)}`);
});

const transports: [string, () => Run][] = [
  ["HTTP", () => (query, variables) => t.gql(query, variables, { token: f.tokens.admin })],
  ["WebSocket", () => (query, variables) => ws.run(query, variables)],
];

describe.each(transports)("query limits over %s", (transport, runner) => {
  it("a document is refused exactly when its depth, aliases or directives exceed their limits, naming each", async () => {
    const run = runner();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 9 }),
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 0, max: 7 }),
        async (depth, aliases, directives) => {
          tried.depthAliasesDirectives++;
          const result = await run(shaped(depth, aliases, directives));
          const expected = new Set<string>();
          if (depth > LIMITS.maxDepth) expected.add("QUERY_TOO_DEEP");
          if (aliases > LIMITS.maxAliases) expected.add("TOO_MANY_ALIASES");
          if (directives > LIMITS.maxDirectives) expected.add("TOO_MANY_DIRECTIVES");
          expect(reasons(result)).toEqual(expected);
          if (expected.size === 0) {
            expect(result.errors).toBeUndefined();
            expect(result.data?.me.kind).toBe("STAFF");
          } else {
            expect(result.data ?? null).toBeNull();
            for (const error of result.errors!) {
              expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
              expect(error.extensions.limit).toBeTypeOf("number");
              expect(error.message).toMatch(/limit is \d+/);
            }
            const depthError = result.errors!.find((e) => e.extensions.reason === "QUERY_TOO_DEEP");
            if (depthError) expect(depthError.extensions).toMatchObject({ limit: LIMITS.maxDepth, found: depth });
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("a document over the token limit is refused before it is parsed any further", async () => {
    const run = runner();
    // `{ me { kind … } }` has 5 tokens plus one per repeated field.
    for (const fields of [LIMITS.maxTokens - 5, LIMITS.maxTokens - 4, LIMITS.maxTokens * 20]) {
      tried.tokens++;
      const result = await run(`{ me { ${"kind ".repeat(fields)}} }`);
      if (fields + 5 <= LIMITS.maxTokens) expect(result.errors).toBeUndefined();
      else {
        expect(result.errors).toHaveLength(1);
        expect(result.errors![0].extensions).toMatchObject({
          code: "BAD_USER_INPUT",
          reason: "TOO_MANY_TOKENS",
          limit: LIMITS.maxTokens,
        });
      }
    }
  });

  it("the cost counts list sizes: `first` (from variables too) multiplies what each item selects", async () => {
    const run = runner();
    // offices(first: n): 1 + n × (nodes 1 + id 1 + children (1 + 20 × id 1)) = 1 + 23n.
    const query = `query($n: Int!) { offices(first: $n) { nodes { id children { id } } } }`;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 500 }), async (n) => {
        tried.cost++;
        const cost = 1 + 23 * n;
        const result = await run(query, { n });
        if (cost <= LIMITS.maxCost) expect(result.errors).toBeUndefined();
        else {
          expect(result.errors).toHaveLength(1);
          expect(result.errors![0].extensions).toMatchObject({
            code: "BAD_USER_INPUT",
            reason: "QUERY_TOO_COSTLY",
            limit: LIMITS.maxCost,
            found: cost,
          });
        }
      }),
      { numRuns: 20, examples: [[86], [87]] },
    );
  });

  it("failing: nested pages multiply (offices × children × children) and are refused", async () => {
    const run = runner();
    const result = await run(`{ offices(first: 10) { nodes { children { children { children { id } } } } } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ reason: "QUERY_TOO_COSTLY" });
  });
});

describe("HTTP specifics", () => {
  it("limit errors are HTTP 400 and carry no stack or internals", async () => {
    const response = await t.post({ query: deep(10) }, { token: f.tokens.admin });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text).errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "QUERY_TOO_DEEP" });
    expect(text).not.toMatch(/stack|node_modules|\.ts:|\.js:/);
  });

  it("failing: batched requests (a JSON array) are refused with a GraphQL error", async () => {
    const response = await t.post([{ query: "{ __typename }" }, { query: "{ __typename }" }]);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batching/i);
  });

  it("callers who have not signed in get no name suggestions; signed-in callers do", async () => {
    const typo = `{ tickts(first: 1) { nodes { id } } }`;
    const anonymous = await t.gql(typo);
    expect(anonymous.errors?.[0]?.message).toMatch(/Cannot query field "tickts"/);
    expect(JSON.stringify(anonymous)).not.toMatch(/Did you mean/);
    const signedIn = await t.gql(typo, {}, { token: f.tokens.admin });
    expect(signedIn.errors?.[0]?.message).toMatch(/Did you mean "tickets"/);

    const enumTypo = await t.gql(`query($t: TicketType!) { ticketDeadlines(type: $t, channel: PHONE) { __typename } }`, {
      t: "COMPLAIN",
    });
    expect(enumTypo.errors?.[0]?.message).toMatch(/COMPLAIN/);
    expect(JSON.stringify(enumTypo)).not.toMatch(/Did you mean/);
  });

  it("introspection needs a signed-in caller; __typename does not", async () => {
    const query = `{ __schema { queryType { name } } }`;
    const anonymous = await t.gql(query);
    expect(anonymous.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "INTROSPECTION_NOT_ALLOWED" });
    expect((await t.gql(query, {}, { token: f.tokens.api })).data).toEqual({ __schema: { queryType: { name: "Query" } } });
    expect((await t.gql(`{ __typename }`)).data).toEqual({ __typename: "Query" });
  });
});

/** A value of the argument's type for a root field call (ids and dates that exist nowhere are fine). */
function sample(arg: GraphQLArgument): string {
  const name = getNamedType(arg.type).name;
  const values: Record<string, string> = {
    ID: `"00000000-0000-4000-8000-000000000000"`,
    LocalDate: `"2026-01-01"`,
    String: `"2026-01"`,
    Int: "1",
    Boolean: "false",
  };
  const value = values[name];
  if (!value) throw new Error(`no sample for ${name}`);
  return value;
}

describe("with the default limits", () => {
  let d: TestApi;
  let admin: string;
  beforeAll(async () => {
    d = await startTestApi();
    admin = (await createTenantFixture(d, "pages")).tokens.admin;
  });
  afterAll(() => d?.stop());

  it("every list that takes `first` serves its documented maximum page and refuses one more with BAD_USER_INPUT", async () => {
    const sdl = readFileSync(path.join(REPO_ROOT, "packages/schema/schema.graphql"), "utf8");
    const query = buildSchema(sdl).getQueryType()!;
    const paged = Object.values(query.getFields()).filter((field) => field.args.some((a) => a.name === "first"));
    expect(paged.length).toBeGreaterThan(15);
    for (const field of paged as GraphQLField<unknown, unknown>[]) {
      const first = field.args.find((a) => a.name === "first")!;
      const documented = /\(1–(\d+)\)/.exec(first.description ?? "");
      expect(documented, `${field.name}(first) states its range`).not.toBeNull();
      const max = Number(documented![1]);
      const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined && a.name !== "first");
      const type = getNamedType(field.type);
      const selection = isObjectType(type) ? "{ __typename }" : "";
      for (const size of [max, max + 1]) {
        tried.pageSize++;
        const args = [...required.map((a) => `${a.name}: ${sample(a)}`), `first: ${size}`].join(", ");
        const result = await d.gql(`{ ${field.name}(${args}) ${selection} }`, {}, { token: admin });
        if (size === max) expect(result.errors, `${field.name}(first: ${size})`).toBeUndefined();
        else {
          expect(result.errors?.[0]?.extensions?.code, field.name).toBe("BAD_USER_INPUT");
          expect(result.data, field.name).toBeNull();
        }
      }
    }
  });

  it("a signed-in caller's full introspection query (codegen, GraphiQL) passes every limit", async () => {
    const result = await d.gql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }), {}, { token: admin });
    expect(result.errors).toBeUndefined();
    expect(result.data?.__schema.types.length).toBeGreaterThan(100);
  });

  it("the default limits let a full page of tickets with their relations through", async () => {
    const result = await d.gql(
      `{ tickets(first: 500) { totalCount pageInfo { hasNextPage endCursor }
          nodes { id number type status channel severity content receivedAt replyDueAt resolveDueAt replyOverdue resolveOverdue
                  office { id name } receiver { id name } assignee { id name } customer { id name } property { id name } unit { id } } } }`,
      {},
      { token: admin },
    );
    expect(result.errors).toBeUndefined();
  });
});
