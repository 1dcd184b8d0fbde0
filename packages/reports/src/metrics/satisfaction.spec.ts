import { describe, expect, it } from "vitest";
import type { ReportQuery } from "../query";
import { followUpCounts, followUpRateRows } from "./follow-up-rate";
import { satisfactionCounts, satisfactionRows, type FollowUpRow, type SpotCheckRow } from "./satisfaction";

const q = (groupBy = { office: false, month: false }, officeIds: string[] | null = null): ReportQuery => ({
  tenantId: "t",
  officeIds,
  period: { from: "2026-10-01", to: "2026-12-01", timeZone: "Asia/Shanghai" },
  groupBy,
});
const at = (iso: string) => new Date(iso);
const done = (officeId: string, completedAt: string, satisfaction: FollowUpRow["satisfaction"]): FollowUpRow => ({
  officeId,
  createdAt: at(completedAt),
  status: "COMPLETED",
  completedAt: at(completedAt),
  satisfaction,
});

describe("satisfaction rate (满意率)", () => {
  const followUps: FollowUpRow[] = [
    done("A", "2026-10-05T02:00:00Z", "VERY_SATISFIED"),
    done("A", "2026-10-06T02:00:00Z", "SATISFIED"),
    done("A", "2026-10-07T02:00:00Z", "NEUTRAL"),
    done("B", "2026-11-30T15:59:00Z", "DISSATISFIED"), // 23:59 on 30 Nov in Shanghai: inside
    done("B", "2026-11-30T16:00:00Z", "SATISFIED"), // 00:00 on 1 Dec in Shanghai: outside
    {
      officeId: "A",
      createdAt: at("2026-10-08T00:00:00Z"),
      status: "EXEMPTED",
      completedAt: at("2026-10-08T00:00:00Z"),
      satisfaction: null,
    },
    { officeId: "A", createdAt: at("2026-10-09T00:00:00Z"), status: "PENDING", completedAt: null, satisfaction: null },
  ];
  const checks: SpotCheckRow[] = [
    { officeId: "A", followUpCompletedAt: at("2026-10-05T02:00:00Z"), status: "DONE", satisfaction: "SATISFIED", agrees: true },
    { officeId: "A", followUpCompletedAt: at("2026-10-07T02:00:00Z"), status: "DONE", satisfaction: "SATISFIED", agrees: false },
    { officeId: "A", followUpCompletedAt: at("2026-10-06T02:00:00Z"), status: "PENDING", satisfaction: null, agrees: null },
  ];

  it("is top-two-box answers over rated follow-ups completed in the period, in the group's time zone", () => {
    const [all] = satisfactionRows(satisfactionCounts(followUps, checks, q()));
    expect(all!.satisfaction).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
    expect(all!.spotCheckSatisfaction).toEqual({ numerator: 2, denominator: 2, value: 1 });
    expect(all!.spotCheckAgreement).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
  });

  it("groups by office and month", () => {
    const rows = satisfactionRows(satisfactionCounts(followUps, checks, q({ office: true, month: true })));
    expect(rows.map((r) => [r.officeId, r.month, r.satisfaction.numerator, r.satisfaction.denominator])).toEqual([
      ["A", "2026-10", 2, 3],
      ["B", "2026-11", 0, 1],
    ]);
    expect(rows[1]!.spotCheckAgreement.value).toBeNull();
  });

  it("is null, not 0, for an office with nothing rated", () => {
    const [row] = satisfactionRows(satisfactionCounts(followUps, checks, q(undefined, ["C"])));
    expect(row!.satisfaction).toEqual({ numerator: 0, denominator: 0, value: null });
  });
});

describe("follow-up rate (回访率)", () => {
  it("is completed over non-exempted follow-ups of resolutions in the period", () => {
    const rows = [
      done("A", "2026-10-05T02:00:00Z", "SATISFIED"),
      {
        officeId: "A",
        createdAt: at("2026-10-08T00:00:00Z"),
        status: "EXEMPTED" as const,
        completedAt: null,
        satisfaction: null,
      },
      { officeId: "A", createdAt: at("2026-10-09T00:00:00Z"), status: "PENDING" as const, completedAt: null, satisfaction: null },
      { officeId: "A", createdAt: at("2026-09-30T15:00:00Z"), status: "PENDING" as const, completedAt: null, satisfaction: null },
    ];
    expect(followUpRateRows(followUpCounts(rows, q()))).toEqual([
      { officeId: null, month: null, followUpRate: { numerator: 1, denominator: 2, value: 0.5 } },
    ]);
  });
});
