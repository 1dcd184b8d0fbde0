import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ok, startTestApi, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";

const UNITS_WITH_RELATIONS = `query($first: Int!) {
  units(first: $first) {
    totalCount
    nodes {
      id number area
      property { name unitCount office { code parent { code } } }
      occupants { relation customer { name office { code } units { unit { number } } } }
    }
  }
}`;

describe("lists resolve their relations with a bounded number of SQL statements", () => {
  let t: TestApi;
  let f: TenantFixture;

  beforeAll(async () => {
    t = await startTestApi();
    f = await createTenantFixture(t, "nplus1");
    // 120 units over two properties, each with an owner; every third also with a renter.
    for (let i = 0; i < 120; i++) {
      const unit = ok(
        await t.gql(
          `mutation($p: ID!, $n: String!) { createUnit(input: { propertyId: $p, building: "2栋", number: $n, area: 90 }) { id } }`,
          {
            p: i % 2 ? f.propertyA : f.propertyB,
            n: String(1000 + i),
          },
          { token: f.tokens.admin },
        ),
      ).createUnit.id;
      const units = [{ unitId: unit, relation: "OWNER" }];
      ok(
        await t.gql(
          `mutation($o: ID!, $u: [CustomerUnitInput!]!) { createCustomer(input: { officeId: $o, name: "业主", units: $u }) { id } }`,
          { o: i % 2 ? f.officeA : f.officeB, u: units },
          { token: f.tokens.admin },
        ),
      );
      if (i % 3 === 0) {
        ok(
          await t.gql(
            `mutation($o: ID!, $u: [CustomerUnitInput!]!) { createCustomer(input: { officeId: $o, name: "租户", units: $u }) { id } }`,
            { o: f.officeA, u: [{ unitId: unit, relation: "TENANT" }] },
            { token: f.tokens.admin },
          ),
        );
      }
    }
  });
  afterAll(() => t.stop());

  const statementsFor = async (first: number) => {
    const result = await t.gql(UNITS_WITH_RELATIONS, { first }, { token: f.tokens.admin });
    const data = ok(result);
    expect(data.units.nodes).toHaveLength(first);
    return result.extensions?.sqlStatements as number;
  };

  it("100 units with property, office, parent office, occupants and their units: the same small number of statements as 5", async () => {
    const few = await statementsFor(5);
    const many = await statementsFor(100);
    expect(many).toBe(few);
    // begin + set tenant + staff, page + count, then one batch per relation level, commit.
    expect(many).toBeLessThanOrEqual(14);
  });
});

/** A BI tool's page: tickets with every relation, filtered (the benchmark's query, `src/bench/api-bench.ts`). */
const BI_PAGE = `query($first: Int!) {
  tickets(first: $first, orderBy: CREATED_ASC, filter: { types: [REPAIR, COMPLAINT] }) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id number type status replyOverdue resolveMet
      office { id code name } property { id name } unit { id building number } customer { id name phone }
      receiver { id name } assignee { id name } resolvedBy { id name }
      followUps { id status satisfaction } spotChecks { id agrees }
    }
  }
}`;

const BOARD = `query($o: ID!) { board(officeId: $o) {
  asOfSequence counts { total }
  newTickets { id number receiverName assigneeName customerName unitLabel }
  inProgress { id number receiverName assigneeName customerName unitLabel }
  overdue { id number receiverName assigneeName customerName unitLabel } } }`;

describe("ticket lists and boards resolve their relations with a constant number of SQL statements", () => {
  let t: TestApi;
  let f: TenantFixture;

  beforeAll(async () => {
    t = await startTestApi();
    f = await createTenantFixture(t, "budget-tickets");
    // 110 tickets of office A on units and customers, every third assigned, every fifth resolved (a follow-up each).
    for (let i = 0; i < 110; i++) {
      const ticket = ok(
        await t.gql(
          `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { id } }`,
          {
            i: {
              type: i % 2 ? "REPAIR" : "COMPLAINT",
              channel: "PHONE",
              ...(i % 4 ? { unitId: f.unitA } : { customerId: f.customerA }),
              content: `诉求 ${i}`,
            },
          },
          { token: f.tokens.staffA },
        ),
      ).registerTicket;
      if (i % 3 === 0) {
        ok(
          await t.gql(
            `mutation($id: ID!, $s: ID) { assignTicket(id: $id, input: { assigneeId: $s }) { id } }`,
            { id: ticket.id, s: f.staff.staffA },
            { token: f.tokens.managerA },
          ),
        );
      }
      if (i % 5 === 0) {
        ok(
          await t.gql(
            `mutation($id: ID!) { resolveTicket(id: $id, input: { resolution: "已处理" }) { id } }`,
            { id: ticket.id },
            {
              token: f.tokens.staffA,
            },
          ),
        );
      }
    }
  });
  afterAll(() => t.stop());

  const statements = async (query: string, variables: Record<string, unknown>, token: string) => {
    const result = await t.gql(query, variables, { token });
    return { data: ok(result), statements: result.extensions?.sqlStatements as number };
  };

  it("a BI page of 100 tickets with all relations takes as many statements as a page of 5, and no more than 8", async () => {
    await statements(BI_PAGE, { first: 1 }, f.tokens.api); // the token's first use records it (a write)
    const few = await statements(BI_PAGE, { first: 5 }, f.tokens.api);
    const many = await statements(BI_PAGE, { first: 100 }, f.tokens.api);
    expect(many.data.tickets.nodes).toHaveLength(100);
    const nodes = many.data.tickets.nodes as any[];
    expect(nodes.every((n) => n.office.id === f.officeA && n.receiver.name)).toBe(true);
    expect(nodes.some((n) => n.unit?.id === f.unitA) && nodes.some((n) => n.customer?.id === f.customerA)).toBe(true);
    expect(nodes.some((n) => n.assignee?.id === f.staff.staffA) && nodes.some((n) => n.followUps.length === 1)).toBe(true);
    expect(many.statements).toBe(few.statements);
    // No transaction (a read-only request), the token remembered since its first use: the page, one batch each for
    // offices, properties, units, customers and staff (receivers, assignees and resolvers together), follow-ups
    // and spot checks.
    expect(many.statements).toBeLessThanOrEqual(8);
  });

  it("an office's board takes the same statements whether it holds a few open tickets or a hundred", async () => {
    const full = await statements(BOARD, { o: f.officeA }, f.tokens.managerA);
    const empty = await statements(BOARD, { o: f.officeB }, f.tokens.managerB);
    expect(full.data.board.counts.total).toBeGreaterThanOrEqual(80);
    expect(empty.data.board.counts.total).toBe(0);
    const cards = [...full.data.board.newTickets, ...full.data.board.inProgress, ...full.data.board.overdue];
    expect(cards.some((c: any) => c.unitLabel && c.assigneeName) && cards.some((c: any) => c.customerName)).toBe(true);
    // An empty board reads its sequence separately (one statement more), never one per ticket.
    expect(full.statements).toBeLessThanOrEqual(empty.statements);
    expect(full.statements).toBeLessThanOrEqual(6);
  });
});
