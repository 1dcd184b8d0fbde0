import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../harness/api";

/** The GraphQL endpoint's HTTP behaviour outside GraphQL itself: CORS and which paths it answers. */
describe("the GraphQL endpoint over HTTP", () => {
  const allowed = "https://console.example.test";
  let t: TestApi;
  let origin: string;

  beforeAll(async () => {
    t = await startTestApi({ config: { corsOrigins: [allowed] } });
    origin = new URL(t.url).origin;
  });
  afterAll(() => t?.stop());

  const typename = (path: string) =>
    fetch(origin + path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });

  it("successful: a preflight from an allowed origin is answered with that origin and the methods", async () => {
    const res = await fetch(t.url, {
      method: "OPTIONS",
      headers: { origin: allowed, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("failing: another origin gets no CORS grant, on the preflight or on the request", async () => {
    const preflight = await fetch(t.url, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example.test", "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    const res = await t.post({ query: "{ __typename }" }, { headers: { origin: "https://evil.example.test" } });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const own = await t.post({ query: "{ __typename }" }, { headers: { origin: allowed } });
    expect(own.headers.get("access-control-allow-origin")).toBe(allowed);
  });

  it("successful: /graphql and /graphql/ answer GraphQL, with the rate-limit headers", async () => {
    for (const path of ["/graphql", "/graphql/"]) {
      const res = await typename(path);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data: unknown }).data).toEqual({ __typename: "Query" });
      expect(Number(res.headers.get("ratelimit-limit"))).toBeGreaterThan(0);
    }
  });

  it("failing: paths that only begin like it are not GraphQL's", async () => {
    for (const path of ["/graphqlx", "/graphql/extra"]) {
      const res = await typename(path);
      expect(res.status).toBe(404);
      expect(res.headers.get("ratelimit-limit")).toBeNull();
    }
  });

  it("successful: the site's other routes still answer beside it", async () => {
    const res = await fetch(origin + "/health/live");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});
