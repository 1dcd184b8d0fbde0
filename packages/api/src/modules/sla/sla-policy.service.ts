import type { EntityManager } from "@mikro-orm/postgresql";
import { DateTime } from "luxon";
import { tenantIdOf } from "../../common/entities/tenant-owned.entity";
import { badInput } from "../../common/errors/app-error";
import type { Session } from "../../context/context.type";
import { Staff } from "../staff/staff.entity";
import { CalendarDay } from "../tenancy/calendar-day.entity";
import { Channel, SEVERITIES_BY_TYPE, TicketType, type Severity } from "../tickets/ticket.enums";
import { calendarHorizonDays, DeadlineKind, dueAt, localDate, workingCalendar, type DeadlineSpec } from "./deadline";
import { ServicePolicy } from "./service-policy.entity";
import { defaultServicePolicy, matchRule, type ServicePolicyData, type SlaRuleData } from "./sla-defaults";
import type { SlaPolicyInput } from "./sla-policy.types";
import { SlaRule } from "./sla-rule.entity";

export interface LoadedPolicy extends ServicePolicyData {
  isDefault: boolean;
  updatedAt: Date | null;
  updatedById: string | null;
}

const fromColumns = (kind: DeadlineKind | null, amount: number | null): DeadlineSpec | null =>
  kind ? { kind, amount: kind === DeadlineKind.SAME_DAY ? 0 : (amount ?? 0) } : null;

/** The group's policy: what it stored, or the defaults from the regulations. */
export async function loadPolicy(em: EntityManager): Promise<LoadedPolicy> {
  const tenantId = tenantIdOf(em);
  const [rules, settings] = await Promise.all([
    em.find(SlaRule, { tenantId }, { orderBy: { position: "asc" } }),
    em.findOne(ServicePolicy, { tenantId }),
  ]);
  const defaults = defaultServicePolicy();
  return {
    rules: rules.length
      ? rules.map((r) => ({
          type: r.ticketType,
          severity: r.severity,
          channel: r.channel,
          reply: fromColumns(r.replyKind, r.replyAmount),
          resolve: fromColumns(r.resolveKind, r.resolveAmount),
          hardLimit: fromColumns(r.hardLimitKind, r.hardLimitAmount),
          note: r.note,
        }))
      : defaults.rules,
    followUpDueDays: settings?.followUpDueDays ?? defaults.followUpDueDays,
    dueSoonRatio: settings ? Number(settings.dueSoonRatio) : defaults.dueSoonRatio,
    spotCheckRates: settings?.spotCheckRates ?? defaults.spotCheckRates,
    isDefault: !rules.length && !settings,
    updatedAt: settings?.updatedAt ?? null,
    updatedById: settings?.updatedBy?.id ?? null,
  };
}

const AMOUNT_LIMITS: Record<DeadlineKind, [number, number]> = {
  [DeadlineKind.MINUTES]: [1, 10_080],
  [DeadlineKind.HOURS]: [1, 720],
  [DeadlineKind.SAME_DAY]: [0, 0],
  [DeadlineKind.CALENDAR_DAYS]: [1, 365],
  [DeadlineKind.WORKING_DAYS]: [1, 250],
};

/** Problems with a policy that class-validator cannot see: severities per type, amounts per kind, coverage. */
export function policyProblems(rules: readonly SlaRuleData[]): { field: string[]; message: string }[] {
  const problems: { field: string[]; message: string }[] = [];
  rules.forEach((rule, i) => {
    if (rule.severity && !SEVERITIES_BY_TYPE[rule.type].includes(rule.severity)) {
      problems.push({
        field: ["input", "rules", String(i), "severity"],
        message: `${rule.severity} is not a severity of ${rule.type}`,
      });
    }
    for (const which of ["reply", "resolve", "hardLimit"] as const) {
      const spec = rule[which];
      if (!spec) continue;
      const [min, max] = AMOUNT_LIMITS[spec.kind];
      if (spec.kind !== DeadlineKind.SAME_DAY && (spec.amount < min || spec.amount > max)) {
        problems.push({
          field: ["input", "rules", String(i), which, "amount"],
          message: `${spec.kind} needs an amount from ${min} to ${max}`,
        });
      }
    }
  });
  for (const type of Object.values(TicketType)) {
    const severities: (Severity | null)[] = SEVERITIES_BY_TYPE[type].length ? [...SEVERITIES_BY_TYPE[type]] : [null];
    for (const severity of severities) {
      for (const channel of Object.values(Channel)) {
        if (!matchRule(rules, { type, severity, channel })) {
          problems.push({
            field: ["input", "rules"],
            message: `no rule covers ${type}${severity ? ` ${severity}` : ""} by ${channel}`,
          });
        }
      }
    }
  }
  return problems;
}

const columns = (spec: DeadlineSpec | null | undefined) => ({ kind: spec?.kind ?? null, amount: spec ? spec.amount : null });

export async function updatePolicy(em: EntityManager, session: Session, input: SlaPolicyInput): Promise<LoadedPolicy> {
  const rules: SlaRuleData[] = input.rules.map((r) => ({
    type: r.type,
    severity: r.severity ?? null,
    channel: r.channel ?? null,
    reply: r.reply ?? null,
    resolve: r.resolve ?? null,
    hardLimit: r.hardLimit ?? null,
    note: r.note ?? null,
  }));
  const problems = policyProblems(rules);
  if (problems.length) {
    throw badInput(
      "INVALID_POLICY",
      `The policy is not valid: ${problems.map((p) => p.message).join("; ")}`,
      problems[0]!.field,
      { problems },
    );
  }
  await em.nativeDelete(SlaRule, { tenantId: session.viewer.tenantId });
  rules.forEach((r, position) => {
    const reply = columns(r.reply);
    const resolve = columns(r.resolve);
    const hard = columns(r.hardLimit);
    em.create(SlaRule, {
      position,
      ticketType: r.type,
      severity: r.severity,
      channel: r.channel,
      replyKind: reply.kind,
      replyAmount: reply.amount,
      resolveKind: resolve.kind,
      resolveAmount: resolve.amount,
      hardLimitKind: hard.kind,
      hardLimitAmount: hard.amount,
      note: r.note,
    });
  });
  const settings =
    (await em.findOne(ServicePolicy, { tenantId: session.viewer.tenantId })) ??
    em.create(ServicePolicy, { followUpDueDays: 0, dueSoonRatio: 0, spotCheckRates: [] });
  settings.followUpDueDays = input.followUpDueDays;
  settings.dueSoonRatio = input.dueSoonRatio;
  settings.spotCheckRates = input.spotCheckRates.map((r) => ({ sampler: r.sampler, type: r.type ?? null, rate: r.rate }));
  settings.updatedBy = session.viewer.staff ? em.getReference(Staff, session.viewer.staff.id, { wrapped: true }) : null;
  settings.updatedAt = new Date();
  await em.flush();
  return loadPolicy(em);
}

/** Back to the regulations' defaults. */
export async function resetPolicy(em: EntityManager, session: Session): Promise<LoadedPolicy> {
  await em.nativeDelete(SlaRule, { tenantId: session.viewer.tenantId });
  await em.nativeDelete(ServicePolicy, { tenantId: session.viewer.tenantId });
  em.clear();
  return loadPolicy(em);
}

export interface Deadlines {
  rule: SlaRuleData | null;
  replyDueAt: Date | null;
  resolveDueAt: Date | null;
  hardLimitAt: Date | null;
}

/** The deadlines of a ticket received at `start`, from the policy and the group's calendar. */
export async function computeDeadlines(
  em: EntityManager,
  policy: ServicePolicyData,
  zone: string,
  ticket: { type: TicketType; severity: Severity | null; channel: Channel },
  start: Date,
): Promise<Deadlines> {
  const rule = matchRule(policy.rules, ticket);
  if (!rule) return { rule: null, replyDueAt: null, resolveDueAt: null, hardLimitAt: null };
  const specs = [rule.reply, rule.resolve, rule.hardLimit].filter((s): s is DeadlineSpec => s !== null);
  const from = localDate(start, zone);
  const horizon = Math.max(2, ...specs.map(calendarHorizonDays));
  const to = DateTime.fromISO(from).plus({ days: horizon }).toISODate()!;
  const exceptions = specs.some((s) => s.kind === DeadlineKind.WORKING_DAYS)
    ? await em.find(CalendarDay, { day: { $gte: from, $lte: to } })
    : [];
  const calendar = workingCalendar(exceptions);
  const at = (spec: DeadlineSpec | null) => (spec ? dueAt(spec, start, zone, calendar) : null);
  return { rule, replyDueAt: at(rule.reply), resolveDueAt: at(rule.resolve), hardLimitAt: at(rule.hardLimit) };
}
