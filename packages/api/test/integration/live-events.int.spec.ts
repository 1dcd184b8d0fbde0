import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ok, startTestApi, type TestApi } from "../harness/api";
import { sleep, subscribe } from "../harness/subscriber";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";
import { gqlAs, register } from "../harness/ticket-flow";

const HOUR = 3600_000;

async function sequenceNow(t: TestApi, f: TenantFixture): Promise<number> {
  return ok(await t.gql(`query($o: ID!) { board(officeId: $o) { asOfSequence } }`, { o: f.officeA }, { token: f.tokens.admin }))
    .board.asOfSequence;
}

const contiguous = (messages: { sequence: number }[]) =>
  messages.every((m, i) => i === 0 || m.sequence > messages[i - 1]!.sequence);

describe("live ticket events across two API instances on one database", () => {
  let a: TestApi;
  let b: TestApi;
  let f: TenantFixture;
  let other: TenantFixture;

  beforeAll(async () => {
    [a, b] = await Promise.all([startTestApi({ sweepIntervalMs: 200 }), startTestApi({ sweepIntervalMs: 200 })]);
    f = await createTenantFixture(a, "live");
    other = await createTenantFixture(a, "live-other");
  });
  afterAll(async () => {
    await Promise.all([a.stop(), b.stop()]);
  });

  it("a ticket registered through instance A reaches a subscriber on instance B, with its card", async () => {
    const after = await sequenceNow(a, f);
    const sub = subscribe(b.wsUrl, f.tokens.managerA, { after });
    const ticket = await register(a, f.tokens.staffA, { type: "REPAIR", channel: "PHONE", unitId: f.unitA, content: "水管爆裂" });
    const [message] = await sub.until((r) => r.some((m) => m.ticketId === ticket.id));
    expect(message).toMatchObject({
      kind: "CREATED",
      ticketId: ticket.id,
      officeId: f.officeA,
      ticket: { number: ticket.number, status: "NEW" },
    });
    expect(message!.sequence).toBe(after + 1);
    await sub.dispose();
  });

  it("an office's subscriber gets only its office's events; a head-office subscriber gets every office's", async () => {
    const after = await sequenceNow(a, f);
    const officeA = subscribe(b.wsUrl, f.tokens.managerA, { after });
    const head = subscribe(a.wsUrl, f.tokens.hoManager, { after });
    const inB = await register(a, f.tokens.staffB, { type: "HELP", channel: "PHONE", officeId: f.officeB, content: "B区求助" });
    const inA = await register(a, f.tokens.staffA, { type: "HELP", channel: "PHONE", officeId: f.officeA, content: "A区求助" });
    await officeA.until((r) => r.some((m) => m.ticketId === inA.id));
    await head.until((r) => r.some((m) => m.ticketId === inA.id) && r.some((m) => m.ticketId === inB.id));
    expect(officeA.received.every((m) => m.officeId === f.officeA)).toBe(true);
    expect(officeA.received.some((m) => m.ticketId === inB.id)).toBe(false);
    await Promise.all([officeA.dispose(), head.dispose()]);
  });

  it("failing: another group's subscriber never receives anything of this group, and cannot name its office", async () => {
    const stranger = subscribe(b.wsUrl, other.tokens.admin, { after: 0 });
    const named = subscribe(b.wsUrl, other.tokens.admin, { officeId: f.officeA });
    await register(a, f.tokens.staffA, { type: "COMPLAINT", channel: "PHONE", officeId: f.officeA, content: "别的集团不应看到" });
    await named.until((_r) => named.errors.length > 0);
    expect(JSON.stringify(named.errors)).toContain("NOT_FOUND");
    await sleep(1500);
    const ours = new Set(
      ok(await a.gql(`{ tickets(first: 500) { nodes { id } } }`, {}, { token: f.tokens.admin })).tickets.nodes.map(
        (n: { id: string }) => n.id,
      ),
    );
    expect(stranger.received.filter((m) => ours.has(m.ticketId))).toEqual([]);
    expect(stranger.received.every((m) => m.officeId !== f.officeA && m.officeId !== f.officeB)).toBe(true);
    await Promise.all([stranger.dispose(), named.dispose()]);
  });

  it("a board that disconnects, misses events and reconnects with `after` receives exactly the missed ones, in order, then live ones", async () => {
    const start = await sequenceNow(a, f);
    const first = subscribe(b.wsUrl, f.tokens.managerA, { after: start });
    const t1 = await register(a, f.tokens.staffA, { type: "REPAIR", channel: "PHONE", officeId: f.officeA, content: "第一件" });
    const [seen] = await first.until((r) => r.some((m) => m.ticketId === t1.id));
    await first.dispose();

    const missed = [];
    for (const content of ["错过一", "错过二", "错过三"])
      missed.push(await register(a, f.tokens.staffA, { type: "REPAIR", channel: "PHONE", officeId: f.officeA, content }));
    const second = subscribe(a.wsUrl, f.tokens.managerA, { after: seen!.sequence });
    await second.until((r) => r.length >= 3);
    const live = await register(a, f.tokens.staffA, { type: "REPAIR", channel: "PHONE", officeId: f.officeA, content: "重连后" });
    const all = await second.until((r) => r.some((m) => m.ticketId === live.id));
    expect(all.map((m) => m.ticketId)).toEqual([...missed.map((m) => m.id), live.id]);
    expect(all.map((m) => m.sequence)).toEqual([seen!.sequence + 1, seen!.sequence + 2, seen!.sequence + 3, seen!.sequence + 4]);
    await second.dispose();
  });

  it("a deadline passing produces exactly one overdue event, within seconds, with both instances sweeping", async () => {
    const after = await sequenceNow(a, f);
    const sub = subscribe(b.wsUrl, f.tokens.managerA, { after, kinds: ["DUE_SOON", "REPLY_OVERDUE"] });
    // A general complaint is to be answered within 2 hours: received 2 hours minus 3 seconds ago.
    const receivedAt = new Date(Date.now() - 2 * HOUR + 3000);
    const ticket = await register(a, f.tokens.staffA, {
      type: "COMPLAINT",
      channel: "PHONE",
      officeId: f.officeA,
      content: "马上超时",
      receivedAt: receivedAt.toISOString(),
    });
    const due = new Date(ticket.replyDueAt).getTime();
    await sub.until((r) => r.some((m) => m.ticketId === ticket.id && m.kind === "REPLY_OVERDUE"), 15_000);
    const arrived = Date.now();
    expect(arrived - due).toBeLessThan(3000);
    await sleep(1500); // both sweepers keep running
    const mine = sub.received.filter((m) => m.ticketId === ticket.id);
    expect(mine.map((m) => m.kind)).toEqual(["DUE_SOON", "REPLY_OVERDUE"]);
    const timeline = ok(
      await a.gql(
        `query($id: ID!) { ticket(id: $id) { replyOverdue timeline { kind actor { id } } } }`,
        { id: ticket.id },
        { token: f.tokens.admin },
      ),
    ).ticket;
    expect(timeline.replyOverdue).toBe(true);
    expect(timeline.timeline.filter((e: { kind: string }) => e.kind === "REPLY_OVERDUE")).toEqual([
      { kind: "REPLY_OVERDUE", actor: null },
    ]);
    await sub.dispose();
  });

  it("killing the listener's database connection loses no event: it reconnects and catches up", async () => {
    const after = await sequenceNow(a, f);
    const sub = subscribe(b.wsUrl, f.tokens.hoManager, { after });
    await sleep(300);
    const admin = new Client({ connectionString: inject("adminDatabaseUrl") });
    await admin.connect();
    const pid = b.api.listener.backendPid;
    expect(pid).not.toBeNull();
    await admin.query("select pg_terminate_backend($1)", [pid]);
    const during: { id: string }[] = [];
    for (let i = 0; i < 5; i++)
      during.push(
        await register(a, f.tokens.staffA, { type: "REPAIR", channel: "PHONE", officeId: f.officeA, content: `断线期间 ${i}` }),
      );
    await admin.end();
    const all = await sub.until((r) => during.every((d) => r.some((m) => m.ticketId === d.id)), 15_000);
    expect(contiguous(all)).toBe(true);
    expect(new Set(all.map((m) => m.sequence)).size).toBe(all.length);
    expect(b.api.listener.connected).toBe(true);
    await sub.dispose();
  });

  it("the change feed pages through the log without missing or repeating anything", async () => {
    const seen: number[] = [];
    let after = 0;
    for (;;) {
      const page = ok(
        await b.gql(
          `query($after: Int!) { events(after: $after, first: 7) { lastSequence hasMore events { sequence officeId } } }`,
          { after },
          { token: f.tokens.api },
        ),
      ).events;
      seen.push(...page.events.map((e: { sequence: number }) => e.sequence));
      after = page.lastSequence;
      if (!page.hasMore) break;
    }
    expect(seen.length).toBeGreaterThan(10);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(new Set(seen).size).toBe(seen.length);
    const latest = await sequenceNow(a, f);
    expect(seen.at(-1)).toBe(latest);
  });

  it("the board lists open tickets in lanes; subscribing after its asOfSequence continues exactly from there", async () => {
    const late = await register(a, f.tokens.staffA, {
      type: "COMPLAINT",
      channel: "PHONE",
      officeId: f.officeA,
      content: "看板超时",
      receivedAt: new Date(Date.now() - 3 * HOUR).toISOString(),
    });
    const board = ok(
      await b.gql(
        `query($o: ID!) { board(officeId: $o) { asOfSequence counts { newTickets inProgress overdue total } newTickets { id } overdue { id replyOverdue } } }`,
        { o: f.officeA },
        { token: f.tokens.managerA },
      ),
    ).board;
    expect(board.overdue.map((c: { id: string }) => c.id)).toContain(late.id);
    expect(board.counts.total).toBe(board.counts.newTickets + board.counts.inProgress + board.counts.overdue);
    const sub = subscribe(b.wsUrl, f.tokens.managerA, { after: board.asOfSequence });
    const next = await register(a, f.tokens.staffA, { type: "HELP", channel: "VISIT", officeId: f.officeA, content: "看板之后" });
    const received = await sub.until((r) => r.some((m) => m.ticketId === next.id));
    expect(received[0]!.sequence).toBeGreaterThan(board.asOfSequence);
    expect(received.some((m) => m.ticketId === late.id && m.kind === "CREATED")).toBe(false);
    await sub.dispose();
  });
});

describe("sockets end when their session does", () => {
  let t: TestApi;
  let f: TenantFixture;

  beforeAll(async () => {
    t = await startTestApi({ sweeper: false });
    f = await createTenantFixture(t, "sock");
  });
  afterAll(() => t.stop());

  it("deactivating a staff member closes their open subscriptions with 4401", async () => {
    const sub = subscribe(t.wsUrl, f.tokens.staffB, {});
    await sleep(300);
    await gqlAs(t, f.tokens.admin)(`mutation($id: ID!) { updateStaff(id: $id, input: { active: false }) { id } }`, {
      id: f.staff.staffB,
    });
    expect(await Promise.race([sub.closed, sleep(5000).then(() => -1)])).toBe(4401);
  });

  it("revoking an API token closes its subscriptions with 4401", async () => {
    const sub = subscribe(t.wsUrl, f.tokens.api, {});
    await sleep(300);
    await gqlAs(t, f.tokens.admin)(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: f.apiTokenId });
    expect(await Promise.race([sub.closed, sleep(5000).then(() => -1)])).toBe(4401);
  });

  it("a session token that expires ends the socket at its expiry", async () => {
    const short = await startTestApi({ sweeper: false, config: { jwtTtlSeconds: 2 } });
    try {
      const token = ok(
        await short.gql(
          `mutation($s: String!, $e: String!) { login(tenantSlug: $s, email: $e, password: "correct-horse-battery") { token } }`,
          { s: f.slug, e: `ma@${f.slug}.test` },
        ),
      ).login.token;
      const sub = subscribe(short.wsUrl, token, {});
      const started = Date.now();
      expect(await Promise.race([sub.closed, sleep(6000).then(() => -1)])).toBe(4401);
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      await short.stop();
    }
  });
});

describe("event sequence numbers become visible in order under concurrent writers", () => {
  it("a reader polling 'after N' never sees a gap, however commits interleave", async () => {
    const t = await startTestApi({ sweeper: false });
    const f = await createTenantFixture(t, "order");
    const ticket = await register(t, f.tokens.staffA, { type: "REPAIR", channel: "PHONE", officeId: f.officeA, content: "并发" });
    await t.stop();
    const url = inject("appDatabaseUrl");
    const start = async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      return c;
    };
    const reader = await start();
    const writers = await Promise.all(Array.from({ length: 8 }, start));
    await reader.query("begin");
    await reader.query("select set_config('app.tenant_id', $1, true)", [f.tenantId]);
    const base = Number((await reader.query<{ s: string }>("select coalesce(max(seq), 0) as s from ticket_event")).rows[0]!.s);
    await reader.query("commit");
    let last = base;
    let gaps = 0;
    let done = false;
    const perWriter = 15;
    const writing = writers.map(async (c) => {
      for (let i = 0; i < perWriter; i++) {
        await c.query("begin");
        await c.query("select set_config('app.tenant_id', $1, true)", [f.tenantId]);
        await c.query(
          "insert into ticket_event (tenant_id, ticket_id, office_id, kind, at) values ($1, $2, $3, 'NOTE_ADDED', now())",
          [f.tenantId, ticket.id, f.officeA],
        );
        await c.query(`select pg_sleep(${(Math.random() * 0.02).toFixed(3)})`);
        await c.query("commit");
      }
    });
    const reading = (async () => {
      while (!done || last < base + writers.length * perWriter) {
        await reader.query("begin");
        await reader.query("select set_config('app.tenant_id', $1, true)", [f.tenantId]);
        const { rows } = await reader.query<{ seq: string }>(
          "select seq from ticket_event where tenant_id = $1 and seq > $2 order by seq",
          [f.tenantId, last],
        );
        await reader.query("commit");
        for (const row of rows) {
          if (Number(row.seq) !== last + 1) gaps++;
          last = Number(row.seq);
        }
      }
    })();
    await Promise.all(writing);
    done = true;
    await reading;
    expect(gaps).toBe(0);
    expect(last).toBe(base + writers.length * perWriter);
    await Promise.all([reader.end(), ...writers.map((w) => w.end())]);
  });
});
