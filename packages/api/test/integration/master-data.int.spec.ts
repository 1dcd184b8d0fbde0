import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, ok, startTestApi, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";

describe("offices, properties, units, customers and the calendar", () => {
  let t: TestApi;
  let f: TenantFixture;
  const asAdmin = (query: string, variables?: Record<string, unknown>) => t.gql(query, variables, { token: f.tokens.admin });

  beforeAll(async () => {
    t = await startTestApi();
    f = await createTenantFixture(t, "md");
  });
  afterAll(() => t.stop());

  it("successful: an office is created under the head office by default and can be renamed and re-coded", async () => {
    const created = ok(
      await asAdmin(
        `mutation { createOffice(input: { name: " 新区管理处 ", code: "NEW-1", phone: "0755-1" }) { id name code kind parent { id } } }`,
      ),
    ).createOffice;
    expect(created).toMatchObject({ name: "新区管理处", code: "NEW-1", kind: "OFFICE", parent: { id: f.headOfficeId } });
    const updated = ok(
      await asAdmin(
        `mutation($id: ID!) { updateOffice(id: $id, input: { name: "新区二处", code: "NEW-2" }) { name code phone } }`,
        { id: created.id },
      ),
    ).updateOffice;
    expect(updated).toEqual({ name: "新区二处", code: "NEW-2", phone: "0755-1" });
  });

  it("failing: a duplicate office code gets CONFLICT naming the field, and nothing is written", async () => {
    const result = await asAdmin(`mutation { createOffice(input: { name: "Copy", code: "A" }) { id } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "OFFICE_CODE_TAKEN",
      field: ["input", "code"],
    });
    const offices = ok(await asAdmin(`{ offices { nodes { name } } }`)).offices.nodes.map((o: { name: string }) => o.name);
    expect(offices).not.toContain("Copy");
  });

  it("failing: an office cannot be moved under itself or its own sub-office; the head office cannot be moved", async () => {
    const child = ok(
      await asAdmin(`mutation($p: ID) { createOffice(input: { name: "Sub", code: "SUB", parentId: $p }) { id } }`, {
        p: f.officeA,
      }),
    ).createOffice.id;
    for (const parentId of [f.officeA, child]) {
      const result = await asAdmin(`mutation($id: ID!, $p: ID) { updateOffice(id: $id, input: { parentId: $p }) { id } }`, {
        id: f.officeA,
        p: parentId,
      });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "PARENT_WOULD_CYCLE" });
    }
    const head = await asAdmin(`mutation($id: ID!, $p: ID) { updateOffice(id: $id, input: { parentId: $p }) { id } }`, {
      id: f.headOfficeId,
      p: f.officeA,
    });
    expect(head.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "HEAD_OFFICE_IS_ROOT" });
  });

  it("an office manager sees a sub-office of their office (the subtree), but not its siblings", async () => {
    const sub = ok(
      await asAdmin(`mutation($p: ID) { createOffice(input: { name: "A-sub", code: "A-SUB", parentId: $p }) { id } }`, {
        p: f.officeA,
      }),
    ).createOffice.id;
    const seen = ok(await t.gql(`{ offices { nodes { id } } }`, {}, { token: f.tokens.managerA })).offices.nodes.map(
      (o: { id: string }) => o.id,
    );
    expect(seen).toContain(sub);
    expect(seen).toContain(f.officeA);
    expect(seen).not.toContain(f.officeB);
  });

  it("failing: a duplicate unit number in a property gets CONFLICT; units report their area in m²", async () => {
    const dup = await asAdmin(
      `mutation($p: ID!) { createUnit(input: { propertyId: $p, building: "1栋", number: "101", area: 50 }) { id } }`,
      { p: f.propertyA },
    );
    expect(dup.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "UNIT_NUMBER_TAKEN" });
    const unit = ok(
      await asAdmin(`query($id: ID!) { unit(id: $id) { area building number property { id office { id } } } }`, { id: f.unitA }),
    ).unit;
    expect(unit).toEqual({
      area: 88.5,
      building: "1栋",
      number: "101",
      property: { id: f.propertyA, office: { id: f.officeA } },
    });
  });

  it("failing: a customer linked to a unit that does not exist is not created at all (all-or-nothing)", async () => {
    const before = ok(await asAdmin(`query($o: ID) { customers(officeId: $o) { totalCount } }`, { o: f.officeA })).customers
      .totalCount;
    const result = await asAdmin(
      `mutation($o: ID!, $u: [CustomerUnitInput!]!) { createCustomer(input: { officeId: $o, name: "王五", units: $u }) { id } }`,
      {
        o: f.officeA,
        u: [
          { unitId: f.unitA, relation: "TENANT" },
          { unitId: "01900000-0000-7000-8000-000000000000", relation: "OWNER" },
        ],
      },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "NOT_FOUND",
      reason: "UNIT_NOT_FOUND",
      field: ["input", "units", "1", "unitId"],
    });
    expect(
      ok(await asAdmin(`query($o: ID) { customers(officeId: $o) { totalCount } }`, { o: f.officeA })).customers.totalCount,
    ).toBe(before);
    const occupants = ok(await asAdmin(`query($id: ID!) { unit(id: $id) { occupants { relation } } }`, { id: f.unitA })).unit
      .occupants;
    expect(occupants).toEqual([{ relation: "OWNER" }]);
  });

  it("successful: customers are linked to and unlinked from units; a second link is a CONFLICT", async () => {
    const c = ok(
      await asAdmin(
        `mutation($o: ID!) { createCustomer(input: { officeId: $o, name: "李四", phone: "13912345678", kind: TENANT }) { id } }`,
        { o: f.officeA },
      ),
    ).createCustomer.id;
    ok(
      await asAdmin(
        `mutation($c: ID!, $u: ID!) { linkCustomerUnit(customerId: $c, unitId: $u, relation: TENANT) { relation unit { id } customer { id } } }`,
        { c, u: f.unitA },
      ),
    );
    const again = await asAdmin(
      `mutation($c: ID!, $u: ID!) { linkCustomerUnit(customerId: $c, unitId: $u, relation: RESIDENT) { relation } }`,
      { c, u: f.unitA },
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "ALREADY_LINKED" });
    const found = ok(
      await asAdmin(`query($u: ID) { customers(unitId: $u, search: "李") { nodes { id name units { relation } } } }`, {
        u: f.unitA,
      }),
    ).customers.nodes;
    expect(found).toEqual([{ id: c, name: "李四", units: [{ relation: "TENANT" }] }]);
    ok(await asAdmin(`mutation($c: ID!, $u: ID!) { unlinkCustomerUnit(customerId: $c, unitId: $u) { id } }`, { c, u: f.unitA }));
    const none = await asAdmin(`mutation($c: ID!, $u: ID!) { unlinkCustomerUnit(customerId: $c, unitId: $u) { id } }`, {
      c,
      u: f.unitA,
    });
    expect(errorCode(none)).toBe("NOT_FOUND");
  });

  it("a text search treats % and _ literally", async () => {
    ok(await asAdmin(`mutation($o: ID!) { createCustomer(input: { officeId: $o, name: "100%满意" }) { id } }`, { o: f.officeA }));
    const hits = ok(
      await asAdmin(
        `{ a: customers(search: "100%") { totalCount } b: customers(search: "%") { totalCount } c: customers(search: "_") { totalCount } }`,
      ),
    );
    expect(hits).toEqual({ a: { totalCount: 1 }, b: { totalCount: 1 }, c: { totalCount: 0 } });
  });

  it("successful: a new group starts with the public-holiday calendar; admins add and remove days", async () => {
    const national = ok(await asAdmin(`{ calendarDays(from: "2026-10-01", to: "2026-10-10") { day kind name } }`)).calendarDays;
    expect(national.map((d: { day: string }) => d.day)).toEqual([
      ...Array.from({ length: 7 }, (_, i) => `2026-10-0${i + 1}`),
      "2026-10-10",
    ]);
    expect(national.at(-1)).toEqual({ day: "2026-10-10", kind: "WORKDAY", name: "国庆节调休上班" });
    const set = ok(
      await asAdmin(
        `mutation { setCalendarDays(days: [{ day: "2027-01-01", kind: HOLIDAY, name: "元旦" }, { day: "2026-12-26", kind: WORKDAY, name: "调休" }]) { day kind } }`,
      ),
    );
    expect(set.setCalendarDays).toEqual([
      { day: "2026-12-26", kind: "WORKDAY" },
      { day: "2027-01-01", kind: "HOLIDAY" },
    ]);
    expect(ok(await asAdmin(`mutation { removeCalendarDays(days: ["2027-01-01", "2030-01-01"]) }`)).removeCalendarDays).toBe(1);
  });

  it("failing: a make-up working day on a weekday, an inverted range, or a non-admin editing the calendar", async () => {
    const weekday = await asAdmin(`mutation { setCalendarDays(days: [{ day: "2026-12-23", kind: WORKDAY }]) { day } }`);
    expect(weekday.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "WORKDAY_NOT_ON_WEEKEND",
      field: ["days", "0", "day"],
    });
    expect(errorCode(await asAdmin(`{ calendarDays(from: "2026-12-31", to: "2026-01-01") { day } }`))).toBe("BAD_USER_INPUT");
    expect(
      errorCode(
        await asAdmin(`query($from: LocalDate!) { calendarDays(from: $from, to: "2026-03-01") { day } }`, { from: "2026-02-30" }),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(
      errorCode(
        await t.gql(
          `mutation { setCalendarDays(days: [{ day: "2026-12-26", kind: WORKDAY }]) { day } }`,
          {},
          { token: f.tokens.hoManager },
        ),
      ),
    ).toBe("FORBIDDEN");
  });

  it("failing: an unknown time zone is refused; a valid one is kept", async () => {
    expect(errorCode(await asAdmin(`mutation { updateTenant(input: { timeZone: "Asia/Atlantis" }) { id } }`))).toBe(
      "BAD_USER_INPUT",
    );
    expect(
      ok(await asAdmin(`mutation { updateTenant(input: { timeZone: "Asia/Urumqi", name: "改名集团" }) { timeZone name } }`))
        .updateTenant,
    ).toEqual({
      timeZone: "Asia/Urumqi",
      name: "改名集团",
    });
  });
});

describe("paging through lists", () => {
  let t: TestApi;
  let f: TenantFixture;

  beforeAll(async () => {
    t = await startTestApi();
    f = await createTenantFixture(t, "page");
    for (let i = 0; i < 23; i++) {
      ok(
        await t.gql(
          `mutation($o: ID!, $n: String!) { createCustomer(input: { officeId: $o, name: $n }) { id } }`,
          { o: f.officeA, n: `客户${String(i).padStart(2, "0")}` },
          { token: f.tokens.admin },
        ),
      );
    }
  });
  afterAll(() => t.stop());

  it("successful: following endCursor visits every record exactly once, in order, and says when it is done", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const data: any = ok(
        await t.gql(
          `query($after: String) { customers(first: 5, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
          { after },
          { token: f.tokens.admin },
        ),
      );
      const c = data.customers;
      expect(c.totalCount).toBe(25);
      seen.push(...c.edges.map((e: { node: { id: string } }) => e.node.id));
      expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)?.cursor ?? null);
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    const all = ok(await t.gql(`{ customers(first: 500) { nodes { id } } }`, {}, { token: f.tokens.admin })).customers.nodes;
    expect(seen).toEqual(all.map((n: { id: string }) => n.id));
  });

  it.each([
    ["a page size of 0", `{ customers(first: 0) { totalCount } }`],
    ["a page size above 500", `{ customers(first: 501) { totalCount } }`],
    ["a malformed cursor", `{ customers(after: "not-a-cursor") { totalCount } }`],
    ["a cursor of another shape", `{ customers(after: "WzFd") { totalCount } }`],
  ])("failing: %s gets BAD_USER_INPUT", async (_label, query) => {
    const result = await t.gql(query, {}, { token: f.tokens.admin });
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).not.toMatch(/select|stack/i);
  });
});
