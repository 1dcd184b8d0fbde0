import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, ok, startTestApi, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";

const ids = (list: { nodes: { id: string }[] }) => list.nodes.map((n) => n.id).sort();

describe("office roles see their own office only; head-office roles see every office", () => {
  let t: TestApi;
  let f: TenantFixture;

  beforeAll(async () => {
    t = await startTestApi();
    f = await createTenantFixture(t, "scope");
  });
  afterAll(() => t.stop());

  const everything = `{
    offices { nodes { id } } properties { nodes { id } } units { nodes { id } }
    customers { nodes { id } } staffMembers { nodes { id } }
  }`;

  it.each(["managerA", "staffA"] as const)(
    "successful: %s lists only office A's offices, properties, units, customers and staff",
    async (who) => {
      const data = ok(await t.gql(everything, {}, { token: f.tokens[who] }));
      expect(ids(data.offices)).toEqual([f.officeA]);
      expect(ids(data.properties)).toEqual([f.propertyA]);
      expect(ids(data.units)).toEqual([f.unitA]);
      expect(ids(data.customers)).toEqual([f.customerA]);
      expect(ids(data.staffMembers)).toEqual([f.staff.managerA, f.staff.staffA].sort());
    },
  );

  it.each(["admin", "hoManager"] as const)("successful: %s sees every office and all their records", async (who) => {
    const data = ok(await t.gql(everything, {}, { token: f.tokens[who] }));
    expect(ids(data.offices)).toEqual([f.headOfficeId, f.officeA, f.officeB].sort());
    expect(ids(data.properties)).toEqual([f.propertyA, f.propertyB].sort());
    expect(ids(data.customers)).toEqual([f.customerA, f.customerB].sort());
    expect(data.staffMembers.nodes).toHaveLength(6);
  });

  it.each([
    ["office", (f: TenantFixture) => f.officeB],
    ["property", (f: TenantFixture) => f.propertyB],
    ["unit", (f: TenantFixture) => f.unitB],
    ["customer", (f: TenantFixture) => f.customerB],
    ["staffMember", (f: TenantFixture) => f.staff.staffB],
    ["office", (f: TenantFixture) => f.headOfficeId],
  ])("failing: an office-A manager asking for %s of another office gets NOT_FOUND", async (field, id) => {
    const result = await t.gql(`query($id: ID!) { ${field}(id: $id) { id } }`, { id: id(f) }, { token: f.tokens.managerA });
    expect(errorCode(result)).toBe("NOT_FOUND");
    expect(result.data).toBeNull();
  });

  it("failing: filtering a list by another office returns nothing for an office role", async () => {
    const data = ok(
      await t.gql(`query($o: ID) { customers(officeId: $o) { totalCount } }`, { o: f.officeB }, { token: f.tokens.staffA }),
    );
    expect(data.customers.totalCount).toBe(0);
  });

  it("failing: an office manager cannot add a property, customer or staff to another office", async () => {
    for (const [query, variables] of [
      [`mutation($o: ID!) { createProperty(input: { officeId: $o, name: "X" }) { id } }`, { o: f.officeB }],
      [`mutation($o: ID!) { createCustomer(input: { officeId: $o, name: "X" }) { id } }`, { o: f.officeB }],
      [
        `mutation($o: ID!) { createStaff(input: { officeId: $o, email: "x@y.test", name: "X", role: OFFICE_STAFF, password: "0123456789ab" }) { id } }`,
        { o: f.officeB },
      ],
    ] as const) {
      expect(errorCode(await t.gql(query, variables, { token: f.tokens.managerA }))).toBe("NOT_FOUND");
    }
  });

  it("failing: office staff cannot create offices, properties or staff (FORBIDDEN); office managers cannot grant manager roles", async () => {
    expect(
      errorCode(await t.gql(`mutation { createOffice(input: { name: "X", code: "X" }) { id } }`, {}, { token: f.tokens.staffA })),
    ).toBe("FORBIDDEN");
    expect(
      errorCode(
        await t.gql(
          `mutation($o: ID!) { createProperty(input: { officeId: $o, name: "X" }) { id } }`,
          { o: f.officeA },
          { token: f.tokens.staffA },
        ),
      ),
    ).toBe("FORBIDDEN");
    const promote = await t.gql(
      `mutation($o: ID!) { createStaff(input: { officeId: $o, email: "boss@y.test", name: "X", role: OFFICE_MANAGER, password: "0123456789ab" }) { id } }`,
      { o: f.officeA },
      { token: f.tokens.managerA },
    );
    expect(promote.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ROLE_NOT_GRANTABLE" });
    const hire = ok(
      await t.gql(
        `mutation($o: ID!) { createStaff(input: { officeId: $o, email: "New@Y.test", name: "新员工", role: OFFICE_STAFF, password: "0123456789ab" }) { email office { id } } }`,
        { o: f.officeA },
        { token: f.tokens.managerA },
      ),
    );
    expect(hire.createStaff).toEqual({ email: "new@y.test", office: { id: f.officeA } });
  });

  it("failing: head-office roles belong to the head office and office roles to an office (BAD_USER_INPUT)", async () => {
    const result = await t.gql(
      `mutation($o: ID!) { createStaff(input: { officeId: $o, email: "ho@y.test", name: "X", role: HEAD_OFFICE_MANAGER, password: "0123456789ab" }) { id } }`,
      { o: f.officeA },
      { token: f.tokens.admin },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "ROLE_OFFICE_MISMATCH",
      field: ["input", "role"],
    });
  });
});
