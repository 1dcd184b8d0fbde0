import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../config";
import { Channel, Severity, TicketType } from "../tickets/ticket.enums";
import { DeadlineKind } from "./deadline";
import { defaultServicePolicy, matchRule } from "./sla-defaults";

const policy = defaultServicePolicy();

describe("the default SLA policy (from the regulations)", () => {
  it("is the shared domain file, unchanged (when the shared folder is present)", () => {
    const shared = path.join(REPO_ROOT, "../shared/domain/sla-defaults.json");
    if (!existsSync(shared)) return;
    expect(readFileSync(path.join(__dirname, "sla-defaults.json"), "utf8")).toBe(readFileSync(shared, "utf8"));
  });

  it.each([
    [
      TicketType.COMPLAINT,
      Severity.GENERAL,
      Channel.PHONE,
      { kind: DeadlineKind.HOURS, amount: 2 },
      { kind: DeadlineKind.WORKING_DAYS, amount: 1 },
      { kind: DeadlineKind.WORKING_DAYS, amount: 3 },
    ],
    [
      TicketType.COMPLAINT,
      Severity.COMPLEX,
      Channel.VISIT,
      { kind: DeadlineKind.HOURS, amount: 2 },
      { kind: DeadlineKind.WORKING_DAYS, amount: 5 },
      { kind: DeadlineKind.WORKING_DAYS, amount: 7 },
    ],
    [
      TicketType.COMPLAINT,
      Severity.SIMPLE,
      Channel.PHONE,
      { kind: DeadlineKind.HOURS, amount: 2 },
      { kind: DeadlineKind.SAME_DAY, amount: 0 },
      null,
    ],
    [TicketType.REPAIR, Severity.MINOR, Channel.PHONE, null, { kind: DeadlineKind.HOURS, amount: 8 }, null],
    [TicketType.REPAIR, Severity.MAJOR, Channel.PHONE, null, null, null],
    [
      TicketType.CONSULTATION,
      null,
      Channel.LETTER,
      { kind: DeadlineKind.WORKING_DAYS, amount: 2 },
      { kind: DeadlineKind.WORKING_DAYS, amount: 2 },
      null,
    ],
    [
      TicketType.CONSULTATION,
      null,
      Channel.PHONE,
      { kind: DeadlineKind.MINUTES, amount: 15 },
      { kind: DeadlineKind.SAME_DAY, amount: 0 },
      null,
    ],
    [
      TicketType.HELP,
      Severity.URGENT,
      Channel.PHONE,
      { kind: DeadlineKind.MINUTES, amount: 10 },
      { kind: DeadlineKind.HOURS, amount: 2 },
      null,
    ],
    [
      TicketType.HELP,
      Severity.NORMAL,
      Channel.PHONE,
      { kind: DeadlineKind.HOURS, amount: 2 },
      { kind: DeadlineKind.SAME_DAY, amount: 0 },
      null,
    ],
    [
      TicketType.QUALITY,
      null,
      Channel.ONLINE,
      { kind: DeadlineKind.SAME_DAY, amount: 0 },
      { kind: DeadlineKind.SAME_DAY, amount: 0 },
      null,
    ],
  ])("%s %s via %s: reply %o, resolve %o, hard limit %o", (type, severity, channel, reply, resolve, hardLimit) => {
    const rule = matchRule(policy.rules, { type, severity, channel });
    expect(rule).toMatchObject({ reply, resolve, hardLimit });
  });

  it("has a rule for every type and spot-check rates of 10% complaints, 1% help, 3% of everything", () => {
    for (const type of Object.values(TicketType))
      expect(
        policy.rules.some((r) => r.type === type && r.severity === null && r.channel === null) ||
          type === TicketType.COMPLAINT ||
          type === TicketType.REPAIR,
      ).toBe(true);
    expect(policy.spotCheckRates).toEqual([
      { sampler: "HEAD_OFFICE_MANAGEMENT", type: "COMPLAINT", rate: 0.1 },
      { sampler: "HEAD_OFFICE_MANAGEMENT", type: "HELP", rate: 0.01 },
      { sampler: "GENERAL_OFFICE", type: null, rate: 0.03 },
    ]);
  });
});
