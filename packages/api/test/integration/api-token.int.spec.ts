import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, ok, startTestApi, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";

describe("read-only API tokens for BI tools", () => {
  let t: TestApi;
  let f: TenantFixture;

  beforeAll(async () => {
    t = await startTestApi();
    f = await createTenantFixture(t, "tok");
  });
  afterAll(() => t.stop());

  const create = (input: Record<string, unknown>, token = f.tokens.admin) =>
    t.gql(
      `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token apiToken { id name tokenPrefix office { id } createdBy { id } revokedAt } } }`,
      { i: input },
      { token },
    );

  it("successful: a head-office admin creates a token whose secret is shown once and never listed", async () => {
    const created = ok(await create({ name: "Power BI" })).createApiToken;
    expect(created.token).toMatch(/^psp_[A-Za-z0-9_-]{22}_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(created.apiToken.tokenPrefix)).toBe(true);
    expect(created.apiToken.createdBy.id).toBe(f.staff.admin);
    const listed = JSON.stringify(
      ok(await t.gql(`{ apiTokens { nodes { id name tokenPrefix lastUsedAt } } }`, {}, { token: f.tokens.admin })),
    );
    expect(listed).toContain(created.apiToken.id);
    expect(listed).not.toContain(created.token);
  });

  it("successful: the token reads the whole group and says it is read-only", async () => {
    const created = ok(await create({ name: "Group BI" })).createApiToken;
    const data = ok(
      await t.gql(
        `{ me { kind readOnly seesAllOffices role apiToken { name } } offices { totalCount } customers { totalCount } }`,
        {},
        { token: created.token },
      ),
    );
    expect(data.me).toEqual({
      kind: "API_TOKEN",
      readOnly: true,
      seesAllOffices: true,
      role: null,
      apiToken: { name: "Group BI" },
    });
    expect(data.offices.totalCount).toBe(3);
    expect(data.customers.totalCount).toBe(2);
  });

  it("successful: a token limited to one office reads that office only", async () => {
    const created = ok(await create({ name: "Office A BI", officeId: f.officeA })).createApiToken;
    const data = ok(await t.gql(`{ offices { nodes { id } } customers { nodes { id } } }`, {}, { token: created.token }));
    expect(data.offices.nodes).toEqual([{ id: f.officeA }]);
    expect(data.customers.nodes).toEqual([{ id: f.customerA }]);
  });

  it("failing: a token may not change anything (FORBIDDEN), whatever the mutation", async () => {
    for (const mutation of [
      `mutation { createOffice(input: { name: "X", code: "X9" }) { id } }`,
      `mutation { updateTenant(input: { name: "X" }) { id } }`,
      `mutation { changePassword(currentPassword: "x", newPassword: "0123456789ab") { token } }`,
    ]) {
      const result = await t.gql(mutation, {}, { token: f.tokens.api });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "READ_ONLY_TOKEN" });
    }
  });

  it("failing: a revoked token is refused at once with UNAUTHENTICATED", async () => {
    const created = ok(await create({ name: "Temporary" })).createApiToken;
    ok(await t.gql(`{ tenant { id } }`, {}, { token: created.token }));
    const revoked = ok(
      await t.gql(
        `mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt revokedBy { id } } }`,
        { id: created.apiToken.id },
        { token: f.tokens.admin },
      ),
    );
    expect(revoked.revokeApiToken.revokedBy.id).toBe(f.staff.admin);
    const result = await t.gql(`{ tenant { id } }`, {}, { token: created.token });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", reason: "TOKEN_REVOKED" });
  });

  it("failing: an expired token is refused; an expiry in the past is refused at creation", async () => {
    expect(errorCode(await create({ name: "Past", expiresAt: new Date(Date.now() - 1000).toISOString() }))).toBe(
      "BAD_USER_INPUT",
    );
    const created = ok(await create({ name: "Short", expiresAt: new Date(Date.now() + 60_000).toISOString() })).createApiToken;
    const later = await startTestApi({ now: () => new Date(Date.now() + 120_000) });
    try {
      const result = await later.gql(`{ tenant { id } }`, {}, { token: created.token });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", reason: "TOKEN_EXPIRED" });
    } finally {
      await later.stop();
    }
  });

  it("failing: only head-office admins create, list or revoke tokens", async () => {
    for (const who of ["hoManager", "managerA", "staffA"] as const) {
      expect(errorCode(await create({ name: "X" }, f.tokens[who]))).toBe("FORBIDDEN");
      expect(errorCode(await t.gql(`{ apiTokens { totalCount } }`, {}, { token: f.tokens[who] }))).toBe("FORBIDDEN");
    }
  });

  it("failing: malformed and tampered tokens get UNAUTHENTICATED, never an error 500", async () => {
    const tampered = f.tokens.api.slice(0, -3) + (f.tokens.api.endsWith("AAA") ? "BBB" : "AAA");
    for (const token of ["psp_", "psp_x_y", `psp_${"A".repeat(22)}_${"B".repeat(43)}`, tampered]) {
      const result = await t.gql(`{ tenant { id } }`, {}, { token });
      expect(result.status).toBe(200);
      expect(errorCode(result)).toBe("UNAUTHENTICATED");
    }
  });
});
