import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { REPO_ROOT } from "../../src/config";
import { gqlClient, startTestApi, TEST_PLATFORM_SECRET, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";
import { register } from "../harness/ticket-flow";
import { wsConnect } from "../harness/ws-client";

const EVENTS = `subscription { ticketEvents { sequence kind } }`;
const REGISTER = `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { id number } }`;
const DELAY_MS = 3000;

/**
 * Holds this group's ticket-number counters locked (as the owner, in an open transaction), so a registration
 * sent now is in flight — blocked inside its transaction — until `release`.
 */
async function holdTicketCounters(admin: Client, tenantId: string) {
  await admin.query("begin");
  await admin.query("select 1 from ticket_counter where tenant_id = $1 for update", [tenantId]);
  return {
    /** Resolves once `n` statements wait on the lock (the registrations really are in flight). */
    waiters: async (n: number) => {
      for (let i = 0; i < 400; i++) {
        const { rows } = await new Promise<{ rows: { n: string }[] }>((resolve, reject) => {
          const probe = new Client({ connectionString: inject("adminDatabaseUrl") });
          probe
            .connect()
            .then(() =>
              probe.query<{ n: string }>(
                "select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%ticket_counter%'",
              ),
            )
            .then(resolve, reject)
            .finally(() => void probe.end());
        });
        if (Number(rows[0]!.n) >= n) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`fewer than ${n} registrations waiting on the lock`);
    },
    release: () => admin.query("commit"),
  };
}

async function tenantIdOf(admin: Client, slug: string): Promise<string> {
  return (await admin.query<{ id: string }>("select id from tenant where slug = $1", [slug])).rows[0]!.id;
}

async function ticketsExist(admin: Client, ids: string[]): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    "select count(*) as n from ticket t where t.id = any($1) and exists (select 1 from ticket_event e where e.tenant_id = t.tenant_id and e.ticket_id = t.id)",
    [ids],
  );
  return Number(rows[0]!.n);
}

/** Polls until a new connection to `url` is refused: the instance has stopped accepting. */
async function refused(url: string): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

const ticketInput = (f: TenantFixture, content: string) => ({ type: "REPAIR", channel: "PHONE", unitId: f.unitA, content });

describe("graceful shutdown of an instance (startApi)", () => {
  let t: TestApi;
  let f: TenantFixture;
  let admin: Client;

  beforeAll(async () => {
    t = await startTestApi({ sweeper: false, config: { security: { shutdownDelayMs: DELAY_MS, shutdownGraceMs: 30_000 } } });
    f = await createTenantFixture(t, "drain");
    await register(t, f.tokens.staffA, ticketInput(f, "first of the day: creates the counter"));
    admin = new Client({ connectionString: inject("adminDatabaseUrl") });
    await admin.connect();
  });
  afterAll(() => admin?.end());

  it("reports not ready, keeps serving during the delay, stops accepting, finishes in-flight HTTP and WebSocket mutations, then closes sockets with 1012", async () => {
    const board = wsConnect(t.wsUrl, f.tokens.managerA);
    const writer = wsConnect(t.wsUrl, f.tokens.staffA);
    await Promise.all([board.connected, writer.connected]);
    void board.client
      .iterate({ query: EVENTS })
      .next()
      .catch(() => undefined);

    const lock = await holdTicketCounters(admin, await tenantIdOf(admin, f.slug));
    const overHttp = t.gql<{ registerTicket: { id: string } }>(
      REGISTER,
      { i: ticketInput(f, "in flight over HTTP") },
      { token: f.tokens.staffA },
    );
    const overWs = writer.run(REGISTER, { i: ticketInput(f, "in flight over the socket") });
    await lock.waiters(2);

    const stopped = t.stop();
    const health = new URL("/health/ready", t.url);
    const ready = await fetch(health);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "draining" });
    // During the delay the instance still answers (a load balancer has not noticed yet).
    expect((await t.gql(`{ __typename }`)).data).toEqual({ __typename: "Query" });

    expect(await refused(health.toString())).toBe(true);
    await lock.release();

    const http = await overHttp;
    expect(http.status).toBe(200);
    expect(http.errors).toBeUndefined();
    const ws = await overWs;
    expect(ws.errors).toBeUndefined();
    expect(await board.closed).toBe(1012);
    expect(await writer.closed).toBe(1012);
    await stopped;

    expect(await ticketsExist(admin, [http.data!.registerTicket.id, ws.data!.registerTicket.id])).toBe(2);
  });
});

describe("the product process as pnpm start runs it (node dist/main.js, NODE_ENV=production)", () => {
  let child: ChildProcess;
  let output = "";
  let url: string;
  let admin: Client;

  beforeAll(async () => {
    child = spawn(process.execPath, [path.join(REPO_ROOT, "packages/api/dist/main.js")], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: inject("adminDatabaseUrl"),
        APP_DATABASE_URL: inject("appDatabaseUrl"),
        PORT: "0",
        DATA_DIR: mkdtempSync(path.join(tmpdir(), "psp-shutdown-")),
        DEMO_DATA: "false",
        LOG_LEVEL: "info",
        PLATFORM_OPERATOR_SECRET: TEST_PLATFORM_SECRET,
        SHUTDOWN_DELAY_MS: String(DELAY_MS),
        SHUTDOWN_GRACE_MS: "30000",
        LOGIN_MAX_FAILURES_PER_ADDRESS: "1000",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (chunk) => (output += String(chunk)));
    child.stderr!.on("data", (chunk) => (output += String(chunk)));
    for (let i = 0; i < 600 && !/GraphQL API:\s+(\S+)/.test(output); i++) await new Promise((r) => setTimeout(r, 100));
    url = /GraphQL API:\s+(\S+)/.exec(output)?.[1] ?? "";
    expect(url, output).toMatch(/^http:/);
    admin = new Client({ connectionString: inject("adminDatabaseUrl") });
    await admin.connect();
  }, 90_000);
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await admin?.end();
  });

  it("lets a signed-in caller read the schema and refuses an anonymous one, whatever NODE_ENV says", async () => {
    const { gql, post } = gqlClient(url);
    const f = await createTenantFixture(
      { gql, post, url, wsUrl: url.replace(/^http/, "ws") } as unknown as TestApi,
      "introspect",
    );
    const INTROSPECT = "{ __schema { queryType { name } } }";
    const signedIn = await gql<{ __schema: { queryType: { name: string } } }>(INTROSPECT, {}, { token: f.tokens.staffA });
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data?.__schema.queryType.name).toBe("Query");
    const anonymous = await gql(INTROSPECT);
    expect(anonymous.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "INTROSPECTION_NOT_ALLOWED" });
  });

  it("on SIGTERM it finishes the in-flight registration, closes the board socket with 1012 and exits 0", async () => {
    const { gql, post } = gqlClient(url);
    const t = { gql, post, url, wsUrl: url.replace(/^http/, "ws") } as unknown as TestApi;
    const f = await createTenantFixture(t, "sigterm");
    await register(t, f.tokens.staffA, ticketInput(f, "creates the counter"));
    const board = wsConnect(t.wsUrl, f.tokens.managerA);
    await board.connected;
    void board.client
      .iterate({ query: EVENTS })
      .next()
      .catch(() => undefined);

    const lock = await holdTicketCounters(admin, await tenantIdOf(admin, f.slug));
    const inFlight = gql<{ registerTicket: { id: string } }>(
      REGISTER,
      { i: ticketInput(f, "registered as the server stops") },
      { token: f.tokens.staffA },
    );
    await lock.waiters(1);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");

    // The signal arrives asynchronously; within the delay readiness turns to 503 while requests are still served.
    let readyStatus = 0;
    for (let i = 0; i < 40 && readyStatus !== 503; i++) {
      readyStatus = (await fetch(new URL("/health/ready", url))).status;
      if (readyStatus !== 503) await new Promise((r) => setTimeout(r, 25));
    }
    expect(readyStatus).toBe(503);
    expect(await refused(new URL("/health/live", url).toString())).toBe(true);
    expect(await board.closed).toBe(1012);
    await lock.release();

    const result = await inFlight;
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
    expect(await exited).toBe(0);
    expect(output).toMatch(/draining/);
    expect(await ticketsExist(admin, [result.data!.registerTicket.id])).toBe(1);
  });
});
