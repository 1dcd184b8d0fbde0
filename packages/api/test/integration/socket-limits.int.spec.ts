import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";
import { wsConnect, type WsConnection } from "../harness/ws-client";

const EVENTS = `subscription { ticketEvents { sequence } }`;

/** The HTTP status of a WebSocket upgrade with this Origin header (101 when accepted). */
function upgradeStatus(url: string, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, "graphql-transport-ws", origin ? { headers: { origin } } : {});
    socket.once("open", () => {
      socket.close();
      resolve(101);
    });
    socket.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once("error", (error) => {
      if (!String(error).includes("Unexpected server response")) reject(error);
    });
  });
}

describe("WebSocket upgrades are checked against allowed origins", () => {
  let open: TestApi;
  let listed: TestApi;
  beforeAll(async () => {
    [open, listed] = await Promise.all([
      startTestApi(),
      startTestApi({ config: { corsOrigins: ["https://console.example.com"] } }),
    ]);
  });
  afterAll(() => Promise.all([open?.stop(), listed?.stop()]));

  it("without CORS_ORIGINS: the API's own origin, pages on this machine and non-browser clients may connect; other sites may not (403)", async () => {
    const self = new URL(open.url).origin;
    expect(await upgradeStatus(open.wsUrl, self)).toBe(101);
    expect(await upgradeStatus(open.wsUrl, "http://localhost:5173")).toBe(101);
    expect(await upgradeStatus(open.wsUrl)).toBe(101);
    for (const origin of ["https://evil.example", "http://127.0.0.1.evil.example", "null", "not a url"]) {
      expect(await upgradeStatus(open.wsUrl, origin), origin).toBe(403);
    }
  });

  it("with CORS_ORIGINS: only the listed origins and the API's own", async () => {
    expect(await upgradeStatus(listed.wsUrl, "https://console.example.com")).toBe(101);
    expect(await upgradeStatus(listed.wsUrl, new URL(listed.url).origin)).toBe(101);
    expect(await upgradeStatus(listed.wsUrl, "http://localhost:5173")).toBe(403);
    expect(await upgradeStatus(listed.wsUrl, "https://console.example.com.evil.example")).toBe(403);
  });
});

describe("caps on connections per user and subscriptions per connection", () => {
  let t: TestApi;
  let f: TenantFixture;
  const open: WsConnection[] = [];
  beforeAll(async () => {
    t = await startTestApi({ config: { security: { maxConnectionsPerUser: 3, maxSubscriptionsPerConnection: 2 } } });
    f = await createTenantFixture(t, "caps");
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.dispose()));
    await t?.stop();
  });
  const connect = (token: string) => {
    const c = wsConnect(t.wsUrl, token);
    open.push(c);
    return c;
  };

  it("a user's 4th connection is closed with 1008 naming the cap; other users are unaffected; closing one frees a slot", async () => {
    const three = [connect(f.tokens.staffA), connect(f.tokens.staffA), connect(f.tokens.staffA)];
    await Promise.all(three.map((c) => c.connected));
    const fourth = connect(f.tokens.staffA);
    expect(await fourth.closed).toBe(1008);
    const colleague = connect(f.tokens.staffB);
    await colleague.connected;
    await three[0]!.dispose();
    await three[0]!.closed;
    // The server notices the close asynchronously; a new connection succeeds once it has.
    let again = connect(f.tokens.staffA);
    for (let attempt = 0; attempt < 20; attempt++) {
      const outcome = await Promise.race([again.connected.then(() => "connected"), again.closed.then((code) => code)]);
      if (outcome === "connected") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
      again = connect(f.tokens.staffA);
    }
    await again.connected;
    expect((await again.run("{ me { kind } }")).data).toEqual({ me: { kind: "STAFF" } });
  });

  it("a 3rd subscription on one connection is refused with TOO_MANY_SUBSCRIPTIONS; the first two keep running; completing one frees a slot", async () => {
    const c = connect(f.tokens.managerA);
    await c.connected;
    const subscriptions = [c.client.iterate({ query: EVENTS }), c.client.iterate({ query: EVENTS })];
    // Both are registered once the server answers an operation sent after them.
    subscriptions.forEach((s) => void s.next().catch(() => undefined));
    await c.run("{ me { kind } }");
    // An accepted third subscription would wait for events: give up after 10 s rather than hang.
    const third = await Promise.race([
      c.run(EVENTS),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("the 3rd subscription was accepted")), 10_000)),
    ]);
    expect(third.errors?.[0]?.extensions).toEqual({ code: "TOO_MANY_REQUESTS", reason: "TOO_MANY_SUBSCRIPTIONS", limit: 2 });
    // Queries are not subscriptions: they still run.
    expect((await c.run("{ me { kind } }")).data).toEqual({ me: { kind: "STAFF" } });
    await subscriptions[0]!.return?.();
    let replaced: { errors?: unknown[] } = {};
    for (let attempt = 0; attempt < 20; attempt++) {
      const next = c.client.iterate({ query: EVENTS });
      const first = Promise.race([next.next().then(() => "event"), new Promise((r) => setTimeout(() => r("running"), 300))]);
      const outcome = await first.catch((errors) => ({ errors }));
      if (outcome === "running") {
        replaced = {};
        await next.return?.();
        break;
      }
      replaced = outcome as { errors?: unknown[] };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(replaced.errors).toBeUndefined();
  });
});
