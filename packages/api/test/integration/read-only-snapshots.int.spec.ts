import { Utils } from "@mikro-orm/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledLookUps, readById, readByKeys, readRows } from "../../src/database/read-rows";
import { Staff } from "../../src/modules/staff/staff.entity";
import { TicketEvent } from "../../src/modules/tickets/ticket-event.entity";
import { withRequestScope } from "../../src/database/tenant-connection";
import { TenantDb, withTenant } from "../../src/database/tenant-db";
import { Unit } from "../../src/modules/property/unit.entity";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { ok, startTestApi, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";

/** A read-only request's unit of work, as an HTTP query gets it. */
async function readOnly<T>(t: TestApi, tenantId: string, fn: (db: TenantDb) => Promise<T>): Promise<T> {
  return withRequestScope(async () => {
    const db = new TenantDb(t.api.orm, tenantId, { readOnly: true });
    try {
      return await fn(db);
    } finally {
      await db.close(true);
    }
  });
}

describe("read-only requests read plain snapshots, transactions read managed entities", () => {
  let t: TestApi;
  let f: TenantFixture;
  let other: TenantFixture;
  let unitId: string;
  let ticketId: string;

  beforeAll(async () => {
    t = await startTestApi();
    f = await createTenantFixture(t, "snap");
    other = await createTenantFixture(t, "snap-other");
    unitId = ok(
      await t.gql(
        `mutation($p: ID!) { createUnit(input: { propertyId: $p, building: "5栋", number: "501", area: 88.75 }) { id } }`,
        { p: f.propertyA },
        { token: f.tokens.admin },
      ),
    ).createUnit.id;
    ticketId = ok(
      await t.gql(
        `mutation($o: ID!, $u: ID!, $c: ID!) { registerTicket(input: { type: REPAIR, channel: PHONE, officeId: $o, unitId: $u,
           customerId: $c, content: "漏水" }) { id } }`,
        { o: f.officeA, u: f.unitA, c: f.customerA },
        { token: f.tokens.staffA },
      ),
    ).registerTicket.id;
  });
  afterAll(() => t.stop());

  it("outside a transaction a row is the entity's class with its getters, references as ids, and unknown to the ORM", async () => {
    await readOnly(t, f.tenantId, async (db) => {
      const em = await db.em();
      expect(em.isInTransaction()).toBe(false);
      const [unit] = await readRows(em, Unit, { id: unitId });
      expect(unit).toBeInstanceOf(Unit);
      expect(unit!.area).toBe(88.75);
      expect(unit!.property).toEqual({ id: f.propertyA });
      expect(Utils.isEntity(unit)).toBe(false);
      const [ticket] = await readRows(em, Ticket, { id: ticketId });
      expect(ticket).toMatchObject({ id: ticketId, office: { id: f.officeA }, unit: { id: f.unitA }, assignee: null });
      expect(ticket!.receivedAt).toBeInstanceOf(Date);
      // Nothing was put in the identity map, so nothing could ever be flushed from it.
      expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
    });
  });

  it("inside a transaction the same read gives managed entities whose changes are flushed", async () => {
    await withTenant(t.api.orm, f.tenantId, async (em) => {
      const [unit] = await readRows(em, Unit, { id: unitId });
      expect(Utils.isEntity(unit)).toBe(true);
      unit!.floor = 5;
      await em.flush();
    });
    const floor = ok(await t.gql(`query($id: ID!) { unit(id: $id) { floor area } }`, { id: unitId }, { token: f.tokens.admin }));
    expect(floor.unit).toEqual({ floor: 5, area: 88.75 });
  });

  it("another group's rows are not returned by ids, with or without a transaction", async () => {
    const ids = { id: { $in: [unitId, f.unitA] } };
    expect(await readOnly(t, other.tenantId, async (db) => readRows(await db.em(), Unit, ids))).toEqual([]);
    expect(await withTenant(t.api.orm, other.tenantId, (em) => readRows(em, Unit, ids))).toEqual([]);
  });

  it("a point read by id gives what the general read gives, for every id, scope and group, and builds its statement once", async () => {
    const scopes: ({ office: { $in: string[] } } | Record<string, never>)[] = [
      {},
      { office: { $in: [f.officeA] } },
      { office: { $in: [f.officeB] } },
      { office: { $in: [f.officeB, f.officeA] } },
    ];
    const ids = [ticketId, f.unitA, "00000000-0000-4000-8000-000000000000", ticketId];
    const built: number[] = [];
    for (const tenant of [f, other]) {
      for (let round = 0; round < 2; round++) {
        await readOnly(t, tenant.tenantId, async (db) => {
          const em = await db.em();
          for (const scope of scopes) {
            for (const id of ids) {
              const [general] = await readRows(em, Ticket, { ...scope, id } as never, { limit: 1 });
              const point = await readById(em, Ticket, id, scope as never);
              expect(point).toEqual(general);
              const scopeSeesA = !("office" in scope) || scope.office.$in.includes(f.officeA);
              expect(point?.id).toBe(tenant === f && id === ticketId && scopeSeesA ? ticketId : undefined);
            }
          }
          // Lazy columns stay out, exactly as in the general read (a staff member's password hash).
          const staff = await readById(em, Staff, f.staff.staffA);
          expect(staff).toEqual((await readRows(em, Staff, { id: f.staff.staffA }, { limit: 1 }))[0]);
          if (tenant === f) expect(staff).toMatchObject({ id: f.staff.staffA, passwordHash: undefined });
          else expect(staff).toBeUndefined();
          built.push(compiledLookUps(em));
        });
      }
    }
    // One statement per entity, group and scope: built in each group's first round, reused in its second.
    expect(built[1]).toBe(built[0]);
    expect(built[2]! - built[1]!).toBe(scopes.length + 1);
    expect(built[3]).toBe(built[2]);
  });

  it("batched look-ups by key give what the general read gives, in its order, for any set of keys and group", async () => {
    const keys = [[ticketId], [ticketId, f.unitA], ["00000000-0000-4000-8000-000000000000"], [f.unitA, ticketId, ticketId]];
    for (const tenant of [f, other]) {
      await readOnly(t, tenant.tenantId, async (db) => {
        const em = await db.em();
        expect(await readByKeys(em, Ticket, "id", [])).toEqual([]);
        for (const values of keys) {
          expect(await readByKeys(em, Ticket, "id", values)).toEqual(await readRows(em, Ticket, { id: { $in: values } }));
          const timeline = await readByKeys(em, TicketEvent, "ticket", values, { orderBy: { id: "asc" } });
          expect(timeline).toEqual(await readRows(em, TicketEvent, { ticket: { $in: values } }, { orderBy: { id: "asc" } }));
          expect(timeline.length > 0).toBe(tenant === f && values.includes(ticketId));
        }
      });
    }
  });

  it("a point read inside a transaction is a managed entity, as before", async () => {
    await withTenant(t.api.orm, f.tenantId, async (em) => {
      const ticket = await readById(em, Ticket, ticketId, { office: { $in: [f.officeA] } } as never);
      expect(Utils.isEntity(ticket)).toBe(true);
    });
  });

  it("a page read over HTTP (plain rows) pages exactly like the managed read: same tickets, cursors and end", async () => {
    for (let i = 0; i < 4; i++) {
      ok(
        await t.gql(
          `mutation($o: ID!) { registerTicket(input: { type: HELP, channel: VISIT, officeId: $o, content: "求助 ${i}" }) { id } }`,
          { o: f.officeA },
          { token: f.tokens.staffA },
        ),
      );
    }
    const page = (after: string | null) =>
      t.gql(
        `query($after: String) { tickets(first: 2, after: $after, orderBy: CREATED_ASC) {
           totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id office { id } unit { building } } } }`,
        { after },
        { token: f.tokens.managerA },
      );
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const tickets: any = ok(await page(after)).tickets;
      expect(tickets.totalCount).toBe(5);
      expect(tickets.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...tickets.nodes.map((n: { id: string }) => n.id));
      if (!tickets.pageInfo.hasNextPage) break;
      after = tickets.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen[0]).toBe(ticketId);
  });
});
