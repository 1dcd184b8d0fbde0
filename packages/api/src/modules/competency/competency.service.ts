import type { EntityManager } from "@mikro-orm/postgresql";
import { UniqueConstraintViolationException, type FilterQuery } from "@mikro-orm/core";
import { DateTime } from "luxon";
import { tenantIdOf } from "../../common/entities/tenant-owned.entity";
import { badInput, conflict } from "../../common/errors/app-error";
import { isId } from "../../common/ids";
import type { Session } from "../../context/context.type";
import { Staff } from "../staff/staff.entity";
import { findVisibleStaff } from "../staff/staff.service";
import { checkMayAssess, ownAssessmentsOnly } from "../staff/may-assess";
import { CompetencyAssessment, CompetencyIndicatorRow, CompetencyRating } from "./competency.entity";
import { defaultCompetencyModel, modelProblems, topFive, type IndicatorData } from "./competency-model";
import type {
  CompetencyAssessmentListArgs,
  CompetencyModel,
  CompetencyModelInput,
  RecordCompetencyAssessmentInput,
} from "./competency.types";

export async function loadModel(em: EntityManager): Promise<{ indicators: IndicatorData[]; isDefault: boolean }> {
  const rows = await em.find(CompetencyIndicatorRow, { tenantId: tenantIdOf(em) }, { orderBy: { position: "asc" } });
  if (!rows.length) return { indicators: defaultCompetencyModel(), isDefault: true };
  return {
    indicators: rows.map((r) => ({
      code: r.code,
      groupCode: r.groupCode,
      groupNameZh: r.groupNameZh,
      groupNameEn: r.groupNameEn,
      groupWeight: Number(r.groupWeight),
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      weightInGroup: Number(r.weightInGroup),
      combinedWeight: Number(r.combinedWeight),
    })),
    isDefault: false,
  };
}

export function presentModel(indicators: IndicatorData[], isDefault: boolean): CompetencyModel {
  const groups = new Map<string, CompetencyModel["groups"][number]>();
  for (const i of indicators) {
    if (!groups.has(i.groupCode))
      groups.set(i.groupCode, {
        code: i.groupCode,
        nameZh: i.groupNameZh,
        nameEn: i.groupNameEn,
        weight: i.groupWeight,
        indicators: [],
      });
    groups.get(i.groupCode)!.indicators.push(i);
  }
  return { groups: [...groups.values()], topFive: topFive(indicators), isDefault };
}

/** Replaces the model (head-office admins); refused, naming every problem, unless the weights add up. */
export async function updateModel(em: EntityManager, session: Session, input: CompetencyModelInput): Promise<CompetencyModel> {
  const indicators: IndicatorData[] = input.groups.flatMap((g) =>
    g.indicators.map((i) => ({
      code: i.code,
      groupCode: g.code,
      groupNameZh: g.nameZh.trim(),
      groupNameEn: g.nameEn.trim(),
      groupWeight: g.weight,
      nameZh: i.nameZh.trim(),
      nameEn: i.nameEn.trim(),
      weightInGroup: i.weightInGroup,
      combinedWeight: i.combinedWeight,
    })),
  );
  const problems = modelProblems(indicators);
  if (problems.length) {
    throw badInput("INVALID_COMPETENCY_MODEL", `The model is not valid: ${problems.join("; ")}.`, ["input", "groups"], {
      problems,
    });
  }
  await em.nativeDelete(CompetencyIndicatorRow, { tenantId: session.viewer.tenantId });
  indicators.forEach((i, position) => em.create(CompetencyIndicatorRow, { ...i, position }));
  await em.flush();
  return presentModel(indicators, false);
}

export async function resetModel(em: EntityManager, session: Session): Promise<CompetencyModel> {
  await em.nativeDelete(CompetencyIndicatorRow, { tenantId: session.viewer.tenantId });
  return presentModel(defaultCompetencyModel(), true);
}

/** First day and the day after the last day of a period: YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY. */
export function periodRange(period: string): { start: string; end: string } {
  const [year, part] = period.split("-");
  const y = DateTime.fromObject({ year: Number(year), month: 1, day: 1 }, { zone: "UTC" });
  let start = y;
  let months = 12;
  if (part?.startsWith("Q")) [start, months] = [y.plus({ months: (Number(part.slice(1)) - 1) * 3 }), 3];
  else if (part?.startsWith("H")) [start, months] = [y.plus({ months: (Number(part.slice(1)) - 1) * 6 }), 6];
  else if (part) [start, months] = [y.plus({ months: Number(part) - 1 }), 1];
  return { start: start.toISODate()!, end: start.plus({ months }).toISODate()! };
}

export async function recordAssessment(
  em: EntityManager,
  session: Session,
  input: RecordCompetencyAssessmentInput,
): Promise<CompetencyAssessment> {
  const staff = await findVisibleStaff(em, session, input.staffId, ["input", "staffId"]);
  checkMayAssess(session, staff);
  const { indicators } = await loadModel(em);
  const codes = new Set(indicators.map((i) => i.code));
  const given = new Map<string, number>();
  const problems: { field: string[]; message: string }[] = [];
  input.ratings.forEach((r, k) => {
    if (!codes.has(r.indicatorCode))
      problems.push({
        field: ["input", "ratings", String(k), "indicatorCode"],
        message: `${r.indicatorCode} is not an indicator of the model`,
      });
    else if (given.has(r.indicatorCode))
      problems.push({ field: ["input", "ratings", String(k), "indicatorCode"], message: `${r.indicatorCode} is rated twice` });
    given.set(r.indicatorCode, r.rating);
  });
  for (const code of codes) if (!given.has(code)) problems.push({ field: ["input", "ratings"], message: `${code} is not rated` });
  if (problems.length) {
    throw badInput(
      "INCOMPLETE_ASSESSMENT",
      `Rate every indicator of the model exactly once: ${problems.map((p) => p.message).join("; ")}.`,
      problems[0]!.field,
      { problems },
    );
  }
  const { start, end } = periodRange(input.period);
  const assessment = em.create(CompetencyAssessment, {
    staff,
    office: staff.office,
    assessor: em.getReference(Staff, session.viewer.staff!.id, { wrapped: true }),
    period: input.period,
    periodStart: start,
    periodEnd: end,
    comment: input.comment?.trim() || null,
  });
  for (const [indicatorCode, rating] of given) em.create(CompetencyRating, { assessment, indicatorCode, rating });
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict("ASSESSMENT_EXISTS", `You have already assessed this person for ${input.period}.`, ["input", "period"]);
    }
    throw error;
  }
  return assessment;
}

export async function assessmentWhere(
  session: Session,
  args: CompetencyAssessmentListArgs,
): Promise<FilterQuery<CompetencyAssessment>> {
  const where: Record<string, unknown> = { ...(await session.scope.where(args.officeId)) };
  if (args.staffId) where.staff = isId(args.staffId) ? args.staffId : { $in: [] };
  const own = ownAssessmentsOnly(session);
  if (own) where.staff = args.staffId && args.staffId !== own ? { $in: [] } : own;
  if (args.from || args.to)
    where.periodStart = { ...(args.from ? { $gte: args.from } : {}), ...(args.to ? { $lt: args.to } : {}) };
  return where as FilterQuery<CompetencyAssessment>;
}
