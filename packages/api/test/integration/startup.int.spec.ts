import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../harness/api";

describe("starting the API", () => {
  let first: TestApi;
  beforeAll(async () => {
    first = await startTestApi();
  });
  afterAll(() => first?.stop());

  it("failing: on a port already in use it stops with a message saying so, instead of hanging", async () => {
    const port = Number(new URL(first.url).port);
    await expect(startTestApi({ config: { port } })).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
    // The first instance is untouched.
    expect((await first.gql("{ __typename }")).data).toEqual({ __typename: "Query" });
  });
});
