import { afterAll, beforeAll, describe, expect, it } from "vitest";
import defaults from "../../src/modules/competency/competency-model.json";
import { errorCode, startTestApi, type TestApi } from "../harness/api";
import { allRatings } from "../harness/assessment-flow";
import { TEST_PASSWORD, createTenantFixture, login, type TenantFixture } from "../harness/tenant-fixture";
import { gqlAs } from "../harness/ticket-flow";

const MODEL_FIELDS = `isDefault groups { code weight indicators { code weightInGroup combinedWeight } } topFive { code combinedWeight }`;

let t: TestApi;
let f: TenantFixture;
/** A second office-A staff member, to prove office staff see only their own assessments. */
let colleague: { id: string; token: string };

type ModelInput = {
  groups: {
    code: string;
    nameZh: string;
    nameEn: string;
    weight: number;
    indicators: { code: string; nameZh: string; nameEn: string; weightInGroup: number; combinedWeight: number }[];
  }[];
};

/** The default model as an update input. */
function defaultInput(): ModelInput {
  return {
    groups: defaults.groups.map((g) => ({
      code: g.code,
      nameZh: g.name.zh,
      nameEn: g.name.en,
      weight: g.weight,
      indicators: g.indicators.map((i) => ({
        code: i.code,
        nameZh: i.name.zh,
        nameEn: i.name.en,
        weightInGroup: i.groupWeight,
        combinedWeight: i.combinedWeight,
      })),
    })),
  };
}

const updateModel = (input: ModelInput, token = f.tokens.admin) =>
  t.gql(`mutation($i: CompetencyModelInput!) { updateCompetencyModel(input: $i) { ${MODEL_FIELDS} } }`, { i: input }, { token });

const record = (input: Record<string, unknown>, token = f.tokens.managerA) =>
  t.gql(
    `mutation($i: RecordCompetencyAssessmentInput!) { recordCompetencyAssessment(input: $i) {
       id period periodStart periodEnd comment compositeScore staff { id } assessor { id } office { id }
       ratings { indicatorCode rating indicator { nameZh combinedWeight } } } }`,
    { i: input },
    { token },
  );

beforeAll(async () => {
  t = await startTestApi();
  f = await createTenantFixture(t, "competency");
  const slugEmail = (await gqlAs(t, f.tokens.staffA)(`{ me { staff { email } tenant { slug } } }`)).me;
  const email = slugEmail.staff.email.replace(/^sa@/, "sa2@");
  const id = (
    await gqlAs(t, f.tokens.managerA)(`mutation($i: CreateStaffInput!) { createStaff(input: $i) { id } }`, {
      i: { email, name: "sa2", role: "OFFICE_STAFF", officeId: f.officeA, password: TEST_PASSWORD },
    })
  ).createStaff.id;
  colleague = { id, token: await login(t, slugEmail.tenant.slug, email) };
});
afterAll(() => t?.stop());

describe("the competency model", () => {
  it("successful: a new group has the default model: 3 groups, 11 indicators, weights adding up to 100, its top five", async () => {
    const model = (await gqlAs(t, f.tokens.staffA)(`{ competencyModel { ${MODEL_FIELDS} } }`)).competencyModel;
    expect(model.isDefault).toBe(true);
    expect(model.groups).toHaveLength(3);
    const indicators = model.groups.flatMap((g: { indicators: unknown[] }) => g.indicators);
    expect(indicators).toHaveLength(11);
    expect(indicators.reduce((n: number, i: { combinedWeight: number }) => n + i.combinedWeight, 0)).toBeCloseTo(100, 1);
    expect(model.topFive.map((i: { combinedWeight: number }) => i.combinedWeight)).toEqual([11.55, 10.38, 10.35, 10.1, 9.98]);
  });

  it("successful: a head-office admin re-weights the model; it is no longer the default, and reset brings the default back", async () => {
    const input = defaultInput();
    // Move five points between two indicators of the first group, keeping every sum.
    const [g] = input.groups;
    const [x, y] = g!.indicators;
    x!.weightInGroup += 5;
    y!.weightInGroup -= 5;
    x!.combinedWeight = Math.round(g!.weight * x!.weightInGroup) / 100;
    y!.combinedWeight = Math.round(g!.weight * y!.weightInGroup) / 100;
    const diff = input.groups.flatMap((gr) => gr.indicators).reduce((n, i) => n + i.combinedWeight, 0) - 100;
    y!.combinedWeight = Math.round((y!.combinedWeight - diff) * 100) / 100;
    const updated = await updateModel(input);
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateCompetencyModel.isDefault).toBe(false);
    const stored = (await gqlAs(t, f.tokens.hoManager)(`{ competencyModel { ${MODEL_FIELDS} } }`)).competencyModel;
    expect(stored.groups[0].indicators[0]).toMatchObject({
      code: x!.code,
      weightInGroup: x!.weightInGroup,
      combinedWeight: x!.combinedWeight,
    });
    const reset = (await gqlAs(t, f.tokens.admin)(`mutation { resetCompetencyModel { isDefault } }`)).resetCompetencyModel;
    expect(reset.isDefault).toBe(true);
  });

  it("failing: weights that do not add up to 100, or an indicator without a weight, are refused naming each problem; nothing changes", async () => {
    const off = defaultInput();
    off.groups[0]!.indicators[0]!.combinedWeight += 3;
    const result = await updateModel(off);
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.extensions?.reason).toBe("INVALID_COMPETENCY_MODEL");
    const problems = result.errors?.[0]?.extensions?.problems as string[];
    expect(problems.some((p) => p.includes("combined weights add up to"))).toBe(true);
    expect(problems.some((p) => p.includes(off.groups[0]!.indicators[0]!.code))).toBe(true);

    const zero = defaultInput();
    zero.groups[1]!.indicators[0]!.weightInGroup = 0;
    zero.groups[1]!.indicators[0]!.combinedWeight = 0;
    const noWeight = await updateModel(zero);
    expect(errorCode(noWeight)).toBe("BAD_USER_INPUT");
    expect(noWeight.errors?.[0]?.message).toContain(`indicator ${zero.groups[1]!.indicators[0]!.code} has no weight`);

    const twice = defaultInput();
    twice.groups[2]!.indicators[0]!.code = twice.groups[0]!.indicators[0]!.code;
    expect((await updateModel(twice)).errors?.[0]?.message).toContain("appears twice");

    expect(errorCode(await updateModel({ groups: [] }))).toBe("BAD_USER_INPUT");
    expect((await gqlAs(t, f.tokens.admin)(`{ competencyModel { isDefault } }`)).competencyModel.isDefault).toBe(true);
  });

  it("failing: only head-office admins edit the model", async () => {
    expect(errorCode(await updateModel(defaultInput(), f.tokens.hoManager))).toBe("FORBIDDEN");
    expect(errorCode(await updateModel(defaultInput(), f.tokens.managerA))).toBe("FORBIDDEN");
    expect(errorCode(await t.gql(`mutation { resetCompetencyModel { isDefault } }`, {}, { token: f.tokens.api }))).toBe(
      "FORBIDDEN",
    );
  });
});

describe("assessments", () => {
  it("successful: an office manager rates each indicator of their office's staff member 1–5; the composite score follows the weights", async () => {
    const ratings = await allRatings(t, f.tokens.managerA, 4);
    const result = await record({ staffId: f.staff.staffA, period: "2026-10", ratings, comment: "  服务主动  " });
    expect(result.errors).toBeUndefined();
    const a = result.data!.recordCompetencyAssessment;
    expect(a).toMatchObject({
      period: "2026-10",
      periodStart: "2026-10-01",
      periodEnd: "2026-11-01",
      comment: "服务主动",
      staff: { id: f.staff.staffA },
      assessor: { id: f.staff.managerA },
      office: { id: f.officeA },
    });
    expect(a.compositeScore).toBeCloseTo(80, 5);
    expect(a.ratings).toHaveLength(11);
    expect(a.ratings[0].indicator.nameZh).toBeTruthy();

    // All fives on the heaviest indicator, ones elsewhere: the composite moves by that indicator's weight.
    const top = (await gqlAs(t, f.tokens.managerA)(`{ competencyModel { topFive { code combinedWeight } } }`)).competencyModel
      .topFive[0];
    const mixed = ratings.map((r) => ({ ...r, rating: r.indicatorCode === top.code ? 5 : 1 }));
    const b = (await record({ staffId: f.staff.staffA, period: "2026-Q3", ratings: mixed }, f.tokens.hoManager)).data!
      .recordCompetencyAssessment;
    expect(b.compositeScore).toBeCloseTo(20 + (top.combinedWeight * 4) / 5, 5);
    expect(b.periodEnd).toBe("2026-10-01");
  });

  it("successful: a staff member's history lists every assessment newest period first; office staff see only their own", async () => {
    const history = (
      await gqlAs(t, f.tokens.managerA)(
        `query($s: ID) { competencyAssessments(staffId: $s) { totalCount nodes { period assessor { id } } } }`,
        { s: f.staff.staffA },
      )
    ).competencyAssessments;
    expect(history.nodes.map((n: { period: string }) => n.period)).toEqual(["2026-10", "2026-Q3"]);
    const own = (await gqlAs(t, f.tokens.staffA)(`{ competencyAssessments { totalCount nodes { staff { id } } } }`))
      .competencyAssessments;
    expect(own.totalCount).toBe(2);
    const others = await gqlAs(t, colleague.token)(
      `query($s: ID) { competencyAssessments(staffId: $s) { totalCount } all: competencyAssessments { totalCount } }`,
      { s: f.staff.staffA },
    );
    expect(others).toEqual({ competencyAssessments: { totalCount: 0 }, all: { totalCount: 0 } });
    const officeB = (await gqlAs(t, f.tokens.managerB)(`{ competencyAssessments { totalCount } }`)).competencyAssessments;
    expect(officeB.totalCount).toBe(0);
    const range = (
      await gqlAs(t, f.tokens.hoManager)(`{ competencyAssessments(from: "2026-10-01", to: "2026-11-01") { nodes { period } } }`)
    ).competencyAssessments;
    expect(range.nodes).toEqual([{ period: "2026-10" }]);
  });

  it("failing: every indicator is rated exactly once, 1 to 5", async () => {
    const ratings = await allRatings(t, f.tokens.managerA, 3);
    const missing = await record({ staffId: colleague.id, period: "2026-09", ratings: ratings.slice(1) });
    expect(errorCode(missing)).toBe("BAD_USER_INPUT");
    expect(missing.errors?.[0]?.message).toContain(`${ratings[0]!.indicatorCode} is not rated`);
    const unknown = await record({
      staffId: colleague.id,
      period: "2026-09",
      ratings: [...ratings, { indicatorCode: "TELEPATHY", rating: 5 }],
    });
    expect(unknown.errors?.[0]?.message).toContain("TELEPATHY is not an indicator");
    const twice = await record({ staffId: colleague.id, period: "2026-09", ratings: [...ratings, ratings[0]] });
    expect(twice.errors?.[0]?.message).toContain("rated twice");
    const six = await record({
      staffId: colleague.id,
      period: "2026-09",
      ratings: ratings.map((r, i) => (i ? r : { ...r, rating: 6 })),
    });
    expect(errorCode(six)).toBe("BAD_USER_INPUT");
    expect(errorCode(await record({ staffId: colleague.id, period: "2026-13", ratings }))).toBe("BAD_USER_INPUT");
    expect(
      (
        await gqlAs(t, f.tokens.managerA)(`query($s: ID) { competencyAssessments(staffId: $s) { totalCount } }`, {
          s: colleague.id,
        })
      ).competencyAssessments.totalCount,
    ).toBe(0);
  });

  it("failing: the same assessor assesses a person once per period", async () => {
    const ratings = await allRatings(t, f.tokens.managerA);
    const again = await record({ staffId: f.staff.staffA, period: "2026-10", ratings });
    expect(errorCode(again)).toBe("CONFLICT");
    expect(again.errors?.[0]?.extensions?.reason).toBe("ASSESSMENT_EXISTS");
  });

  it("failing: nobody assesses themselves; office managers assess only their own office staff; office staff assess nobody", async () => {
    const ratings = await allRatings(t, f.tokens.managerA);
    expect(errorCode(await record({ staffId: f.staff.managerA, period: "2026-08", ratings }))).toBe("FORBIDDEN");
    expect(errorCode(await record({ staffId: f.staff.staffB, period: "2026-08", ratings }))).toBe("NOT_FOUND");
    expect(errorCode(await record({ staffId: f.staff.managerA, period: "2026-08", ratings }, f.tokens.managerA))).toBe(
      "FORBIDDEN",
    );
    expect(errorCode(await record({ staffId: colleague.id, period: "2026-08", ratings }, f.tokens.staffA))).toBe("FORBIDDEN");
    expect(
      errorCode(await record({ staffId: f.staff.managerA, period: "2026-08", ratings }, f.tokens.hoManager)),
    ).toBeUndefined();
  });
});
