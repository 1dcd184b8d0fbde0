import type { EntityName } from "@mikro-orm/core";
import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import { hashPassword } from "../auth/password";
import { Role } from "../auth/roles";
import { oneAtATime } from "../database/advisory-lock";
import { allowLongWork } from "../database/long-work";
import { withTenant } from "../database/tenant-db";
import type { AppServices } from "../context/app-services";
import { Customer, CustomerKind } from "../modules/customer/customer.entity";
import { CustomerUnit, UnitRelation } from "../modules/customer/customer-unit.entity";
import { createTenant } from "../modules/platform/platform.service";
import { Property } from "../modules/property/property.entity";
import { Unit } from "../modules/property/unit.entity";
import { Staff } from "../modules/staff/staff.entity";
import { Office, OfficeKind } from "../modules/tenancy/office.entity";
import { Tenant } from "../modules/tenancy/tenant.entity";
import { chineseName, mobileNumber } from "./chinese-names";
import { SeededRandom } from "./random";
import { seedDemoSpotChecks, seedDemoTickets } from "./demo-tickets";
import { Ticket } from "../modules/tickets/ticket.entity";
import { FeeItem } from "../modules/billing/fee-item.entity";
import { CompetencyAssessment } from "../modules/competency/competency.entity";
import { StaffAssessmentEntry } from "../modules/staff-assessment/staff-assessment-entry.entity";
import { seedDemoFees } from "./demo-fees";
import { seedDemoCompetency, seedDemoStaffAssessments } from "./demo-assessments";
import { seedDemoSensitiveNotes } from "./demo-sensitive-notes";
import { SensitiveNote } from "../modules/privacy/sensitive-note.entity";

export const DEMO_PASSWORD = "demo-pass-2026";

interface PropertySpec {
  name: string;
  address: string;
  buildings: number;
  floors: number;
  perFloor: number;
  /** Typical unit area in m². */
  area: number;
  shops?: boolean;
}

interface OfficeSpec {
  code: string;
  name: string;
  address: string;
  phone: string;
  staff: number;
  properties: PropertySpec[];
}

interface TenantSpec {
  slug: string;
  name: string;
  headOffice: string;
  admin: { email: string; name: string };
  headOfficeManagers: { email: string; name: string }[];
  offices: OfficeSpec[];
  seed: number;
}

/** The demo group: six offices of different sizes and kinds (residential, commercial, older walk-ups). */
export const DEMO_GROUP: TenantSpec = {
  slug: "huaxia",
  name: "华夏物业集团",
  headOffice: "华夏物业总公司",
  admin: { email: "admin@huaxia.demo", name: "王建国" },
  headOfficeManagers: [
    { email: "manager@huaxia.demo", name: "李秀英" },
    { email: "quality@huaxia.demo", name: "张伟" },
  ],
  seed: 20_261_122,
  offices: [
    {
      code: "CH",
      name: "翠湖管理处",
      address: "深圳市南山区翠湖路88号",
      phone: "0755-26880001",
      staff: 5,
      properties: [{ name: "翠湖花园", address: "深圳市南山区翠湖路88号", buildings: 6, floors: 18, perFloor: 4, area: 98 }],
    },
    {
      code: "JG",
      name: "金桂管理处",
      address: "深圳市福田区金桂路12号",
      phone: "0755-83320002",
      staff: 4,
      properties: [
        { name: "金桂苑", address: "深圳市福田区金桂路12号", buildings: 4, floors: 12, perFloor: 4, area: 89 },
        { name: "金桂商业街", address: "深圳市福田区金桂路10号", buildings: 1, floors: 3, perFloor: 10, area: 65, shops: true },
      ],
    },
    {
      code: "YX",
      name: "银杏管理处",
      address: "深圳市罗湖区银杏街3号",
      phone: "0755-25510003",
      staff: 3,
      properties: [{ name: "银杏小区", address: "深圳市罗湖区银杏街3号", buildings: 8, floors: 6, perFloor: 2, area: 72 }],
    },
    {
      code: "HJ",
      name: "海景管理处",
      address: "深圳市南山区海景大道1号",
      phone: "0755-86660004",
      staff: 4,
      properties: [
        { name: "海景大厦", address: "深圳市南山区海景大道1号", buildings: 2, floors: 30, perFloor: 6, area: 156, shops: true },
      ],
    },
    {
      code: "FL",
      name: "枫林管理处",
      address: "深圳市龙岗区枫林路66号",
      phone: "0755-28990005",
      staff: 4,
      properties: [{ name: "枫林雅苑", address: "深圳市龙岗区枫林路66号", buildings: 5, floors: 11, perFloor: 4, area: 105 }],
    },
    {
      code: "BJ",
      name: "滨江管理处",
      address: "深圳市宝安区滨江大道200号",
      phone: "0755-27770006",
      staff: 5,
      properties: [
        { name: "滨江国际", address: "深圳市宝安区滨江大道200号", buildings: 3, floors: 32, perFloor: 4, area: 118 },
        { name: "滨江公寓", address: "深圳市宝安区滨江大道202号", buildings: 1, floors: 20, perFloor: 8, area: 45 },
      ],
    },
  ],
};

/** A second, small group, so isolation between tenants is visible in the demo. */
export const SECOND_GROUP: TenantSpec = {
  slug: "anju",
  name: "安居物业",
  headOffice: "安居物业总部",
  admin: { email: "admin@anju.demo", name: "赵敏" },
  headOfficeManagers: [],
  seed: 7,
  offices: [
    {
      code: "AJ1",
      name: "安居一处",
      address: "广州市天河区安居路1号",
      phone: "020-38880001",
      staff: 2,
      properties: [{ name: "安居小区", address: "广州市天河区安居路1号", buildings: 2, floors: 6, perFloor: 2, area: 80 }],
    },
  ],
};

/** The tenant id for a slug, if that group exists (the tenant policy admits slug look-ups). */
export async function tenantIdBySlug(orm: MikroORM, slug: string): Promise<string | null> {
  const em = orm.em.fork();
  await em.begin();
  try {
    await em.execute("select set_config('app.tenant_slug', ?, true)", [slug]);
    return (await em.findOne(Tenant, { slug }))?.id ?? null;
  } finally {
    await em.rollback();
  }
}

export interface SeededAccount {
  tenant: string;
  email: string;
  role: Role;
  office: string;
}

/** What loading the demo data needs of the API's services: the database, a log and the clock. */
export type SeedServices = Pick<AppServices, "orm" | "logger" | "now">;

/**
 * A point the demo load has reached: `committed: false` inside a part's transaction once its rows are written
 * (`em` is that transaction), `committed: true` once the part is committed.
 */
export interface SeedCheckpoint {
  tenant: string;
  part: string;
  committed: boolean;
  em?: EntityManager;
}

export interface SeedOptions {
  /**
   * Called at every checkpoint; tests throw from it to interrupt the load there (as a Ctrl+C or a crash would),
   * then check that the next load completes it.
   */
  checkpoint?: (point: SeedCheckpoint) => void | Promise<void>;
  /**
   * Called once before the first part this load adds, outside any transaction. `pnpm start` refreshes the planner's
   * statistics there (see `main.ts`): after a load was stopped part way, tables holding only its rolled-back rows
   * can be analysed as empty while their pages are not, and the next load's joins and foreign-key checks, planned
   * for one row, then ran for many minutes.
   */
  beforeLoading?: () => Promise<void>;
}

/** `fn` once, however often it is asked for; later calls wait for the first. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

/**
 * The group's offices, staff, properties, units and their owners and renters — in one transaction, and only
 * while the group has no management office (so a load stopped before this part committed does it next time).
 */
async function seedStructure(
  app: SeedServices,
  tenantId: string,
  spec: TenantSpec,
  passwordHash: () => Promise<string>,
  options: SeedOptions,
): Promise<boolean> {
  return withTenant(app.orm, tenantId, async (em) => {
    if ((await em.count(Office, { kind: OfficeKind.OFFICE })) > 0) return false;
    await allowLongWork(em);
    const random = new SeededRandom(spec.seed);
    const hash = await passwordHash();
    const head = await em.findOneOrFail(Office, { kind: OfficeKind.HEAD_OFFICE });
    for (const m of spec.headOfficeManagers) {
      em.create(Staff, {
        office: head,
        email: m.email,
        name: m.name,
        phone: mobileNumber(random),
        role: Role.HEAD_OFFICE_MANAGER,
        passwordHash: hash,
      });
    }
    for (const o of spec.offices) {
      const office = em.create(Office, {
        kind: OfficeKind.OFFICE,
        code: o.code,
        name: o.name,
        address: o.address,
        phone: o.phone,
        parent: head,
      });
      const code = o.code.toLowerCase();
      em.create(Staff, {
        office,
        email: `${code}.manager@${spec.slug}.demo`,
        name: chineseName(random),
        phone: mobileNumber(random),
        role: Role.OFFICE_MANAGER,
        passwordHash: hash,
      });
      for (let i = 1; i <= o.staff; i++) {
        em.create(Staff, {
          office,
          email: `${code}.staff${i}@${spec.slug}.demo`,
          name: chineseName(random),
          phone: mobileNumber(random),
          role: Role.OFFICE_STAFF,
          passwordHash: hash,
        });
      }
      for (const p of o.properties) {
        const property = em.create(Property, { office, name: p.name, address: p.address });
        for (let b = 1; b <= p.buildings; b++) {
          for (let f = 1; f <= p.floors; f++) {
            for (let u = 1; u <= p.perFloor; u++) {
              const building = p.shops ? `${b}座` : `${b}栋`;
              const number = `${f}${String(u).padStart(2, "0")}`;
              const areaCenti = Math.round(p.area * 100 * (0.8 + random.int(0, 40) / 100));
              const unit = em.create(Unit, { property, building, number, floor: f, areaCentiM2: areaCenti });
              const owner = em.create(Customer, {
                office,
                name: chineseName(random),
                phone: mobileNumber(random),
                kind: CustomerKind.OWNER,
              });
              em.create(CustomerUnit, { customer: owner, unit, relation: UnitRelation.OWNER });
              if (random.chance(p.shops ? 0.5 : 0.15)) {
                const renter = em.create(Customer, {
                  office,
                  name: chineseName(random),
                  phone: mobileNumber(random),
                  kind: CustomerKind.TENANT,
                });
                em.create(CustomerUnit, { customer: renter, unit, relation: UnitRelation.TENANT });
              }
            }
          }
        }
      }
    }
    await em.flush();
    await options.checkpoint?.({ tenant: spec.slug, part: "structure", committed: false, em });
    return true;
  });
}

/**
 * Loads the demo groups, completing whatever an earlier load left undone: when everything is there nothing is
 * done, so restarts keep whatever people changed in the demo.
 *
 * The load is a sequence of parts — the group (`createTenant`), its structure, then each kind of history — and
 * each part is one transaction that first checks whether its rows exist. A load stopped anywhere (Ctrl+C, a
 * crash, the database going away) therefore leaves only whole parts behind, and the next load does the parts
 * that are missing, each exactly once; loads started together on one database take turns. `pnpm start` runs it
 * before the API listens, so nobody sees a group half loaded.
 */
export async function seedDemoData(
  app: SeedServices,
  options: SeedOptions = {},
): Promise<{ created: boolean; accounts: SeededAccount[] }> {
  // Instances starting together on one empty database would each see a part missing and load it twice.
  return oneAtATime(app.orm, DEMO_LOAD_LOCK, () => loadMissingParts(app, options));
}

/** Any fixed number (the migrations hold another): one demo load at a time per database. */
const DEMO_LOAD_LOCK = 7_240_612;

async function loadMissingParts(
  app: SeedServices,
  options: SeedOptions,
): Promise<{ created: boolean; accounts: SeededAccount[] }> {
  const accounts: SeededAccount[] = [];
  let hashed: Promise<string> | undefined;
  const passwordHash = () => (hashed ??= hashPassword(DEMO_PASSWORD));
  let created = false;
  const prepare = once(options.beforeLoading ?? (async () => undefined));
  for (const spec of [DEMO_GROUP, SECOND_GROUP]) {
    let tenantId = await tenantIdBySlug(app.orm, spec.slug);
    if (!tenantId) {
      await prepare();
      const started = Date.now();
      const { tenant } = await createTenant(app, {
        name: spec.name,
        slug: spec.slug,
        timeZone: "Asia/Shanghai",
        headOfficeName: spec.headOffice,
        admin: { ...spec.admin, password: DEMO_PASSWORD },
      });
      tenantId = tenant.id;
      app.logger.info("demo data loaded", { tenant: spec.slug, part: "group", ms: Date.now() - started });
      await options.checkpoint?.({ tenant: spec.slug, part: "group", committed: true });
      created = true;
    }
    const started = Date.now();
    if (await missing(app, tenantId, Office, { kind: OfficeKind.OFFICE })) await prepare();
    if (await seedStructure(app, tenantId, spec, passwordHash, options)) {
      app.logger.info("demo data loaded", { tenant: spec.slug, part: "structure", ms: Date.now() - started });
      await options.checkpoint?.({ tenant: spec.slug, part: "structure", committed: true });
      created = true;
    }
    // Each kind of demo record is added once, so a database from an older version gains what is new.
    created = (await seedActivity(app, tenantId, spec, options, prepare)) || created;
    accounts.push(...demoAccounts(spec));
  }
  return { created, accounts };
}

/**
 * The group's history, each part only when the group has none of it yet: six months of requests with
 * follow-ups and spot checks, a year of fees, competency assessments, monthly staff assessments and a few
 * sensitive notes about residents who need special care.
 */
async function seedActivity(
  app: SeedServices,
  tenantId: string,
  spec: TenantSpec,
  options: SeedOptions,
  prepare: () => Promise<void>,
): Promise<boolean> {
  const main = spec === DEMO_GROUP;
  const parts: [string, (em: EntityManager, random: SeededRandom, now: Date) => Promise<unknown>, EntityName<object>][] = [
    [
      "tickets",
      async (em, random, now) => {
        await seedDemoTickets(em, random, now, main ? 6 : 2);
        const checker = await em.findOne(Staff, { role: Role.HEAD_OFFICE_MANAGER }, { orderBy: { email: "asc" } });
        if (checker) await seedDemoSpotChecks(em, random, now, checker, main ? 5 : 1);
      },
      Ticket,
    ],
    ["fees", (em, random, now) => seedDemoFees(em, random, now, main ? 12 : 3), FeeItem],
    ["competency", (em, random, now) => seedDemoCompetency(em, random, now, main ? 4 : 1), CompetencyAssessment],
    ["staff assessments", (em, random, now) => seedDemoStaffAssessments(em, random, now, main ? 6 : 2), StaffAssessmentEntry],
    ["sensitive notes", (em, random) => seedDemoSensitiveNotes(em, random, main ? 3 : 1), SensitiveNote],
  ];
  let seeded = false;
  for (const [k, [label, seed, entity]] of parts.entries()) {
    if (!(await missing(app, tenantId, entity, {}))) continue;
    await prepare();
    const started = Date.now();
    const done = await withTenant(app.orm, tenantId, async (em) => {
      if ((await em.count(entity, {})) > 0) return false; // checked again in the part's own transaction
      await allowLongWork(em);
      // Each part draws from its own sequence, so adding a part never changes the others.
      await seed(em, new SeededRandom(spec.seed + 1 + k), app.now());
      await options.checkpoint?.({ tenant: spec.slug, part: label, committed: false, em });
      return true;
    });
    if (done) {
      app.logger.info("demo data loaded", { tenant: spec.slug, part: label, ms: Date.now() - started });
      await options.checkpoint?.({ tenant: spec.slug, part: label, committed: true });
    }
    seeded ||= done;
  }
  return seeded;
}

/** Whether the group has no such rows yet (a part to load), read outside the part's transaction. */
function missing<T extends object>(app: SeedServices, tenantId: string, entity: EntityName<T>, where: object): Promise<boolean> {
  return withTenant(app.orm, tenantId, async (em) => (await em.count(entity, where as never)) === 0);
}

/** The sign-in accounts a spec creates (for printing at start-up without reading the database). */
function demoAccounts(spec: TenantSpec): SeededAccount[] {
  return [
    { tenant: spec.slug, email: spec.admin.email, role: Role.HEAD_OFFICE_ADMIN, office: spec.headOffice },
    ...spec.headOfficeManagers.map((m) => ({
      tenant: spec.slug,
      email: m.email,
      role: Role.HEAD_OFFICE_MANAGER,
      office: spec.headOffice,
    })),
    ...spec.offices.flatMap((o) => [
      {
        tenant: spec.slug,
        email: `${o.code.toLowerCase()}.manager@${spec.slug}.demo`,
        role: Role.OFFICE_MANAGER,
        office: o.name,
      },
      { tenant: spec.slug, email: `${o.code.toLowerCase()}.staff1@${spec.slug}.demo`, role: Role.OFFICE_STAFF, office: o.name },
    ]),
  ];
}
