import type { EntityManager } from "@mikro-orm/postgresql";
import { UniqueConstraintViolationException, type FilterQuery } from "@mikro-orm/core";
import { badInput, conflict, notFound } from "../../common/errors/app-error";
import { isId } from "../../common/ids";
import type { Session } from "../../context/context.type";
import { findVisible } from "../../context/find-visible";
import { today } from "../billing/billing.service";
import { Staff } from "../staff/staff.entity";
import { checkMayAssess, ownAssessmentsOnly } from "../staff/may-assess";
import { findVisibleStaff } from "../staff/staff.service";
import { Office } from "../tenancy/office.entity";
import { DEFAULT_VIOLATION_TYPES } from "./default-violation-types";
import { monthCode, monthOf, monthlyScore, signedPoints } from "./monthly-score";
import { StaffAssessmentEntry } from "./staff-assessment-entry.entity";
import { ViolationKind, ViolationSeverity } from "./staff-assessment.enums";
import type {
  CreateViolationTypeInput,
  RecordStaffAssessmentEntryInput,
  StaffAssessmentEntryListArgs,
  StaffMonthlyScore,
  StaffMonthlyScoresArgs,
  UpdateViolationTypeInput,
} from "./staff-assessment.input";
import { ViolationType } from "./violation-type.entity";

const violationTypeNotFound = (field: string[] = ["id"]) =>
  notFound("VIOLATION_TYPE_NOT_FOUND", "No such catalogue item.", field);
const entryNotFound = (field: string[] = ["id"]) =>
  notFound("ASSESSMENT_ENTRY_NOT_FOUND", "No such assessment entry, or it is not visible to you.", field);

/** A new group's catalogue (the migration gives existing groups the same). */
export function createDefaultViolationTypes(em: EntityManager): void {
  for (const v of DEFAULT_VIOLATION_TYPES) {
    em.create(ViolationType, {
      code: v.code,
      name: v.name,
      kind: v.kind as ViolationKind,
      severity: v.severity as ViolationSeverity | null,
      points: v.points,
    });
  }
}

export function violationTypes(em: EntityManager, includeRetired: boolean): Promise<ViolationType[]> {
  return em.find(ViolationType, includeRetired ? {} : { active: true }, {
    orderBy: { kind: "desc", points: "desc", code: "asc" },
  });
}

function checkSeverityFitsKind(kind: ViolationKind, severity: ViolationSeverity | null | undefined): void {
  if (kind === ViolationKind.BONUS && severity)
    throw badInput("SEVERITY_ON_BONUS", "Only deductions have a severity.", ["input", "severity"]);
}

export async function createViolationType(em: EntityManager, input: CreateViolationTypeInput): Promise<ViolationType> {
  checkSeverityFitsKind(input.kind, input.severity);
  const type = em.create(ViolationType, {
    code: input.code,
    name: input.name.trim(),
    kind: input.kind,
    severity: input.severity ?? null,
    points: input.points,
  });
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict("VIOLATION_CODE_TAKEN", `Another catalogue item uses the code ${input.code}.`, ["input", "code"]);
    }
    throw error;
  }
  return type;
}

export async function updateViolationType(
  em: EntityManager,
  id: string,
  input: UpdateViolationTypeInput,
): Promise<ViolationType> {
  const type = isId(id) ? await em.findOne(ViolationType, { id }) : null;
  if (!type) throw violationTypeNotFound();
  if (input.severity !== undefined) checkSeverityFitsKind(type.kind, input.severity);
  if (input.name !== undefined) type.name = input.name.trim();
  if (input.severity !== undefined) type.severity = input.severity;
  if (input.points !== undefined && input.points !== null) type.points = input.points;
  if (input.active !== undefined && input.active !== null) type.active = input.active;
  await em.flush();
  return type;
}

export async function recordEntry(
  em: EntityManager,
  session: Session,
  input: RecordStaffAssessmentEntryInput,
  now: Date,
): Promise<StaffAssessmentEntry> {
  const staff = await findVisibleStaff(em, session, input.staffId, ["input", "staffId"]);
  checkMayAssess(session, staff);
  const type = await em.findOne(ViolationType, { code: input.violationCode });
  if (!type) throw violationTypeNotFound(["input", "violationCode"]);
  if (!type.active)
    throw badInput("VIOLATION_TYPE_RETIRED", `${type.code} is retired and no longer recorded.`, ["input", "violationCode"]);
  const todayDate = await today(em, session.viewer.tenantId, now);
  if (input.occurredOn > todayDate)
    throw badInput("DATE_IN_FUTURE", `${input.occurredOn} is in the future.`, ["input", "occurredOn"]);
  const entry = em.create(StaffAssessmentEntry, {
    staff,
    office: staff.office,
    month: monthOf(input.occurredOn),
    violationType: type,
    points: signedPoints(type.kind, type.points),
    occurredOn: input.occurredOn,
    note: input.note?.trim() || null,
    recordedBy: em.getReference(Staff, session.viewer.staff!.id, { wrapped: true }),
  });
  await em.flush();
  return entry;
}

export async function voidEntry(
  em: EntityManager,
  session: Session,
  id: string,
  reason: string,
  now: Date,
): Promise<StaffAssessmentEntry> {
  const entry = await findVisible(em, session, StaffAssessmentEntry, id, "office", () => entryNotFound());
  const staff = await em.findOneOrFail(Staff, { id: entry.staff.id });
  checkMayAssess(session, staff);
  if (!reason.trim()) throw badInput("REASON_REQUIRED", "Say why the entry is voided.", ["reason"]);
  if (entry.voidedAt) throw conflict("ALREADY_VOIDED", "This entry is already voided.");
  entry.voidedAt = now;
  entry.voidedBy = em.getReference(Staff, session.viewer.staff!.id, { wrapped: true });
  entry.voidReason = reason.trim().slice(0, 500);
  await em.flush();
  return entry;
}

export async function entryWhere(
  session: Session,
  args: StaffAssessmentEntryListArgs,
): Promise<FilterQuery<StaffAssessmentEntry>> {
  const where: Record<string, unknown> = { ...(await session.scope.where(args.officeId)) };
  if (args.staffId) where.staff = isId(args.staffId) ? args.staffId : { $in: [] };
  const own = ownAssessmentsOnly(session);
  if (own) where.staff = args.staffId && args.staffId !== own ? { $in: [] } : own;
  if (args.month) where.month = `${args.month}-01`;
  if (!args.includeVoided) where.voidedAt = null;
  return where as FilterQuery<StaffAssessmentEntry>;
}

/**
 * Every active staff member of the caller's offices (or one office) with their score for the month, lowest
 * first: the people a manager should talk to come first. Staff with nothing recorded score 100.
 */
export async function monthlyScores(
  em: EntityManager,
  session: Session,
  args: StaffMonthlyScoresArgs,
): Promise<StaffMonthlyScore[]> {
  const scope: Record<string, unknown> = { ...(await session.scope.where(args.officeId)) };
  const own = ownAssessmentsOnly(session);
  const month = `${args.month}-01`;
  const [staff, entries] = await Promise.all([
    em.find(Staff, { ...scope, active: true, ...(own ? { id: own } : {}) } as FilterQuery<Staff>, { orderBy: { name: "asc" } }),
    em.find(StaffAssessmentEntry, {
      ...scope,
      month,
      voidedAt: null,
      ...(own ? { staff: own } : {}),
    } as FilterQuery<StaffAssessmentEntry>),
  ]);
  const byStaff = new Map<string, StaffAssessmentEntry[]>();
  for (const e of entries) byStaff.set(e.staff.id, [...(byStaff.get(e.staff.id) ?? []), e]);
  // Someone who left during the month still has a score for it.
  const missing = [...byStaff.keys()].filter((id) => !staff.some((s) => s.id === id));
  if (missing.length) staff.push(...(await em.find(Staff, { id: { $in: missing } })));
  const offices = new Map(
    (await em.find(Office, { id: { $in: [...new Set(staff.map((s) => s.office.id))] } })).map((o) => [o.id, o]),
  );
  return staff
    .map((s) => ({
      staff: s,
      office: offices.get(s.office.id)!,
      month: monthCode(month),
      ...monthlyScore((byStaff.get(s.id) ?? []).map((e) => ({ points: e.points, voided: false }))),
    }))
    .sort((a, b) => a.score - b.score || a.staff.name.localeCompare(b.staff.name, "zh-CN"));
}
