import { describe, expect, it } from "vitest";
import type { ReportQuery } from "../query";
import {
  complaintClassificationRows,
  overdueRows,
  replyOutcome,
  resolveOutcome,
  slaCounts,
  slaRows,
  volumeRows,
  type TicketRow,
} from "./tickets";

const H = 3_600_000;
const t0 = new Date("2026-10-10T02:00:00Z");
const at = (hours: number) => new Date(t0.getTime() + hours * H);
const ticket = (over: Partial<TicketRow> = {}): TicketRow => ({
  officeId: "A",
  type: "REPAIR",
  channel: "PHONE",
  severity: "MINOR",
  complaintClass: null,
  validity: null,
  complainantCount: 1,
  status: "IN_PROGRESS",
  receivedAt: t0,
  replyDueAt: at(2),
  firstRepliedAt: null,
  resolveDueAt: at(24),
  resolvedAt: null,
  pausedAt: null,
  ...over,
});
const q: ReportQuery = {
  tenantId: "t",
  officeIds: null,
  period: { from: "2026-10-01", to: "2026-11-01", timeZone: "Asia/Shanghai" },
  groupBy: { office: false, month: false },
};

describe("deadline outcomes, as the ticket shows them", () => {
  it.each([
    ["replied in time", ticket({ firstRepliedAt: at(1) }), at(30), true],
    ["replied late", ticket({ firstRepliedAt: at(3) }), at(30), false],
    ["not replied, due time passed", ticket(), at(3), false],
    ["not replied, due time ahead", ticket(), at(1), null],
    ["paused before the due time: the clock stands still", ticket({ pausedAt: at(1) }), at(5), null],
    ["closed without a reply", ticket({ status: "REJECTED" }), at(1), false],
    ["no reply deadline", ticket({ replyDueAt: null }), at(5), null],
  ])("reply: %s", (_label, t, now, expected) => {
    expect(replyOutcome(t, now)).toBe(expected);
  });

  it.each([
    ["resolved in time", ticket({ resolvedAt: at(20), status: "RESOLVED" }), at(30), true],
    ["resolved late", ticket({ resolvedAt: at(25), status: "CLOSED" }), at(30), false],
    ["open past the due time", ticket(), at(25), false],
    ["open before the due time", ticket(), at(23), null],
    ["rejected without resolution: not judged", ticket({ status: "REJECTED" }), at(30), null],
  ])("resolution: %s", (_label, t, now, expected) => {
    expect(resolveOutcome(t, now)).toBe(expected);
  });
});

describe("SLA compliance (时效达成率)", () => {
  it("counts decided deadlines due in the period, each by its own due time", () => {
    const tickets = [
      ticket({ firstRepliedAt: at(1), resolvedAt: at(10), status: "RESOLVED" }),
      ticket({ firstRepliedAt: at(5) }),
      ticket(),
      ticket({ replyDueAt: new Date("2026-10-31T17:00:00Z"), resolveDueAt: new Date("2026-11-02T00:00:00Z") }), // 1 Nov in Shanghai
    ];
    const [row] = slaRows(slaCounts(tickets, q, at(23)));
    expect(row!.replyCompliance).toEqual({ numerator: 1, denominator: 3, value: 1 / 3 });
    expect(row!.resolveCompliance).toEqual({ numerator: 1, denominator: 1, value: 1 });
  });
});

describe("overdue now", () => {
  it("counts open tickets past either deadline, judged at the pause for paused ones", () => {
    const tickets = [
      ticket(),
      ticket({ firstRepliedAt: at(1) }),
      ticket({ pausedAt: at(1) }),
      ticket({ status: "RESOLVED", resolvedAt: at(1) }),
      ticket({ officeId: "B", resolveDueAt: at(4) }),
    ];
    expect(overdueRows(tickets, q, { office: true }, at(5))).toEqual([
      { officeId: "A", month: null, overdue: 1, replyOverdue: 1, resolveOverdue: 0 },
      { officeId: "B", month: null, overdue: 1, replyOverdue: 1, resolveOverdue: 1 },
    ]);
  });
});

describe("volumes and the complaint classification (投诉分类统计表)", () => {
  const complaint = (over: Partial<TicketRow>) =>
    ticket({ type: "COMPLAINT", severity: "GENERAL", complaintClass: "MINOR", ...over });
  const tickets = [
    complaint({ channel: "PHONE", validity: "VALID", complainantCount: 3 }),
    complaint({ channel: "PHONE", validity: "VALID" }),
    complaint({ channel: "VISIT", complaintClass: "MAJOR" }),
    complaint({ receivedAt: new Date("2026-09-30T15:59:59Z") }),
    ticket(),
  ];

  it("counts complaints received in the period by type, class, validity and channel", () => {
    expect(complaintClassificationRows(tickets, q)).toEqual([
      {
        officeId: null,
        month: null,
        severity: "GENERAL",
        complaintClass: "MAJOR",
        validity: null,
        channel: "VISIT",
        complaints: 1,
        complainants: 1,
      },
      {
        officeId: null,
        month: null,
        severity: "GENERAL",
        complaintClass: "MINOR",
        validity: "VALID",
        channel: "PHONE",
        complaints: 2,
        complainants: 4,
      },
    ]);
  });

  it("counts tickets received by type", () => {
    expect(volumeRows(tickets, q)).toEqual([
      { officeId: null, month: null, type: "COMPLAINT", tickets: 3 },
      { officeId: null, month: null, type: "REPAIR", tickets: 1 },
    ]);
  });
});
