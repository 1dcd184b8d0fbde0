import defaults from "./sla-defaults.json";
import { SpotCheckSampler } from "../spot-checks/spot-check.enums";
import { Channel, Severity, TicketType } from "../tickets/ticket.enums";
import { DeadlineKind, type DeadlineSpec } from "./deadline";

/** One row of the SLA policy; the first rule matching a ticket's type, severity and channel applies. */
export interface SlaRuleData {
  type: TicketType;
  severity: Severity | null;
  channel: Channel | null;
  reply: DeadlineSpec | null;
  resolve: DeadlineSpec | null;
  hardLimit: DeadlineSpec | null;
  note: string | null;
}

export interface SpotCheckRateData {
  sampler: SpotCheckSampler;
  /** Null: every type. */
  type: TicketType | null;
  rate: number;
}

export interface ServicePolicyData {
  rules: SlaRuleData[];
  followUpDueDays: number;
  dueSoonRatio: number;
  spotCheckRates: SpotCheckRateData[];
}

type JsonSpec =
  { minutes?: number; hours?: number; sameDay?: boolean; calendarDays?: number; workingDays?: number } | null | undefined;

export function specFromJson(spec: JsonSpec): DeadlineSpec | null {
  if (!spec) return null;
  if (spec.minutes !== undefined) return { kind: DeadlineKind.MINUTES, amount: spec.minutes };
  if (spec.hours !== undefined) return { kind: DeadlineKind.HOURS, amount: spec.hours };
  if (spec.sameDay) return { kind: DeadlineKind.SAME_DAY, amount: 0 };
  if (spec.calendarDays !== undefined) return { kind: DeadlineKind.CALENDAR_DAYS, amount: spec.calendarDays };
  if (spec.workingDays !== undefined) return { kind: DeadlineKind.WORKING_DAYS, amount: spec.workingDays };
  throw new Error(`Unknown deadline spec ${JSON.stringify(spec)}`);
}

/** The policy every group starts with, from the regulations (shared/domain/sla-defaults.json, copied here). */
export function defaultServicePolicy(): ServicePolicyData {
  return {
    rules: defaults.rules.map((r) => {
      const rule = r as typeof r & { severity?: string; channel?: string; reply?: JsonSpec; hardLimit?: JsonSpec; note?: string };
      return {
        type: rule.type as TicketType,
        severity: (rule.severity as Severity | undefined) ?? null,
        channel: (rule.channel as Channel | undefined) ?? null,
        reply: specFromJson(rule.reply),
        resolve: specFromJson(rule.resolve as JsonSpec),
        hardLimit: specFromJson(rule.hardLimit),
        note: rule.note ?? null,
      };
    }),
    followUpDueDays: 3,
    dueSoonRatio: 0.75,
    spotCheckRates: defaults.followUp.spotCheckRates.map((r) => ({
      sampler: r.by as SpotCheckSampler,
      type: (r.type as TicketType | null) ?? null,
      rate: r.rate,
    })),
  };
}

/** Targets the head office measures offices against. */
export const TARGETS = {
  satisfactionRate: defaults.targets.satisfactionRate,
  collectionRate: defaults.targets.collectionRate,
} as const;

/** The rule for a ticket: the first whose type matches and whose severity and channel, when set, match too. */
export function matchRule(
  rules: readonly SlaRuleData[],
  ticket: { type: TicketType; severity: Severity | null; channel: Channel },
): SlaRuleData | null {
  return (
    rules.find(
      (r) =>
        r.type === ticket.type &&
        (r.severity === null || r.severity === ticket.severity) &&
        (r.channel === null || r.channel === ticket.channel),
    ) ?? null
  );
}
