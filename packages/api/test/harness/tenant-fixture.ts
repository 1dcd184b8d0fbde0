import { randomBytes } from "node:crypto";
import { ok, TEST_PLATFORM_SECRET, type TestApi } from "./api";

export const TEST_PASSWORD = "correct-horse-battery";

export interface TenantFixture {
  slug: string;
  tenantId: string;
  headOfficeId: string;
  officeA: string;
  officeB: string;
  propertyA: string;
  propertyB: string;
  unitA: string;
  unitB: string;
  customerA: string;
  customerB: string;
  staff: { admin: string; hoManager: string; managerA: string; staffA: string; managerB: string; staffB: string };
  tokens: { admin: string; hoManager: string; managerA: string; staffA: string; managerB: string; staffB: string; api: string };
  apiTokenId: string;
}

export async function login(t: TestApi, slug: string, email: string, password = TEST_PASSWORD): Promise<string> {
  const data = ok(
    await t.gql<{ login: { token: string } }>(
      `mutation($slug: String!, $email: String!, $password: String!) { login(tenantSlug: $slug, email: $email, password: $password) { token } }`,
      { slug, email, password },
    ),
  );
  return data.login.token;
}

/**
 * A fresh, isolated group built through the public API: head office, offices A and B, a property, unit and
 * customer in each, staff of every role, their sessions, and a read-only API token.
 */
export async function createTenantFixture(t: TestApi, label = "t"): Promise<TenantFixture> {
  const slug = `${label}-${randomBytes(5).toString("hex")}`;
  const created = ok(
    await t.gql<{ createTenant: { tenant: { id: string }; headOffice: { id: string } } }>(
      `mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id } headOffice { id } } }`,
      { input: { name: `Group ${slug}`, slug, admin: { email: `admin@${slug}.test`, name: "Admin", password: TEST_PASSWORD } } },
      { platformSecret: TEST_PLATFORM_SECRET },
    ),
  ).createTenant;
  const admin = await login(t, slug, `admin@${slug}.test`);
  const as =
    (token: string) =>
    async <T>(query: string, variables?: Record<string, unknown>) =>
      ok(await t.gql<T>(query, variables, { token }));
  const asAdmin = as(admin);
  const adminId = (await asAdmin<{ me: { staff: { id: string } } }>(`{ me { staff { id } } }`)).me.staff.id;

  const office = async (code: string) =>
    (
      await asAdmin<{ createOffice: { id: string } }>(`mutation($i: CreateOfficeInput!) { createOffice(input: $i) { id } }`, {
        i: { name: `Office ${code}`, code },
      })
    ).createOffice.id;
  const officeA = await office("A");
  const officeB = await office("B");

  const staff = async (email: string, role: string, officeId: string) =>
    (
      await asAdmin<{ createStaff: { id: string } }>(`mutation($i: CreateStaffInput!) { createStaff(input: $i) { id } }`, {
        i: { email: `${email}@${slug}.test`, name: email, role, officeId, password: TEST_PASSWORD },
      })
    ).createStaff.id;
  const staffIds = {
    hoManager: await staff("hom", "HEAD_OFFICE_MANAGER", created.headOffice.id),
    managerA: await staff("ma", "OFFICE_MANAGER", officeA),
    staffA: await staff("sa", "OFFICE_STAFF", officeA),
    managerB: await staff("mb", "OFFICE_MANAGER", officeB),
    staffB: await staff("sb", "OFFICE_STAFF", officeB),
  };

  const property = async (officeId: string) =>
    (
      await asAdmin<{ createProperty: { id: string } }>(
        `mutation($i: CreatePropertyInput!) { createProperty(input: $i) { id } }`,
        {
          i: { officeId, name: `Property of ${officeId.slice(-4)}` },
        },
      )
    ).createProperty.id;
  const propertyA = await property(officeA);
  const propertyB = await property(officeB);
  const unit = async (propertyId: string) =>
    (
      await asAdmin<{ createUnit: { id: string } }>(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }`, {
        i: { propertyId, building: "1栋", number: "101", area: 88.5 },
      })
    ).createUnit.id;
  const unitA = await unit(propertyA);
  const unitB = await unit(propertyB);
  const customer = async (officeId: string, unitId: string) =>
    (
      await asAdmin<{ createCustomer: { id: string } }>(
        `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`,
        {
          i: { officeId, name: "张三", phone: "13800000000", units: [{ unitId, relation: "OWNER" }] },
        },
      )
    ).createCustomer.id;
  const customerA = await customer(officeA, unitA);
  const customerB = await customer(officeB, unitB);

  const apiToken = (
    await asAdmin<{ createApiToken: { token: string; apiToken: { id: string } } }>(
      `mutation { createApiToken(input: { name: "BI" }) { token apiToken { id } } }`,
    )
  ).createApiToken;

  return {
    slug,
    tenantId: created.tenant.id,
    headOfficeId: created.headOffice.id,
    officeA,
    officeB,
    propertyA,
    propertyB,
    unitA,
    unitB,
    customerA,
    customerB,
    staff: { admin: adminId, ...staffIds },
    tokens: {
      admin,
      hoManager: await login(t, slug, `hom@${slug}.test`),
      managerA: await login(t, slug, `ma@${slug}.test`),
      staffA: await login(t, slug, `sa@${slug}.test`),
      managerB: await login(t, slug, `mb@${slug}.test`),
      staffB: await login(t, slug, `sb@${slug}.test`),
      api: apiToken.token,
    },
    apiTokenId: apiToken.apiToken.id,
  };
}
