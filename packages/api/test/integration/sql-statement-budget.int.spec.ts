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
