import type { TestApi } from "./api";
import type { TenantFixture } from "./tenant-fixture";
import { gqlAs } from "./ticket-flow";

export interface AssessmentFlow {
  /** Office A's staff member assessed by the head-office manager. */
  competencyAssessment: string;
  /** The ABSENCE catalogue item. */
  violationType: string;
  /** An absence recorded against office A's staff member this month. */
  entry: string;
  /** Every indicator code of the default model. */
  indicatorCodes: string[];
}

export async function allRatings(t: TestApi, token: string, rating = 4): Promise<{ indicatorCode: string; rating: number }[]> {
  const model = (await gqlAs(t, token)(`{ competencyModel { groups { indicators { code } } } }`)).competencyModel;
  return model.groups.flatMap((g: { indicators: { code: string }[] }) =>
    g.indicators.map((i) => ({ indicatorCode: i.code, rating })),
  );
}

/** A competency assessment and a monthly-assessment entry for office A's staff member, built through the API. */
export async function createAssessmentFlow(t: TestApi, f: TenantFixture, period = "2026-Q3"): Promise<AssessmentFlow> {
  const ratings = await allRatings(t, f.tokens.hoManager);
  const competencyAssessment = (
    await gqlAs(t, f.tokens.hoManager)(
      `mutation($i: RecordCompetencyAssessmentInput!) { recordCompetencyAssessment(input: $i) { id } }`,
      { i: { staffId: f.staff.staffA, period, ratings, comment: "沟通好" } },
    )
  ).recordCompetencyAssessment.id as string;
  const types = (await gqlAs(t, f.tokens.admin)(`{ violationTypes { id code } }`)).violationTypes as {
    id: string;
    code: string;
  }[];
  const violationType = types.find((v) => v.code === "ABSENCE")!.id;
  const today = new Date().toISOString().slice(0, 10);
  const entry = (
    await gqlAs(t, f.tokens.managerA)(
      `mutation($s: ID!, $d: LocalDate!) { recordStaffAssessmentEntry(input: { staffId: $s, violationCode: "ABSENCE", occurredOn: $d }) { id } }`,
      { s: f.staff.staffA, d: today },
    )
  ).recordStaffAssessmentEntry.id as string;
  return { competencyAssessment, violationType, entry, indicatorCodes: ratings.map((r) => r.indicatorCode) };
}
