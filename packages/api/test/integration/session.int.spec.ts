import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, ok, startTestApi, TEST_PLATFORM_SECRET, type TestApi } from "../harness/api";
import { createTenantFixture, login, TEST_PASSWORD, type TenantFixture } from "../harness/tenant-fixture";

const LOGIN = `mutation($slug: String!, $email: String!, $password: String!) {
  login(tenantSlug: $slug, email: $email, password: $password) { token expiresAt staff { email role office { id } } }
}`;

describe("signing in", () => {
  let t: TestApi;
  let f: TenantFixture;

  beforeAll(async () => {
    t = await startTestApi();
    f = await createTenantFixture(t, "auth");
  });
  afterAll(() => t.stop());

  it("successful login returns a token that identifies the staff member, their role and office", async () => {
    const data = ok(await t.gql(LOGIN, { slug: f.slug, email: `MA@${f.slug}.TEST`, password: TEST_PASSWORD }));
    expect(data.login.staff).toMatchObject({ email: `ma@${f.slug}.test`, role: "OFFICE_MANAGER", office: { id: f.officeA } });
    expect(new Date(data.login.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = ok(
      await t.gql(
        `{ me { kind role readOnly seesAllOffices staff { email } office { id } tenant { slug } } }`,
        {},
        { token: data.login.token },
      ),
    );
    expect(me.me).toEqual({
      kind: "STAFF",
      role: "OFFICE_MANAGER",
      readOnly: false,
      seesAllOffices: false,
      staff: { email: `ma@${f.slug}.test` },
      office: { id: f.officeA },
      tenant: { slug: f.slug },
    });
  });

  it.each([
    ["a wrong password", (f: TenantFixture) => ({ slug: f.slug, email: `ma@${f.slug}.test`, password: "wrong-password-123" })],
    ["an unknown email", (f: TenantFixture) => ({ slug: f.slug, email: `nobody@${f.slug}.test`, password: TEST_PASSWORD })],
    ["an unknown group", (f: TenantFixture) => ({ slug: "no-such-group", email: `ma@${f.slug}.test`, password: TEST_PASSWORD })],
  ])("failing login with %s gets UNAUTHENTICATED and the same message", async (_label, input) => {
    const result = await t.gql(LOGIN, input(f));
    expect(errorCode(result)).toBe("UNAUTHENTICATED");
    expect(result.errors?.[0]?.extensions?.reason).toBe("INVALID_CREDENTIALS");
    expect(result.errors?.[0]?.message).toBe("The organisation, email or password is not right.");
    expect(result.data).toBeNull();
  });

  it("failing: a user of one group cannot sign in through another group's slug", async () => {
    const other = await createTenantFixture(t, "auth2");
    const result = await t.gql(LOGIN, { slug: other.slug, email: `ma@${f.slug}.test`, password: TEST_PASSWORD });
    expect(errorCode(result)).toBe("UNAUTHENTICATED");
  });

  it("failing: queries without a token, with a forged token or an expired token get UNAUTHENTICATED", async () => {
    expect(errorCode(await t.gql(`{ me { kind } }`))).toBe("UNAUTHENTICATED");
    const forged = f.tokens.staffA.slice(0, -4) + "AAAA";
    const bad = await t.gql(`{ me { kind } }`, {}, { token: forged });
    expect(errorCode(bad)).toBe("UNAUTHENTICATED");
    expect(bad.errors?.[0]?.extensions?.reason).toBe("INVALID_TOKEN");

    const past = await startTestApi({ now: () => new Date(Date.now() - 2 * 3600_000) });
    try {
      const oldToken = await login(past, f.slug, `sa@${f.slug}.test`);
      const expired = await t.gql(`{ me { kind } }`, {}, { token: oldToken });
      expect(expired.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", reason: "TOKEN_EXPIRED" });
    } finally {
      await past.stop();
    }
  });

  it("deactivating a staff member ends their sessions at once and blocks sign-in", async () => {
    const other = await createTenantFixture(t, "deact");
    ok(
      await t.gql(
        `mutation($id: ID!) { updateStaff(id: $id, input: { active: false }) { active } }`,
        { id: other.staff.staffB },
        { token: other.tokens.admin },
      ),
    );
    const me = await t.gql(`{ me { kind } }`, {}, { token: other.tokens.staffB });
    expect(me.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", reason: "ACCOUNT_DISABLED" });
    const again = await t.gql(LOGIN, { slug: other.slug, email: `sb@${other.slug}.test`, password: TEST_PASSWORD });
    expect(errorCode(again)).toBe("UNAUTHENTICATED");
  });

  it("changing the password returns a new session and ends the older ones", async () => {
    const other = await createTenantFixture(t, "pw");
    const changed = ok(
      await t.gql(
        `mutation { changePassword(currentPassword: "${TEST_PASSWORD}", newPassword: "a-new-long-password") { token } }`,
        {},
        { token: other.tokens.staffA },
      ),
    );
    const old = await t.gql(`{ me { kind } }`, {}, { token: other.tokens.staffA });
    expect(old.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", reason: "SESSION_REVOKED" });
    ok(await t.gql(`{ me { kind } }`, {}, { token: changed.changePassword.token }));
    expect(errorCode(await t.gql(LOGIN, { slug: other.slug, email: `sa@${other.slug}.test`, password: TEST_PASSWORD }))).toBe(
      "UNAUTHENTICATED",
    );
    await login(t, other.slug, `sa@${other.slug}.test`, "a-new-long-password");
  });

  it("failing: createTenant without the platform operator secret is FORBIDDEN and creates nothing", async () => {
    const slug = "not-created-group";
    const input = { name: "X", slug, admin: { email: "a@x.test", name: "A", password: TEST_PASSWORD } };
    const result = await t.gql(
      `mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id } } }`,
      { input },
      { platformSecret: "wrong" },
    );
    expect(errorCode(result)).toBe("FORBIDDEN");
    const ok2 = await t.gql(
      `mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { slug } } }`,
      { input },
      { platformSecret: TEST_PLATFORM_SECRET },
    );
    expect(ok(ok2).createTenant.tenant.slug).toBe(slug);
  });

  it("failing: a taken slug gets CONFLICT naming the slug field", async () => {
    const input = { name: "Dup", slug: f.slug, admin: { email: "a@dup.test", name: "A", password: TEST_PASSWORD } };
    const result = await t.gql(
      `mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id } } }`,
      { input },
      { platformSecret: TEST_PLATFORM_SECRET },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "TENANT_SLUG_TAKEN",
      field: ["input", "slug"],
    });
  });

  it("failing: invalid onboarding input gets BAD_USER_INPUT naming each problem", async () => {
    const input = {
      name: "",
      slug: "Bad Slug!",
      timeZone: "Mars/Olympus",
      admin: { email: "not-an-email", name: "A", password: "short" },
    };
    const result = await t.gql(
      `mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id } } }`,
      { input },
      { platformSecret: TEST_PLATFORM_SECRET },
    );
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    const fields = (result.errors?.[0]?.extensions?.problems as { field: string[] }[]).map((p) => p.field.join("."));
    expect(fields).toEqual(
      expect.arrayContaining(["input.name", "input.slug", "input.timeZone", "input.admin.email", "input.admin.password"]),
    );
  });
});
