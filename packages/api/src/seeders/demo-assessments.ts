import type { EntityManager } from "@mikro-orm/postgresql";
import { DateTime } from "luxon";
import { Role } from "../auth/roles";
import { CompetencyAssessment, CompetencyRating } from "../modules/competency/competency.entity";
import { periodRange } from "../modules/competency/competency.service";
import { defaultCompetencyModel } from "../modules/competency/competency-model";
import { monthOf, signedPoints } from "../modules/staff-assessment/monthly-score";
import { StaffAssessmentEntry } from "../modules/staff-assessment/staff-assessment-entry.entity";
import { ViolationType } from "../modules/staff-assessment/violation-type.entity";
import { Staff } from "../modules/staff/staff.entity";
import { Office } from "../modules/tenancy/office.entity";
import type { SeededRandom } from "./random";

const ZONE = "Asia/Shanghai";

/** Offices' typical level (mean rating 1–5): 银杏 is weaker, in line with its tickets and collection. */
const OFFICE_LEVEL: Record<string, number> = { CH: 4.1, JG: 3.9, YX: 3.2, HJ: 3.8, FL: 4.0, BJ: 3.7 };

const COMMENTS = [
  "沟通耐心，客户评价好",
  "处理投诉思路清晰",
  "需加强专业知识学习",
  "工作主动，能换位思考",
  "时间管理有待提高",
  "能按流程及时回访",
  null,
];

const clampRating = (x: number) => Math.max(1, Math.min(5, Math.round(x)));

/**
 * Quarterly competency assessments of everyone but the admin for the last four finished quarters (office staff
 * by their manager, office managers and head-office managers by the admin), each person with a level of their
 * own around their office's, and some indicators stronger than others.
 */
export async function seedDemoCompetency(em: EntityManager, random: SeededRandom, now: Date, quarters = 4): Promise<number> {
  const staff = await em.find(Staff, { active: true }, { orderBy: { email: "asc" } });
  const offices = new Map((await em.find(Office, {})).map((o) => [o.id, o]));
  const admin = staff.find((s) => s.role === Role.HEAD_OFFICE_ADMIN);
  const indicators = defaultCompetencyModel();
  const managerOf = (s: Staff) => staff.find((m) => m.role === Role.OFFICE_MANAGER && m.office.id === s.office.id);
  const thisQuarter = DateTime.fromJSDate(now, { zone: ZONE }).startOf("quarter");
  let count = 0;
  for (const person of staff) {
    const assessor = person.role === Role.OFFICE_STAFF ? managerOf(person) : admin;
    if (!assessor || assessor.id === person.id) continue;
    const level = (OFFICE_LEVEL[offices.get(person.office.id)?.code ?? ""] ?? 3.8) + random.int(-6, 6) / 10;
    const strengths = new Map(indicators.map((i) => [i.code, random.int(-5, 5) / 10]));
    for (let q = quarters; q >= 1; q--) {
      const start = thisQuarter.minus({ quarters: q });
      const period = `${start.year}-Q${start.quarter}`;
      // People improve a little over the year.
      const trend = (quarters - q) * 0.08;
      const assessment = em.create(CompetencyAssessment, {
        staff: person,
        office: person.office,
        assessor,
        period,
        periodStart: periodRange(period).start,
        periodEnd: periodRange(period).end,
        comment: random.pick(COMMENTS),
        createdAt: start.plus({ months: 3, days: random.int(3, 12) }).toJSDate(),
      });
      for (const i of indicators) {
        em.create(CompetencyRating, {
          assessment,
          indicatorCode: i.code,
          rating: clampRating(level + trend + strengths.get(i.code)! + random.int(-7, 7) / 10),
        });
      }
      count++;
    }
  }
  await em.flush();
  return count;
}

/**
 * Six months of the monthly assessment (考核): now and then a severe violation against office staff, more
 * often in the lagging office, and praise from owners; recorded by the office manager, a few voided.
 */
export async function seedDemoStaffAssessments(em: EntityManager, random: SeededRandom, now: Date, months = 6): Promise<number> {
  const staff = await em.find(Staff, { active: true, role: Role.OFFICE_STAFF }, { orderBy: { email: "asc" } });
  const managers = await em.find(Staff, { active: true, role: Role.OFFICE_MANAGER });
  const offices = new Map((await em.find(Office, {})).map((o) => [o.id, o]));
  const types = new Map((await em.find(ViolationType, { active: true })).map((v) => [v.code, v]));
  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf("day");
  const deductions: [string, number][] = [
    ["ABSENCE", 3],
    ["CUSTOMER_QUARREL", 3],
    ["EMERGENCY_LATE", 2],
    ["OUTSIDER_IN_WORK_AREA", 1],
    ["DUTIES_NOT_FULFILLED", 1],
  ];
  let count = 0;
  for (const person of staff) {
    const recorder = managers.find((m) => m.office.id === person.office.id);
    if (!recorder) continue;
    const lagging = offices.get(person.office.id)?.code === "YX";
    for (let m = months - 1; m >= 0; m--) {
      const month = today.startOf("month").minus({ months: m });
      const events: string[] = [];
      if (random.chance(lagging ? 0.3 : 0.1)) events.push(random.weighted(deductions));
      if (random.chance(lagging ? 0.1 : 0.25)) events.push("CUSTOMER_PRAISE");
      if (random.chance(0.05)) events.push("SUGGESTION_ADOPTED");
      for (const code of events) {
        const type = types.get(code);
        if (!type) continue;
        const day = month.plus({ days: random.int(0, month.daysInMonth! - 1) });
        if (day > today) continue;
        const entry = em.create(StaffAssessmentEntry, {
          staff: person,
          office: person.office,
          month: monthOf(day.toISODate()!),
          violationType: type,
          points: signedPoints(type.kind, type.points),
          occurredOn: day.toISODate()!,
          note: code === "CUSTOMER_PRAISE" ? "业主送来感谢信" : null,
          recordedBy: recorder,
          createdAt: day.plus({ hours: 17 }).toJSDate(),
        });
        if (type.kind === "DEDUCTION" && random.chance(0.05)) {
          Object.assign(entry, {
            voidedAt: day.plus({ days: 2 }).toJSDate(),
            voidedBy: recorder,
            voidReason: "经核实非本人责任",
          });
        }
        count++;
      }
    }
  }
  await em.flush();
  return count;
}
