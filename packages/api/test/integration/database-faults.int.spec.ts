import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../../src/database/bootstrap";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../src/database/embedded-postgres";
import type { DatabaseLimits } from "../../src/database/orm";
import { ok, startTestApi, type TestApi } from "../harness/api";
import { board, registerOverHttp, writerLoop, wsRegistrar, waitUntil, HANG_MS, type Attempt } from "../harness/fault-load";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";

/**
 * PostgreSQL fails while tickets are being registered through two API instances and boards are subscribed:
 * connections are killed, the server restarts cleanly, then crashes and stays down for a few seconds. Every
 * acknowledged registration must be in the database afterwards, every other answer a clean GraphQL error with
 * a code (never a hang or a 500), and every board must end up with every event exactly once, in order.
 *
 * This file runs its own embedded PostgreSQL (never the run's shared server, even when DATABASE_URL points at
 * one), so restarting it disturbs no other test file. Commits are synchronous on it: a crash may lose only
 * what was never acknowledged.
 */
const LIMITS: DatabaseLimits = {
  acquireTimeoutMs: 2_000,
  connectTimeoutMs: 2_000,
  statementTimeoutMs: 4_000,
  idleInTransactionTimeoutMs: 10_000,
};
/** The longest a failing answer may take: a connection wait, a connect attempt and a statement, plus slack for a busy machine. */
const ANSWER_BOUND_MS = LIMITS.acquireTimeoutMs + LIMITS.connectTimeoutMs + LIMITS.statementTimeoutMs + 4_000;
const OUTAGE_MS = 3_000;

let pg: EmbeddedServer;
let adminUrl: string;
let appUrl: string;
let writer: TestApi;
let reader: TestApi;
let f: TenantFixture;

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const ticketsByKey = () =>
  admin(async (c) => {
    const { rows } = await c.query<{ id: string; key: string }>(
      "select id, idempotency_key as key from ticket where tenant_id = $1 and idempotency_key is not null",
      [f.tenantId],
    );
    return rows;
  });

const eventSequences = () =>
  admin(async (c) => {
    const { rows } = await c.query<{ seq: string }>(
      "select seq from ticket_event where tenant_id = $1 and seq is not null order by seq",
      [f.tenantId],
    );
    return rows.map((r) => Number(r.seq));
  });

beforeAll(async () => {
  pg = await startEmbeddedPostgres({
    dataDir: mkdtempSync(path.join(tmpdir(), "psp-fault-pg-")),
    password: randomBytes(12).toString("base64url"),
    persistent: false,
    flags: ["-c", "synchronous_commit=on"],
  });
  adminUrl = pg.adminUrl("psp_faults");
  ({ appUrl } = await prepareDatabase({ adminUrl, appRolePassword: randomBytes(12).toString("base64url") }));
  const options = { databaseUrl: appUrl, config: { databaseLimits: LIMITS }, resyncIntervalMs: 1_000 };
  writer = await startTestApi(options);
  reader = await startTestApi(options);
  f = await createTenantFixture(writer, "faults");
}, 180_000);

afterAll(async () => {
  await writer?.stop().catch(() => undefined);
  await reader?.stop().catch(() => undefined);
  await pg?.stop();
});

describe("PostgreSQL killed, restarted and crashed under load", () => {
  it("loses no acknowledged registration, answers every request cleanly and in bounded time, and boards miss no event", async () => {
    const attempts: Attempt[] = [];
    const probes: { what: string; ms: number; status?: number; code?: number | string }[] = [];
    const steady = board(reader.wsUrl, f.tokens.admin, { resume: false });
    const resuming = board(writer.wsUrl, f.tokens.admin, { resume: true, after: 0 });
    const socketWriter = wsRegistrar(writer.wsUrl, f.tokens.staffA);
    const writers = [
      writerLoop(() => registerOverHttp(writer.url, f.tokens.staffA), attempts),
      writerLoop(() => registerOverHttp(writer.url, f.tokens.staffB), attempts),
      writerLoop(() => registerOverHttp(reader.url, f.tokens.managerA), attempts),
      writerLoop(() => registerOverHttp(reader.url, f.tokens.managerB), attempts),
      writerLoop(() => socketWriter.register(), attempts),
    ];
    const acks = () => attempts.filter((a) => a.outcome === "ack").length;
    const moreAcks = async (n: number, what: string) => {
      const target = acks() + n;
      await waitUntil(`${n} more registrations succeed ${what}`, () => acks() >= target, 90_000);
    };

    try {
      await moreAcks(15, "before any fault");

      // Fault 1: every connection of the app role is killed (pooled ones and the LISTEN connection).
      await admin((c) => c.query("select pg_terminate_backend(pid) from pg_stat_activity where usename = 'psp_app'"));
      await moreAcks(15, "after the connections were killed");

      // Fault 2: a clean restart (fast shutdown terminates every session), straight back up.
      await pg.halt("fast");
      await pg.resume();
      await moreAcks(15, "after a restart");

      // Fault 3: a crash (immediate shutdown), down for a few seconds, then crash recovery.
      await pg.halt("immediate");
      const downAt = Date.now();
      resuming.drop();
      const readyStarted = Date.now();
      const ready = await fetch(writer.url.replace(/\/graphql$/, "/health/ready"), { signal: AbortSignal.timeout(HANG_MS) });
      probes.push({ what: "readiness", ms: Date.now() - readyStarted, status: ready.status });
      const wsStarted = Date.now();
      const closeCode = await new Promise<number>((resolve) => {
        const probe = createClient({
          url: writer.wsUrl,
          webSocketImpl: WebSocket,
          lazy: false,
          onNonLazyError: () => undefined,
          retryAttempts: 0,
          connectionParams: { authorization: `Bearer ${f.tokens.staffA}` },
          on: { closed: (event) => resolve((event as { code: number }).code) },
        });
        setTimeout(() => void probe.dispose(), HANG_MS);
      });
      probes.push({ what: "websocket connect", ms: Date.now() - wsStarted, code: closeCode });
      await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - downAt))));
      await pg.resume();
      await moreAcks(15, "after the crash");
    } finally {
      await Promise.all(writers.map((w) => w.stop()));
      await socketWriter.dispose();
    }

    // No hang, no broken answer: every request got data or a GraphQL error with a code, within the bounds.
    const failed = attempts.filter((a) => a.outcome !== "ack");
    expect(attempts.filter((a) => a.outcome === "hang" || a.outcome === "transport")).toEqual([]);
    expect(failed.length, "the outage must have been noticed").toBeGreaterThan(0);
    for (const a of failed) {
      expect(a.code, a.detail).toBe("SERVICE_UNAVAILABLE");
      expect(a.reason, a.detail).toBe("DATABASE_UNAVAILABLE");
      if (a.via === "http") expect(a.status, a.detail).toBe(503);
      expect(a.ms, a.detail).toBeLessThan(ANSWER_BOUND_MS);
    }
    expect(attempts.every((a) => a.status !== 500)).toBe(true);
    expect(probes).toEqual([
      { what: "readiness", ms: expect.any(Number), status: 503 },
      // 1013 Try Again Later: graphql-ws clients reconnect by themselves.
      { what: "websocket connect", ms: expect.any(Number), code: 1013 },
    ]);
    for (const p of probes) expect(p.ms, p.what).toBeLessThan(ANSWER_BOUND_MS);

    // Every acknowledged registration is in the database, under its key.
    const stored = new Map((await ticketsByKey()).map((r) => [r.key, r.id]));
    const acked = attempts.filter((a) => a.outcome === "ack");
    for (const a of acked) expect(stored.get(a.key), `acknowledged ${a.key}`).toBe(a.ticketId);

    // Retrying every failed registration with its key registers each exactly once (some may have committed
    // although their answer was an error: the retry returns that ticket, never a second one).
    for (const a of failed) {
      const retried = await registerOverHttp(writer.url, a.token, a.key);
      expect(retried.outcome, retried.detail).toBe("ack");
    }
    const after = await ticketsByKey();
    const keys = new Set(attempts.map((a) => a.key));
    expect(after.length).toBe(keys.size);
    expect(new Set(after.map((r) => r.key))).toEqual(keys);

    // Both boards converge on the log: every event exactly once, in order, nothing skipped.
    const log = await eventSequences();
    const last = log[log.length - 1]!;
    await waitUntil(
      "both boards have seen the last event",
      () => steady.sequences.at(-1) === last && resuming.sequences.at(-1) === last,
      60_000,
    );
    expect(resuming.sequences).toEqual(log);
    const first = steady.sequences[0]!;
    expect(steady.sequences).toEqual(log.filter((s) => s >= first));
    expect(steady.ends, "the server kept the live board's subscription through every fault").toEqual([]);
    expect(resuming.closeCodes.filter((c) => c === 4500 || c === 4400)).toEqual([]);

    // Fully working again.
    const health = await fetch(writer.url.replace(/\/graphql$/, "/health/ready"));
    expect(health.status).toBe(200);
    await steady.stop();
    await resuming.stop();
    console.info(
      `database faults: 3 (connections killed, restart, crash with ${OUTAGE_MS} ms outage); ${attempts.length} registrations, ` +
        `${acked.length} acknowledged and all stored, ${failed.length} answered SERVICE_UNAVAILABLE (slowest ${Math.max(...failed.map((a) => a.ms))} ms), ` +
        `0 hangs; ${log.length} events, each seen once by both boards`,
    );
  }, 300_000);
});

describe("waits are bounded when the database is slow or saturated", () => {
  it("a lock held elsewhere ends requests at the statement timeout, a full pool at the acquire timeout; nothing is half-written", async () => {
    const narrow = await startTestApi({
      databaseUrl: appUrl,
      poolMax: 2,
      sweeper: false,
      config: { databaseLimits: { ...LIMITS, acquireTimeoutMs: 1_000, statementTimeoutMs: 2_000 } },
    });
    const locker = new Client({ connectionString: adminUrl });
    await locker.connect();
    try {
      // A migration or a stuck session holding the ticket table.
      await locker.query("begin");
      await locker.query("lock table ticket in access exclusive mode");
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 6 }, () => registerOverHttp(narrow.url, f.tokens.staffA)));
      const elapsed = Date.now() - started;
      for (const r of results) {
        expect(r.outcome, r.detail).toBe("error");
        expect(r).toMatchObject({ code: "SERVICE_UNAVAILABLE", status: 503 });
        expect(r.ms).toBeLessThan(2_000 + 1_000 + 4_000);
      }
      expect(elapsed).toBeLessThan(HANG_MS);
      await locker.query("rollback");

      const keys = results.map((r) => r.key);
      const stored = await admin(
        async (c) => (await c.query("select count(*)::int as n from ticket where idempotency_key = any($1)", [keys])).rows[0].n,
      );
      expect(stored).toBe(0);
      const again = await registerOverHttp(narrow.url, f.tokens.staffA);
      expect(again.outcome, again.detail).toBe("ack");
      ok(await narrow.gql(`{ me { staff { id } } }`, {}, { token: f.tokens.staffA }));
    } finally {
      await locker.end().catch(() => undefined);
      await narrow.stop();
    }
  }, 120_000);
});
