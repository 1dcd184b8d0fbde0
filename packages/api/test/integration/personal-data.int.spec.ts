import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { errorCode, ok, startTestApi, type GqlResult, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";
import { createTicketFlow, gqlAs, type TicketFlow } from "../harness/ticket-flow";

/**
 * Personal data through the API: residents' numbers in full only for the roles that need them (masked the
 * same way on every path), sensitive notes only for the customer's own office, and an access log of every
 * full read that head-office admins can query.
 */
const PHONE = "13800000000";
const MASKED = "138****0000";

type Role = "admin" | "hoManager" | "managerA" | "staffA" | "api";

let t: TestApi;
let a: TenantFixture & { flow: TicketFlow; plainTicket: string };
let b: TenantFixture;

async function gqlWithRequestId(token: string, requestId: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(t.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-request-id": requestId },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GqlResult, "status">) } as GqlResult;
}

const accessLog = (filter: Record<string, unknown>, token = a.tokens.admin, first = 100) =>
  t.gql(
    `query($f: PersonalDataAccessFilter, $first: Int!) { personalDataAccessLog(filter: $f, first: $first) {
       totalCount nodes { id at field recordId basis requestId operationName staff { id } customer { id } office { id } }
       pageInfo { endCursor hasNextPage } } }`,
    { f: filter, first },
    { token },
  );

beforeAll(async () => {
  t = await startTestApi();
  const fa = await createTenantFixture(t, "pd-a");
  const plain = ok(
    await t.gql(
      `mutation($c: ID!) { registerTicket(input: { type: HELP, channel: PHONE, customerId: $c, content: "帮忙收快递" }) { id } }`,
      { c: fa.customerA },
      { token: fa.tokens.staffA },
    ),
  );
  a = { ...fa, flow: await createTicketFlow(t, fa), plainTicket: plain.registerTicket.id };
  b = await createTenantFixture(t, "pd-b");
});
afterAll(() => t?.stop());

describe("telephone numbers by role", () => {
  const EVERY_PATH = `query($c: ID!, $u: ID!, $t: ID!) {
    customer(id: $c) { phone }
    customers(first: 50) { nodes { id phone } }
    unit(id: $u) { occupants { customer { phone } } }
    ticket(id: $t) { contactPhone customer { phone } }
    tickets(first: 50) { nodes { id contactPhone } }
  }`;

  const phonesSeen = async (role: Role) => {
    const data = ok(await t.gql(EVERY_PATH, { c: a.customerA, u: a.unitA, t: a.plainTicket }, { token: a.tokens[role] }));
    const customerA = (data.customers.nodes as { id: string; phone: string }[]).find((c) => c.id === a.customerA);
    const plain = (data.tickets.nodes as { id: string; contactPhone: string }[]).find((x) => x.id === a.plainTicket);
    return {
      customer: data.customer.phone,
      customerInList: customerA?.phone,
      occupant: data.unit.occupants[0].customer.phone,
      ticketCustomer: data.ticket.customer.phone,
      contactInList: plain?.contactPhone,
    };
  };

  it.each([
    ["staffA", PHONE],
    ["managerA", PHONE],
    ["admin", MASKED],
    ["hoManager", MASKED],
    ["api", MASKED],
  ] as const)("successful: %s sees every customer number as %s, the same on every path", async (role, expected) => {
    expect(await phonesSeen(role)).toEqual({
      customer: expected,
      customerInList: expected,
      occupant: expected,
      ticketCustomer: expected,
      contactInList: expected,
    });
  });

  it("failing: the other office's staff and another group's admin cannot reach the customer at all", async () => {
    for (const [token, tenant] of [
      [a.tokens.staffB, "same group"],
      [a.tokens.managerB, "same group"],
      [b.tokens.admin, "other group"],
    ] as const) {
      const result = await t.gql(`query($c: ID!) { customer(id: $c) { phone } }`, { c: a.customerA }, { token });
      expect(errorCode(result), tenant).toBe("NOT_FOUND");
      expect(JSON.stringify(result)).not.toContain("0000");
    }
  });

  it("successful: the head office sees a ticket's contact number while its spot check is pending, and not after", async () => {
    const contact = async () =>
      ok(
        await t.gql(
          `query($t: ID!) { ticket(id: $t) { contactPhone customer { phone } } }`,
          { t: a.flow.closedTicket },
          {
            token: a.tokens.hoManager,
          },
        ),
      ).ticket;
    // The general-office sample drawn by the fixture holds the closed ticket.
    expect(await contact()).toEqual({ contactPhone: PHONE, customer: { phone: MASKED } });
    const viaSpotCheck = ok(
      await t.gql(
        `query($s: ID) { spotChecks(sampleId: $s) { nodes { id ticket { id contactPhone } } } }`,
        { s: a.flow.sample },
        {
          token: a.tokens.hoManager,
        },
      ),
    ).spotChecks.nodes;
    expect(viaSpotCheck.find((c: { ticket: { id: string } }) => c.ticket.id === a.flow.closedTicket).ticket.contactPhone).toBe(
      PHONE,
    );
    // BI tokens never, spot check or not.
    expect(
      ok(await t.gql(`query($t: ID!) { ticket(id: $t) { contactPhone } }`, { t: a.flow.closedTicket }, { token: a.tokens.api }))
        .ticket.contactPhone,
    ).toBe(MASKED);

    const checker = gqlAs(t, a.tokens.hoManager);
    await checker(`mutation($id: ID!) { recordSpotCheck(id: $id, input: { satisfaction: SATISFIED }) { id } }`, {
      id: a.flow.spotCheck,
    });
    expect(await contact()).toEqual({ contactPhone: MASKED, customer: { phone: MASKED } });
  });

  it("successful: the head office sees the contact number of a ticket escalated to it", async () => {
    const ticket = ok(
      await t.gql(
        `mutation($c: ID!) { registerTicket(input: { type: COMPLAINT, channel: PHONE, customerId: $c, contactPhone: "13911112222", content: "多次投诉无果" }) { id } }`,
        { c: a.customerA },
        { token: a.tokens.staffA },
      ),
    ).registerTicket.id;
    const asAdmin = async () =>
      ok(await t.gql(`query($t: ID!) { ticket(id: $t) { contactPhone } }`, { t: ticket }, { token: a.tokens.admin })).ticket
        .contactPhone;
    expect(await asAdmin()).toBe("139****2222");
    ok(
      await t.gql(
        `mutation($t: ID!) { escalateTicket(id: $t, input: { text: "业主要求总部介入" }) { id } }`,
        { t: ticket },
        {
          token: a.tokens.managerA,
        },
      ),
    );
    expect(await asAdmin()).toBe("13911112222");
    const log = ok(await accessLog({ recordId: ticket })).personalDataAccessLog.nodes;
    expect(log.map((e: { field: string; basis: string; staff: { id: string } }) => [e.field, e.basis, e.staff.id])).toEqual([
      ["TICKET_CONTACT_PHONE", "ESCALATION", a.staff.admin],
    ]);
  });

  it("successful: staff work numbers are in full for staff and masked for BI tokens", async () => {
    ok(
      await t.gql(
        `mutation($id: ID!) { updateStaff(id: $id, input: { phone: "13712345678" }) { id } }`,
        { id: a.staff.staffA },
        {
          token: a.tokens.admin,
        },
      ),
    );
    const phoneAs = async (role: Role) =>
      ok(await t.gql(`query($id: ID!) { staffMember(id: $id) { phone } }`, { id: a.staff.staffA }, { token: a.tokens[role] }))
        .staffMember.phone;
    expect(await phoneAs("managerA")).toBe("13712345678");
    expect(await phoneAs("hoManager")).toBe("13712345678");
    expect(await phoneAs("api")).toBe("137****5678");
  });

  it("failing: callers who see numbers masked cannot find a customer or ticket by guessing the number", async () => {
    const search = (token: string) =>
      t.gql(
        `{ customers(search: "13800000000") { totalCount } tickets(filter: { search: "13800000000" }) { totalCount } }`,
        {},
        { token },
      );
    const staff = ok(await search(a.tokens.staffA));
    expect(staff.customers.totalCount).toBeGreaterThan(0);
    expect(staff.tickets.totalCount).toBeGreaterThan(0);
    for (const role of ["admin", "hoManager", "api"] as const) {
      expect(ok(await search(a.tokens[role])), role).toEqual({ customers: { totalCount: 0 }, tickets: { totalCount: 0 } });
    }
    // Searching by name still works for them (both offices have a 张三).
    expect(
      ok(await t.gql(`{ customers(search: "张三") { totalCount } }`, {}, { token: a.tokens.admin })).customers.totalCount,
    ).toBe(2);
  });
});

describe("sensitive customer notes", () => {
  let note: string;
  const NOTE = "空巢老人：独居，82岁，患高血压，子女在外地；每周三上门探访";

  const notesAs = (token: string, includeArchived = false) =>
    t.gql(
      `query($c: ID!, $all: Boolean!) { customer(id: $c) { sensitiveNotes(includeArchived: $all) { id category text archivedAt createdBy { id } } } }`,
      { c: a.customerA, all: includeArchived },
      { token },
    );

  beforeAll(async () => {
    note = ok(
      await t.gql(
        `mutation($c: ID!, $text: String!) { addSensitiveNote(input: { customerId: $c, category: ELDERLY_LIVING_ALONE, text: $text }) { id text } }`,
        { c: a.customerA, text: NOTE },
        { token: a.tokens.staffA },
      ),
    ).addSensitiveNote.id;
  });

  it("successful: the staff and manager of the customer's office read the note", async () => {
    for (const role of ["staffA", "managerA"] as const) {
      expect(ok(await notesAs(a.tokens[role])).customer.sensitiveNotes, role).toEqual([
        { id: note, category: "ELDERLY_LIVING_ALONE", text: NOTE, archivedAt: null, createdBy: { id: a.staff.staffA } },
      ]);
    }
  });

  it("failing: head office and BI tokens get no notes (null), though they see the customer", async () => {
    for (const role of ["admin", "hoManager", "api"] as const) {
      const result = await notesAs(a.tokens[role]);
      expect(ok(result).customer.sensitiveNotes, role).toBeNull();
      expect(JSON.stringify(result)).not.toContain("高血压");
    }
  });

  it("failing: another office's staff and another group cannot read, add, change or archive the note", async () => {
    for (const token of [a.tokens.staffB, a.tokens.managerB, b.tokens.admin, b.tokens.staffA]) {
      const read = await notesAs(token);
      expect(errorCode(read)).toBe("NOT_FOUND");
      const add = await t.gql(
        `mutation($c: ID!) { addSensitiveNote(input: { customerId: $c, category: HEALTH, text: "x" }) { id } }`,
        { c: a.customerA },
        { token },
      );
      expect(errorCode(add)).toBe("NOT_FOUND");
      for (const mutation of [
        `mutation($id: ID!) { updateSensitiveNote(id: $id, input: { text: "改写" }) { id text } }`,
        `mutation($id: ID!) { archiveSensitiveNote(id: $id) { id } }`,
      ]) {
        const result = await t.gql(mutation, { id: note }, { token });
        expect(errorCode(result)).toBe("NOT_FOUND");
        expect(JSON.stringify(result)).not.toContain("高血压");
      }
    }
    // The head office sees the customer, so it is told why it may not add a note; other notes do not exist for it.
    const add = await t.gql(
      `mutation($c: ID!) { addSensitiveNote(input: { customerId: $c, category: HEALTH, text: "x" }) { id } }`,
      { c: a.customerA },
      { token: a.tokens.admin },
    );
    expect(add.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "SENSITIVE_NOTES_OWN_OFFICE_ONLY" });
    expect(
      errorCode(
        await t.gql(`mutation($id: ID!) { archiveSensitiveNote(id: $id) { id } }`, { id: note }, { token: a.tokens.admin }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      errorCode(await t.gql(`mutation { archiveSensitiveNote(id: "not-an-id") { id } }`, {}, { token: a.tokens.staffA })),
    ).toBe("NOT_FOUND");
    expect(ok(await notesAs(a.tokens.staffA)).customer.sensitiveNotes[0].text).toBe(NOTE);
  });

  it("successful: a note is corrected and archived, never deleted", async () => {
    const extra = ok(
      await t.gql(
        `mutation($c: ID!) { addSensitiveNote(input: { customerId: $c, category: MOBILITY, text: "  腿脚不便  " }) { id text } }`,
        { c: a.customerA },
        { token: a.tokens.managerA },
      ),
    ).addSensitiveNote;
    expect(extra.text).toBe("腿脚不便");
    const updated = ok(
      await t.gql(
        `mutation($id: ID!) { updateSensitiveNote(id: $id, input: { text: "腿脚不便，需搀扶" }) { text updatedBy { id } } }`,
        {
          id: extra.id,
        },
        { token: a.tokens.staffA },
      ),
    ).updateSensitiveNote;
    expect(updated).toEqual({ text: "腿脚不便，需搀扶", updatedBy: { id: a.staff.staffA } });
    const blank = await t.gql(
      `mutation($id: ID!) { updateSensitiveNote(id: $id, input: { text: "   " }) { id } }`,
      { id: extra.id },
      {
        token: a.tokens.staffA,
      },
    );
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: ["input", "text"] });
    const archived = ok(
      await t.gql(
        `mutation($id: ID!) { archiveSensitiveNote(id: $id) { archivedAt archivedBy { id } } }`,
        { id: extra.id },
        {
          token: a.tokens.managerA,
        },
      ),
    ).archiveSensitiveNote;
    expect(archived.archivedBy).toEqual({ id: a.staff.managerA });
    expect(ok(await notesAs(a.tokens.staffA)).customer.sensitiveNotes.map((n: { id: string }) => n.id)).toEqual([note]);
    expect(ok(await notesAs(a.tokens.staffA, true)).customer.sensitiveNotes.map((n: { id: string }) => n.id)).toEqual([
      note,
      extra.id,
    ]);
  });
});

describe("the personal-data access log", () => {
  it("successful: every full read is logged with who, what, why and the request id; masked reads are not", async () => {
    const requestId = `audit-${randomUUID()}`;
    const read = await gqlWithRequestId(
      a.tokens.managerA,
      requestId,
      `query FrontDeskLookup($c: ID!) { customer(id: $c) { phone again: phone sensitiveNotes { text } } }`,
      { c: a.customerA },
    );
    expect(ok(read).customer.phone).toBe(PHONE);
    const masked = `masked-${randomUUID()}`;
    ok(await gqlWithRequestId(a.tokens.hoManager, masked, `query($c: ID!) { customer(id: $c) { phone } }`, { c: a.customerA }));

    const entries = ok(await accessLog({ requestId })).personalDataAccessLog;
    // The phone read twice in one request is one entry; one per note read.
    expect(entries.totalCount).toBe(2);
    const byField = Object.fromEntries(entries.nodes.map((e: { field: string }) => [e.field, e]));
    expect(byField.CUSTOMER_PHONE).toMatchObject({
      recordId: a.customerA,
      basis: "OWN_OFFICE",
      requestId,
      operationName: "FrontDeskLookup",
      staff: { id: a.staff.managerA },
      customer: { id: a.customerA },
      office: { id: a.officeA },
    });
    expect(byField.SENSITIVE_NOTE).toMatchObject({ basis: "OWN_OFFICE", customer: { id: a.customerA } });
    expect(Date.now() - new Date(byField.CUSTOMER_PHONE.at).getTime()).toBeLessThan(60_000);
    expect(ok(await accessLog({ requestId: masked })).personalDataAccessLog.totalCount).toBe(0);
  });

  it("successful: filters by reader, customer, field, office and time, pages newest first", async () => {
    const all = ok(await accessLog({ customerId: a.customerA }, a.tokens.admin, 500)).personalDataAccessLog;
    expect(all.totalCount).toBeGreaterThan(3);
    const times = all.nodes.map((e: { at: string }) => new Date(e.at).getTime());
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    const byStaff = ok(await accessLog({ staffId: a.staff.staffA, fields: ["SENSITIVE_NOTE"] })).personalDataAccessLog.nodes;
    expect(byStaff.length).toBeGreaterThan(0);
    for (const e of byStaff) expect(e).toMatchObject({ field: "SENSITIVE_NOTE", staff: { id: a.staff.staffA } });
    expect(ok(await accessLog({ officeId: a.officeB })).personalDataAccessLog.totalCount).toBe(0);
    expect(ok(await accessLog({ from: new Date(Date.now() + 3600_000).toISOString() })).personalDataAccessLog.totalCount).toBe(0);
    expect(ok(await accessLog({ staffId: "not-an-id" })).personalDataAccessLog.totalCount).toBe(0);

    const pages: string[] = [];
    let after: string | null = null;
    do {
      const page: any = ok(
        await t.gql(
          `query($f: PersonalDataAccessFilter, $after: String) { personalDataAccessLog(filter: $f, first: 2, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }`,
          { f: { customerId: a.customerA }, after },
          { token: a.tokens.admin },
        ),
      ).personalDataAccessLog;
      pages.push(...page.nodes.map((n: { id: string }) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toEqual(all.nodes.map((n: { id: string }) => n.id));
  });

  it("failing: only head-office admins read the log, and only their own group's", async () => {
    for (const role of ["hoManager", "managerA", "staffA", "api"] as const) {
      expect(errorCode(await accessLog({}, a.tokens[role])), role).toBe("FORBIDDEN");
    }
    const other = ok(await accessLog({ customerId: a.customerA }, b.tokens.admin)).personalDataAccessLog;
    expect(other).toMatchObject({ totalCount: 0, nodes: [] });
    const everything = JSON.stringify(ok(await accessLog({}, b.tokens.admin, 500)));
    expect(everything).not.toContain(a.customerA);
    expect(everything).not.toContain(a.staff.staffA);
  });

  it("successful: a page of 200 numbers is logged with one statement, as many as for 5", async () => {
    const asStaff = gqlAs(t, a.tokens.staffA);
    for (let i = 0; i < 200; i++) {
      await asStaff(
        `mutation($o: ID!, $p: String!) { createCustomer(input: { officeId: $o, name: "批量", phone: $p }) { id } }`,
        {
          o: a.officeA,
          p: `1390000${String(i).padStart(4, "0")}`,
        },
      );
    }
    const statements = async (first: number) => {
      const requestId = `batch-${first}-${randomUUID()}`;
      const response = await gqlWithRequestId(
        a.tokens.staffA,
        requestId,
        `query($n: Int!) { customers(first: $n, search: "批量") { nodes { phone } } }`,
        {
          n: first,
        },
      );
      expect(ok(response).customers.nodes).toHaveLength(first);
      expect(ok(await accessLog({ requestId }, a.tokens.admin, 500)).personalDataAccessLog.totalCount).toBe(first);
      return response.extensions?.sqlStatements as number;
    };
    // Warm the caller's principal first: 200 registrations can outlast its cache entry (5 s) on a busy machine, and a
    // first read that looks the caller up again would count one statement more than the page needs.
    await statements(5);
    expect(await statements(200)).toBe(await statements(5));
  });

  it("failing: when the log cannot be written, the numbers are not served and nothing of the request is kept", async () => {
    const admin = new Client({ connectionString: inject("adminDatabaseUrl") });
    await admin.connect();
    const requestId = `unloggable-${randomUUID()}`;
    // A trigger refusing this one request's entries: other test files keep logging undisturbed.
    await admin.query(`
      create or replace function pd_test_refuse() returns trigger language plpgsql as $$
      begin
        if new.request_id = '${requestId}' then raise exception 'access log refused for the test'; end if;
        return new;
      end $$;
      create trigger pd_test_refuse before insert on personal_data_access for each row execute function pd_test_refuse();`);
    try {
      const result = await gqlWithRequestId(
        a.tokens.staffA,
        requestId,
        `mutation($o: ID!) { createCustomer(input: { officeId: $o, name: "记录失败", phone: "13655556666" }) { id phone } }`,
        { o: a.officeA },
      );
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(JSON.stringify(result)).not.toContain("13655556666");
      const created = ok(await t.gql(`{ customers(search: "记录失败") { totalCount } }`, {}, { token: a.tokens.staffA }));
      expect(created.customers.totalCount).toBe(0);
    } finally {
      await admin.query(`drop trigger pd_test_refuse on personal_data_access; drop function pd_test_refuse();`);
      await admin.end();
    }
  });

  it("successful: a query over WebSocket is logged before its answer leaves", async () => {
    const client = createClient({
      url: t.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${a.tokens.staffA}` },
    });
    try {
      const result = await new Promise<any>((resolve, reject) => {
        let value: unknown;
        client.subscribe(
          { query: `query OverSocket($c: ID!) { customer(id: $c) { phone } }`, variables: { c: a.customerA } },
          { next: (v) => (value = v), error: reject, complete: () => resolve(value) },
        );
      });
      expect(result.data.customer.phone).toBe(PHONE);
      // Read right away: the entry was committed before the answer was sent.
      const log = ok(await accessLog({ customerId: a.customerA, fields: ["CUSTOMER_PHONE"] })).personalDataAccessLog.nodes;
      expect(log.some((e: { operationName: string }) => e.operationName === "OverSocket")).toBe(true);
    } finally {
      await client.dispose();
    }
  });
});
