import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fanoutStats } from "../../src/modules/events/audience-fanout";
import { startTestApi, type TestApi } from "../harness/api";
import { sleep, subscribe, type EventMessage, type Subscriber } from "../harness/subscriber";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";
import { register } from "../harness/ticket-flow";

const CREATED_ONLY = `subscription($officeId: ID) { ticketEvents(officeId: $officeId, kinds: [CREATED]) { sequence kind ticketId officeId } }`;

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(20);
  }
}

describe("live-board fan-out executes and serialises each event once per audience, scoping stays exact", () => {
  let t: TestApi;
  let f: TenantFixture;
  let other: TenantFixture;

  beforeAll(async () => {
    t = await startTestApi();
    f = await createTenantFixture(t, "fanout");
    other = await createTenantFixture(t, "fanout-other");
  });
  afterAll(() => t.stop());

  it("successful: many boards of one office, head-office boards, a filtered board and another group's boards each get exactly theirs", async () => {
    const boardsA = Array.from({ length: 12 }, () => subscribe(t.wsUrl, f.tokens.managerA, { officeId: f.officeA }));
    const heads = Array.from({ length: 4 }, () => subscribe(t.wsUrl, f.tokens.hoManager));
    const createdOnly = Array.from({ length: 3 }, () =>
      subscribe<EventMessage>(t.wsUrl, f.tokens.managerA, { officeId: f.officeA }, CREATED_ONLY),
    );
    const strangers = Array.from({ length: 3 }, () => subscribe(t.wsUrl, other.tokens.hoManager));
    const all: Subscriber<EventMessage>[] = [...boardsA, ...heads, ...createdOnly, ...strangers];
    await until(() => t.api.services.events.listenerCount === all.length);

    const before = fanoutStats.executions;
    const inA = [];
    for (let i = 0; i < 3; i++) {
      inA.push(await register(t, f.tokens.staffA, { type: "REPAIR", channel: "PHONE", officeId: f.officeA, content: `A ${i}` }));
    }
    const inB = await register(t, f.tokens.staffB, { type: "HELP", channel: "PHONE", officeId: f.officeB, content: "B" });
    const idsA = inA.map((x) => x.id);
    const has = (ids: string[]) => (r: EventMessage[]) => ids.every((id) => r.some((m) => m.ticketId === id));
    await Promise.all([...boardsA, ...createdOnly].map((s) => s.until(has(idsA))));
    await Promise.all(heads.map((s) => s.until(has([...idsA, inB.id]))));
    await sleep(300);

    const ticketIds = (s: Subscriber<EventMessage>) => s.received.map((m) => m.ticketId);
    for (const s of [...boardsA, ...createdOnly]) {
      expect(ticketIds(s)).toEqual(idsA);
      expect(s.received.every((m) => m.officeId === f.officeA && m.kind === "CREATED")).toBe(true);
    }
    // The same audience received the very same payload.
    expect(new Set(boardsA.map((s) => JSON.stringify(s.received))).size).toBe(1);
    for (const s of heads) expect(ticketIds(s)).toEqual([...idsA, inB.id]);
    for (const s of strangers) expect(s.received).toEqual([]);
    for (const s of all) expect(s.errors).toEqual([]);

    // Three audiences saw each ticket of office A (its boards, the filtered boards, the head office), one the
    // ticket of office B: 10 executions for 3 × 15 + 4 = 49 deliveries.
    expect(fanoutStats.executions - before).toBe(3 * 3 + 1);
    await Promise.all(all.map((s) => s.dispose()));
  });
});
