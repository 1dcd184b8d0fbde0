import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestApi, type TestApi } from "../harness/api";
import { createTenantFixture, TEST_PASSWORD, type TenantFixture } from "../harness/tenant-fixture";
import { wsConnect } from "../harness/ws-client";

/** Addresses from the documentation ranges, sent as X-Forwarded-For through the trusted loopback proxy. */
let nextAddress = 1;
const freshAddress = () => `198.51.100.${nextAddress++}`;
const from = (address: string) => ({ headers: { "x-forwarded-for": address } });

const LOGIN = `mutation($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { token } }`;
const tried = { operations: 0, signIns: 0 };

describe("operation rate limits per caller", () => {
  const LIMITS = { rateLimitPoints: 5, anonymousRateLimitPoints: 3, rateLimitWindowSeconds: 600, trustProxy: "loopback" };
  let t: TestApi;
  let f: TenantFixture;

  beforeAll(async () => {
    // The fixture signs in many times from one address: create it on an unlimited instance.
    const setup = await startTestApi();
    f = await createTenantFixture(setup, "rate");
    await setup.stop();
    t = await startTestApi({ config: { security: LIMITS } });
  });
  afterAll(() => t?.stop());

  const me = (token: string) => t.post({ query: "{ me { kind } }" }, { token });

  it("a staff member gets 5 operations per window, counted down in RateLimit headers, then 429 with Retry-After — HTTP and WebSocket share the budget", async () => {
    for (let i = 1; i <= 4; i++) {
      tried.operations++;
      const response = await me(f.tokens.staffA);
      expect(response.status).toBe(200);
      expect(response.headers.get("ratelimit-limit")).toBe("5");
      expect(response.headers.get("ratelimit-remaining")).toBe(String(5 - i));
    }
    const ws = wsConnect(t.wsUrl, f.tokens.staffA);
    try {
      tried.operations += 2;
      expect((await ws.run("{ me { kind } }")).data).toEqual({ me: { kind: "STAFF" } });
      const refusedOnSocket = await ws.run("{ me { kind } }");
      expect(refusedOnSocket.errors?.[0]?.extensions).toMatchObject({
        code: "TOO_MANY_REQUESTS",
        reason: "RATE_LIMITED",
        limit: 5,
      });
    } finally {
      await ws.dispose();
    }
    tried.operations++;
    const refused = await me(f.tokens.staffA);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(600);
    const body = (await refused.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions).toEqual({ code: "TOO_MANY_REQUESTS", reason: "RATE_LIMITED", retryAfter, limit: 5 });
    expect(body.errors[0]!.message).toMatch(/at most 5 operations per 600 s/);
  });

  it("another staff member and an API token of the same group have budgets of their own", async () => {
    tried.operations += 2;
    expect((await me(f.tokens.staffB)).status).toBe(200);
    expect((await me(f.tokens.api)).status).toBe(200);
  });

  it("callers without a valid token are counted per address: 3 operations, then 429 for that address only", async () => {
    const [a, b] = [freshAddress(), freshAddress()];
    for (let i = 0; i < 3; i++) {
      tried.operations++;
      expect((await t.post({ query: "{ __typename }" }, from(a))).status).toBe(200);
    }
    tried.operations += 3;
    expect((await t.post({ query: "{ __typename }" }, from(a))).status).toBe(429);
    // A forged token does not buy a fresh budget: it is counted as its address.
    expect((await t.post({ query: "{ __typename }" }, { ...from(a), token: "forged.token.value" })).status).toBe(429);
    expect((await t.post({ query: "{ __typename }" }, from(b))).status).toBe(200);
  });

  it("a budget is spent per window and returns when the window has passed", async () => {
    const short = await startTestApi({ config: { security: { ...LIMITS, rateLimitPoints: 2, rateLimitWindowSeconds: 3 } } });
    try {
      const post = () => short.post({ query: "{ me { kind } }" }, { token: f.tokens.managerA });
      tried.operations += 4;
      expect((await post()).status).toBe(200);
      expect((await post()).status).toBe(200);
      const refused = await post();
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeLessThanOrEqual(3);
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 250));
      expect((await post()).status).toBe(200);
    } finally {
      await short.stop();
    }
  });
});

describe("sign-in throttling", () => {
  const LIMITS = {
    loginMaxFailuresPerAccount: 3,
    loginMaxFailuresPerAddress: 6,
    loginWindowSeconds: 600,
    trustProxy: "loopback",
  };
  let t: TestApi;
  let other: TestApi;
  let f: TenantFixture;
  let admin: Client;

  beforeAll(async () => {
    const setup = await startTestApi();
    f = await createTenantFixture(setup, "throttle");
    await setup.stop();
    // Two instances on one database: the counts are shared.
    [t, other] = await Promise.all([
      startTestApi({ config: { security: LIMITS } }),
      startTestApi({ config: { security: LIMITS } }),
    ]);
    admin = new Client({ connectionString: inject("adminDatabaseUrl") });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await Promise.all([t?.stop(), other?.stop()]);
  });

  const signIn = async (api: TestApi, email: string, password: string, address: string) => {
    tried.signIns++;
    const response = await api.post({ query: LOGIN, variables: { s: f.slug, e: email, p: password } }, from(address));
    const body = (await response.json()) as {
      data?: { login: { token: string } } | null;
      errors?: { extensions: Record<string, any> }[];
    };
    return { status: response.status, retryAfter: response.headers.get("retry-after"), body };
  };
  const reason = (r: Awaited<ReturnType<typeof signIn>>) => r.body.errors?.[0]?.extensions.reason;

  it("after 3 wrong passwords for an account, every instance refuses it — even the right password, from any address — with 429", async () => {
    const email = `sa@${f.slug}.test`;
    const address = freshAddress();
    for (let i = 0; i < 3; i++)
      expect(reason(await signIn(i % 2 ? other : t, email, "wrong-password", address))).toBe("INVALID_CREDENTIALS");
    for (const [api, addr] of [
      [t, address],
      [other, freshAddress()],
    ] as const) {
      const refused = await signIn(api, email, TEST_PASSWORD, addr);
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({
        code: "TOO_MANY_REQUESTS",
        reason: "LOGIN_THROTTLED",
        limit: 3,
      });
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      expect(refused.body.errors?.[0]?.extensions.retryAfter).toBe(Number(refused.retryAfter));
    }
    // Other accounts are not affected.
    expect((await signIn(t, `sb@${f.slug}.test`, TEST_PASSWORD, freshAddress())).body.data?.login.token).toBeTruthy();
  });

  it("a successful sign-in forgives the account's earlier failures", async () => {
    const email = `mb@${f.slug}.test`;
    for (let round = 0; round < 3; round++) {
      // A fresh address each round: the address keeps its count, only the account is forgiven.
      const address = freshAddress();
      for (let i = 0; i < 2; i++) expect(reason(await signIn(t, email, "wrong-password", address))).toBe("INVALID_CREDENTIALS");
      expect((await signIn(other, email, TEST_PASSWORD, address)).body.data?.login.token).toBeTruthy();
    }
  });

  it("an address trying many accounts (existing or not) is refused after 6 failures, whichever account it tries next", async () => {
    const address = freshAddress();
    for (let i = 0; i < 6; i++) {
      expect(reason(await signIn(i % 2 ? other : t, `nobody${i}@${f.slug}.test`, "guess", address))).toBe("INVALID_CREDENTIALS");
    }
    const refused = await signIn(t, `ma@${f.slug}.test`, TEST_PASSWORD, address);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ reason: "LOGIN_THROTTLED", limit: 6 });
    expect((await signIn(t, `ma@${f.slug}.test`, TEST_PASSWORD, freshAddress())).body.data?.login.token).toBeTruthy();
  });

  it("sign-in through a WebSocket counts the same way", async () => {
    const email = `hm@${f.slug}.test`;
    // An address of its own: failures of other test files from 127.0.0.1 are in the same shared counters.
    const ws = wsConnect(t.wsUrl, f.tokens.admin, { "x-forwarded-for": freshAddress() });
    try {
      for (let i = 0; i < 3; i++) {
        tried.signIns++;
        const r = await ws.run(LOGIN, { s: f.slug, e: email, p: "wrong-password" });
        expect(r.errors?.[0]?.extensions?.reason).toBe("INVALID_CREDENTIALS");
      }
      tried.signIns++;
      const refused = await ws.run(LOGIN, { s: f.slug, e: email, p: TEST_PASSWORD });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "LOGIN_THROTTLED" });
    } finally {
      await ws.dispose();
    }
  });

  it("the shared counters hold hashes only: no email or address is stored", async () => {
    const { rows } = await admin.query<{ key: string }>("select key from login_throttle");
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows) {
      expect(key).toMatch(/^(account|address):[A-Za-z0-9_-]{43}$/);
      expect(key).not.toMatch(/@|198\.51/);
    }
  });
});

afterAll(() => console.info(`rate limits: inputs tried ${JSON.stringify(tried)}`));
