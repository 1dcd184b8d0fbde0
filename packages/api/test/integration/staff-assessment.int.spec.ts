import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_VIOLATION_TYPES } from "../../src/modules/staff-assessment/default-violation-types";
import { errorCode, startTestApi, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";
import { gqlAs } from "../harness/ticket-flow";

let t: TestApi;
let f: TenantFixture;
const thisMonth = DateTime.now().setZone("Asia/Shanghai").startOf("month");
const month = thisMonth.toFormat("yyyy-MM");
const lastMonth = thisMonth.minus({ months: 1 });

const recordEntry = (staffId: string, violationCode: string, occurredOn: string, token = f.tokens.managerA, note?: string) =>
  t.gql(
    `mutation($i: RecordStaffAssessmentEntryInput!) { recordStaffAssessmentEntry(input: $i) {
       id month points occurredOn note staff { id } office { id } recordedBy { id } violationType { code kind } voidedAt } }`,
    { i: { staffId, violationCode, occurredOn, note } },
    { token },
  );

const scores = async (token: string, m = month, officeId?: string) =>
  (
    await gqlAs(t, token)(
      `query($m: String!, $o: ID) { staffMonthlyScores(month: $m, officeId: $o) { staff { id } office { id } month score deductions bonuses entries } }`,
      {
        m,
        o: officeId,
      },
    )
  ).staffMonthlyScores as {
    staff: { id: string };
    office: { id: string };
    score: number;
    deductions: number;
    bonuses: number;
    entries: number;
  }[];

beforeAll(async () => {
  t = await startTestApi();
  f = await createTenantFixture(t, "kaohe");
});
afterAll(() => t?.stop());

describe("the violation catalogue", () => {
  it("successful: a new group starts with the regulation's severe violations and their points", async () => {
    const types = (await gqlAs(t, f.tokens.staffA)(`{ violationTypes { code name kind severity points active } }`))
      .violationTypes;
    expect(types).toHaveLength(DEFAULT_VIOLATION_TYPES.length);
    expect(types).toContainEqual({
      code: "ABSENCE",
      name: "旷工",
      kind: "DEDUCTION",
      severity: "SEVERE",
      points: 20,
      active: true,
    });
    expect(types).toContainEqual(expect.objectContaining({ code: "CUSTOMER_QUARREL", points: 20 }));
    expect(types).toContainEqual(expect.objectContaining({ code: "EMERGENCY_LATE", points: 20 }));
    expect(types).toContainEqual(expect.objectContaining({ code: "OUTSIDER_IN_WORK_AREA", points: 10 }));
  });

  it("successful: head-office admins add, re-point and retire items; entries already recorded keep their points", async () => {
    const created = (
      await gqlAs(
        t,
        f.tokens.admin,
      )(
        `mutation { createViolationType(input: { code: "LATE", name: "迟到", kind: DEDUCTION, severity: LIGHT, points: 2 }) { id code points } }`,
      )
    ).createViolationType;
    const entry = (await recordEntry(f.staff.staffA, "LATE", lastMonth.plus({ days: 2 }).toISODate()!)).data!
      .recordStaffAssessmentEntry;
    expect(entry.points).toBe(-2);
    await gqlAs(t, f.tokens.admin)(`mutation($id: ID!) { updateViolationType(id: $id, input: { points: 5 }) { points } }`, {
      id: created.id,
    });
    const kept = (
      await gqlAs(t, f.tokens.managerA)(
        `query($s: ID) { staffAssessmentEntries(staffId: $s) { nodes { id points violationType { points } } } }`,
        { s: f.staff.staffA },
      )
    ).staffAssessmentEntries.nodes.find((n: { id: string }) => n.id === entry.id);
    expect(kept).toEqual({ id: entry.id, points: -2, violationType: { points: 5 } });
    await gqlAs(t, f.tokens.admin)(`mutation($id: ID!) { updateViolationType(id: $id, input: { active: false }) { active } }`, {
      id: created.id,
    });
    const listed = await gqlAs(
      t,
      f.tokens.admin,
    )(`{ violationTypes { code } all: violationTypes(includeRetired: true) { code } }`);
    expect(listed.violationTypes.map((v: { code: string }) => v.code)).not.toContain("LATE");
    expect(listed.all.map((v: { code: string }) => v.code)).toContain("LATE");
    const retired = await recordEntry(f.staff.staffA, "LATE", lastMonth.plus({ days: 3 }).toISODate()!);
    expect(errorCode(retired)).toBe("BAD_USER_INPUT");
    expect(retired.errors?.[0]?.extensions?.reason).toBe("VIOLATION_TYPE_RETIRED");
  });

  it("failing: codes are unique, points 1–100, bonuses have no severity, and only head-office admins edit", async () => {
    const create = (input: string, token = f.tokens.admin) =>
      t.gql(`mutation { createViolationType(input: { ${input} }) { id } }`, {}, { token });
    expect(errorCode(await create(`code: "ABSENCE", name: "x", kind: DEDUCTION, points: 5`))).toBe("CONFLICT");
    expect(errorCode(await create(`code: "HUGE", name: "x", kind: DEDUCTION, points: 101`))).toBe("BAD_USER_INPUT");
    expect(errorCode(await create(`code: "NOTHING", name: "x", kind: DEDUCTION, points: 0`))).toBe("BAD_USER_INPUT");
    expect(errorCode(await create(`code: "GOLD", name: "x", kind: BONUS, severity: SEVERE, points: 5`))).toBe("BAD_USER_INPUT");
    expect(errorCode(await create(`code: "mixed case", name: "x", kind: BONUS, points: 5`))).toBe("BAD_USER_INPUT");
    expect(errorCode(await create(`code: "MGR", name: "x", kind: BONUS, points: 5`, f.tokens.managerA))).toBe("FORBIDDEN");
  });
});

describe("monthly scores", () => {
  it("successful: 100 − deductions + bonuses per staff member and month, lowest first; nothing recorded scores 100", async () => {
    const day = (d: number) => thisMonth.plus({ days: d - 1 }).toISODate()!;
    const absence = (await recordEntry(f.staff.staffA, "ABSENCE", day(1), f.tokens.managerA, "未请假")).data!
      .recordStaffAssessmentEntry;
    expect(absence).toMatchObject({
      month,
      points: -20,
      note: "未请假",
      staff: { id: f.staff.staffA },
      office: { id: f.officeA },
      recordedBy: { id: f.staff.managerA },
      violationType: { code: "ABSENCE", kind: "DEDUCTION" },
    });
    await recordEntry(f.staff.staffA, "OUTSIDER_IN_WORK_AREA", day(1), f.tokens.hoManager);
    await recordEntry(f.staff.staffA, "CUSTOMER_PRAISE", day(1));
    const all = await scores(f.tokens.hoManager);
    const a = all.find((s) => s.staff.id === f.staff.staffA)!;
    expect(a).toMatchObject({ score: 75, deductions: 30, bonuses: 5, entries: 3, office: { id: f.officeA } });
    expect(all[0]!.staff.id).toBe(f.staff.staffA);
    expect(all.find((s) => s.staff.id === f.staff.staffB)).toMatchObject({ score: 100, entries: 0 });
    // Last month's entry counts in last month only.
    expect(
      (await scores(f.tokens.hoManager, lastMonth.toFormat("yyyy-MM"))).find((s) => s.staff.id === f.staff.staffA),
    ).toMatchObject({ score: 98, entries: 1 });
  });

  it("successful: a voided entry stays on record with who and why, and no longer counts", async () => {
    const entry = (await recordEntry(f.staff.staffA, "EMERGENCY_LATE", thisMonth.toISODate()!)).data!.recordStaffAssessmentEntry;
    const before = (await scores(f.tokens.managerA)).find((s) => s.staff.id === f.staff.staffA)!.score;
    const voided = (
      await gqlAs(t, f.tokens.managerA)(
        `mutation($id: ID!) { voidStaffAssessmentEntry(id: $id, reason: "记错人了") { id voidedAt voidReason voidedBy { id } } }`,
        { id: entry.id },
      )
    ).voidStaffAssessmentEntry;
    expect(voided).toMatchObject({ voidReason: "记错人了", voidedBy: { id: f.staff.managerA } });
    expect(voided.voidedAt).toBeTruthy();
    expect((await scores(f.tokens.managerA)).find((s) => s.staff.id === f.staff.staffA)!.score).toBe(before + 20);
    const list = async (includeVoided: boolean) =>
      (
        await gqlAs(t, f.tokens.managerA)(
          `query($s: ID, $m: String, $v: Boolean!) { staffAssessmentEntries(staffId: $s, month: $m, includeVoided: $v) { nodes { id } } }`,
          { s: f.staff.staffA, m: month, v: includeVoided },
        )
      ).staffAssessmentEntries.nodes.map((n: { id: string }) => n.id);
    expect(await list(false)).not.toContain(entry.id);
    expect(await list(true)).toContain(entry.id);
    const again = await t.gql(
      `mutation($id: ID!) { voidStaffAssessmentEntry(id: $id, reason: "x") { id } }`,
      { id: entry.id },
      { token: f.tokens.managerA },
    );
    expect(errorCode(again)).toBe("CONFLICT");
    const noReason = await t.gql(
      `mutation($id: ID!) { voidStaffAssessmentEntry(id: $id, reason: "  ") { id } }`,
      { id: (await list(false))[0] },
      { token: f.tokens.managerA },
    );
    expect(errorCode(noReason)).toBe("BAD_USER_INPUT");
  });

  it("successful: office staff see only their own entries and score; managers see their office", async () => {
    const own = await scores(f.tokens.staffA);
    expect(own.map((s) => s.staff.id)).toEqual([f.staff.staffA]);
    const seenByB = await scores(f.tokens.staffB);
    expect(seenByB.map((s) => s.staff.id)).toEqual([f.staff.staffB]);
    const entriesOfA = (
      await gqlAs(t, f.tokens.staffB)(`query($s: ID) { staffAssessmentEntries(staffId: $s) { totalCount } }`, {
        s: f.staff.staffA,
      })
    ).staffAssessmentEntries;
    expect(entriesOfA.totalCount).toBe(0);
    const officeB = await scores(f.tokens.managerB);
    expect(new Set(officeB.map((s) => s.office.id))).toEqual(new Set([f.officeB]));
    expect(await scores(f.tokens.managerB, month, f.officeA)).toEqual([]);
  });

  it("failing: nobody records against themselves or outside their reach; no future dates; no unknown items", async () => {
    const today = DateTime.now().setZone("Asia/Shanghai");
    expect(errorCode(await recordEntry(f.staff.managerA, "ABSENCE", today.toISODate()!))).toBe("FORBIDDEN");
    expect(errorCode(await recordEntry(f.staff.staffB, "ABSENCE", today.toISODate()!))).toBe("NOT_FOUND");
    expect(errorCode(await recordEntry(f.staff.staffB, "ABSENCE", today.toISODate()!, f.tokens.staffA))).toBe("FORBIDDEN");
    expect(errorCode(await recordEntry(f.staff.staffA, "ABSENCE", today.plus({ days: 2 }).toISODate()!))).toBe("BAD_USER_INPUT");
    const unknown = await recordEntry(f.staff.staffA, "NAPPING", today.toISODate()!);
    expect(errorCode(unknown)).toBe("NOT_FOUND");
    expect(unknown.errors?.[0]?.extensions?.field).toEqual(["input", "violationCode"]);
    expect(errorCode(await t.gql(`{ staffMonthlyScores(month: "2026-1") { score } }`, {}, { token: f.tokens.admin }))).toBe(
      "BAD_USER_INPUT",
    );
  });
});
