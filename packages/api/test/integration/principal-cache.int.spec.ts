import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, ok, startTestApi, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";

const ME = `{ me { staff { id name role office { id } } } }`;

describe("read-only requests take the caller from a short-lived cache, and lose it the moment access changes", () => {
  let t: TestApi;
  let other: TestApi;
  let f: TenantFixture;

  beforeAll(async () => {
    t = await startTestApi();
    // A second instance on the same database: it hears of changes only through their notifications.
    other = await startTestApi();
    f = await createTenantFixture(t, "principals");
  });
  afterAll(async () => {
    await other.stop();
    await t.stop();
  });

  it("successful: a signed-in read after the first one authenticates without a statement of its own", async () => {
    const first = await t.gql(`{ __typename }`, {}, { token: f.tokens.managerB });
    const second = await t.gql(`{ __typename }`, {}, { token: f.tokens.managerB });
    expect(first.extensions?.sqlStatements).toBe(1);
    expect(second.extensions?.sqlStatements).toBe(0);
    // The office subtree of an office role is remembered the same way.
    const offices = `{ offices(first: 10) { nodes { id } } }`;
    const cold = await t.gql(offices, {}, { token: f.tokens.managerB });
    const warm = await t.gql(offices, {}, { token: f.tokens.managerB });
    expect(ok(warm)).toEqual(ok(cold));
    expect(warm.extensions?.sqlStatements).toBeLessThan(cold.extensions?.sqlStatements as number);
  });

  it("failing: a deactivated account is refused at its very next read, on this instance and within seconds on another", async () => {
    const victim = await createTenantFixture(t, "principals-off");
    ok(await t.gql(ME, {}, { token: victim.tokens.staffA }));
    ok(await other.gql(ME, {}, { token: victim.tokens.staffA }));
    ok(
      await t.gql(
        `mutation($id: ID!) { updateStaff(id: $id, input: { active: false }) { id } }`,
        { id: victim.staff.staffA },
        {
          token: victim.tokens.admin,
        },
      ),
    );
    expect(errorCode(await t.gql(ME, {}, { token: victim.tokens.staffA }))).toBe("UNAUTHENTICATED");
    const started = Date.now();
    let refused = false;
    while (!refused && Date.now() - started < 4_000) {
      refused = errorCode(await other.gql(ME, {}, { token: victim.tokens.staffA })) === "UNAUTHENTICATED";
      if (!refused) await new Promise((r) => setTimeout(r, 50));
    }
    expect(refused).toBe(true);
    // Well before the cache's own expiry (5 s): the notification did it.
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it("successful: a new role and office apply to the next read at once", async () => {
    const before = ok(await t.gql(ME, {}, { token: f.tokens.staffA })).me.staff;
    expect(before.role).toBe("OFFICE_STAFF");
    ok(
      await t.gql(
        `mutation($id: ID!, $o: ID!) { updateStaff(id: $id, input: { role: OFFICE_MANAGER, officeId: $o }) { id } }`,
        { id: f.staff.staffA, o: f.officeB },
        { token: f.tokens.admin },
      ),
    );
    const after = ok(await t.gql(ME, {}, { token: f.tokens.staffA })).me.staff;
    expect(after).toMatchObject({ role: "OFFICE_MANAGER", office: { id: f.officeB } });
  });

  it("successful: a renamed staff member reads their new name at once", async () => {
    ok(await t.gql(ME, {}, { token: f.tokens.managerA }));
    ok(
      await t.gql(
        `mutation($id: ID!) { updateStaff(id: $id, input: { name: "新名字" }) { id } }`,
        { id: f.staff.managerA },
        {
          token: f.tokens.admin,
        },
      ),
    );
    expect(ok(await t.gql(ME, {}, { token: f.tokens.managerA })).me.staff.name).toBe("新名字");
  });

  it("failing: a revoked API token is refused at its next read, however recently it worked", async () => {
    const token = ok(
      await t.gql(
        `mutation { createApiToken(input: { name: "BI 缓存" }) { token apiToken { id } } }`,
        {},
        { token: f.tokens.admin },
      ),
    ).createApiToken;
    ok(await t.gql(`{ offices(first: 1) { totalCount } }`, {}, { token: token.token }));
    const warm = await t.gql(`{ __typename }`, {}, { token: token.token });
    expect(warm.extensions?.sqlStatements).toBe(0);
    ok(
      await t.gql(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: token.apiToken.id }, { token: f.tokens.admin }),
    );
    // `__typename` needs no sign-in; a list does.
    const refused = await t.gql(`{ offices(first: 1) { totalCount } }`, {}, { token: token.token });
    expect(errorCode(refused)).toBe("UNAUTHENTICATED");
  });

  it("successful: an office created below a manager's office is in their scope at the next read", async () => {
    const offices = `{ offices(first: 50) { nodes { id } } }`;
    const before = ok(await t.gql(offices, {}, { token: f.tokens.managerB })).offices.nodes.map((o: { id: string }) => o.id);
    const child = ok(
      await t.gql(
        `mutation($p: ID!) { createOffice(input: { name: "新分处", code: "B-1", parentId: $p }) { id } }`,
        { p: f.officeB },
        { token: f.tokens.admin },
      ),
    ).createOffice.id;
    const after = ok(await t.gql(offices, {}, { token: f.tokens.managerB })).offices.nodes.map((o: { id: string }) => o.id);
    expect(after).toEqual(expect.arrayContaining([...before, child]));
  });
});
