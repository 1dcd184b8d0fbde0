import { instantInPeriod, monthOfInstant } from "../period";
import { aggregate, inScope, keyOf, type GroupBy, type GroupKey, type ReportQuery, type ReportScope } from "../query";
import { rate, type Rate } from "../rate";

export type TicketType = "COMPLAINT" | "SUGGESTION" | "HELP" | "COORDINATION" | "REPAIR" | "CONSULTATION" | "QUALITY";
export type TicketStatus = "NEW" | "ASSIGNED" | "IN_PROGRESS" | "RESOLVED" | "CLOSED" | "REJECTED";
export type Channel = "PHONE" | "VISIT" | "LETTER" | "ONLINE";

export const OPEN_STATUSES: readonly TicketStatus[] = ["NEW", "ASSIGNED", "IN_PROGRESS"];

/** The columns of a ticket the ticket reports read. */
export interface TicketRow {
  officeId: string;
  type: TicketType;
  channel: Channel;
  severity: string | null;
  complaintClass: string | null;
  validity: string | null;
  complainantCount: number;
  status: TicketStatus;
  receivedAt: Date;
  replyDueAt: Date | null;
  firstRepliedAt: Date | null;
  resolveDueAt: Date | null;
  resolvedAt: Date | null;
  /** While paused the clock stands still: overdue is judged at the pause. */
  pausedAt: Date | null;
}

const isOpen = (t: TicketRow) => OPEN_STATUSES.includes(t.status);
const clock = (t: TicketRow, now: Date) => t.pausedAt ?? now;

/** Met (true), missed (false) or not decided yet (null): the reply deadline, as the ticket itself shows it. */
export function replyOutcome(t: TicketRow, now: Date): boolean | null {
  if (!t.replyDueAt) return null;
  if (t.firstRepliedAt) return t.firstRepliedAt <= t.replyDueAt;
  if (!isOpen(t)) return false;
  return t.replyDueAt < clock(t, now) ? false : null;
}

/** Met, missed or undecided: the resolution deadline (a ticket closed without resolution is not judged). */
export function resolveOutcome(t: TicketRow, now: Date): boolean | null {
  if (!t.resolveDueAt) return null;
  if (t.resolvedAt) return t.resolvedAt <= t.resolveDueAt;
  return isOpen(t) && t.resolveDueAt < clock(t, now) ? false : null;
}

export interface SlaCounts extends GroupKey {
  replyDecided: number;
  replyMet: number;
  resolveDecided: number;
  resolveMet: number;
}

export interface SlaRow extends GroupKey {
  /** 时效达成率 for replies: tickets with a reply due time in the period that met it / those decided. */
  replyCompliance: Rate;
  /** The same for resolution. */
  resolveCompliance: Rate;
}

/**
 * SLA compliance by the definition, each deadline in the period of its due time. A deadline still ahead and
 * not met yet is undecided and left out of both counts; one that has passed unmet counts as missed. A group
 * whose deadlines are all undecided is still a row (with null rates).
 */
export function slaCounts(tickets: Iterable<TicketRow>, q: ReportQuery, now: Date): SlaCounts[] {
  type Item = { t: TicketRow; due: Date; kind: "reply" | "resolve"; met: boolean | null };
  const items: Item[] = [];
  for (const t of tickets) {
    if (t.replyDueAt) items.push({ t, due: t.replyDueAt, kind: "reply", met: replyOutcome(t, now) });
    if (t.resolveDueAt) items.push({ t, due: t.resolveDueAt, kind: "resolve", met: resolveOutcome(t, now) });
  }
  return aggregate(
    items,
    q.groupBy,
    (i) =>
      inScope(q, i.t.officeId) && instantInPeriod(i.due, q.period)
        ? keyOf(q.groupBy, i.t.officeId, monthOfInstant(i.due, q.period.timeZone))
        : null,
    (key) => ({ ...key, replyDecided: 0, replyMet: 0, resolveDecided: 0, resolveMet: 0 }),
    (acc, i) => {
      if (i.met === null) return;
      if (i.kind === "reply") {
        acc.replyDecided += 1;
        if (i.met) acc.replyMet += 1;
      } else {
        acc.resolveDecided += 1;
        if (i.met) acc.resolveMet += 1;
      }
    },
  );
}

export const slaRows = (counts: SlaCounts[]): SlaRow[] =>
  counts.map((c) => ({
    officeId: c.officeId,
    month: c.month,
    replyCompliance: rate(c.replyMet, c.replyDecided),
    resolveCompliance: rate(c.resolveMet, c.resolveDecided),
  }));

export interface OverdueRow extends GroupKey {
  /** Open tickets past a reply or resolution deadline now. */
  overdue: number;
  replyOverdue: number;
  resolveOverdue: number;
}

/** Tickets overdue now (not a period figure), by office or for the whole scope. */
export function overdueRows(
  tickets: Iterable<TicketRow>,
  scope: ReportScope,
  groupBy: Pick<GroupBy, "office">,
  now: Date,
): OverdueRow[] {
  const g = { office: groupBy.office, month: false };
  return aggregate(
    tickets,
    g,
    (t) => {
      if (!inScope(scope, t.officeId) || !isOpen(t)) return null;
      const reply = !t.firstRepliedAt && t.replyDueAt !== null && t.replyDueAt < clock(t, now);
      const resolve = t.resolveDueAt !== null && t.resolveDueAt < clock(t, now);
      return reply || resolve ? keyOf(g, t.officeId, "") : null;
    },
    (key) => ({ ...key, overdue: 0, replyOverdue: 0, resolveOverdue: 0 }),
    (acc, t) => {
      acc.overdue += 1;
      if (!t.firstRepliedAt && t.replyDueAt !== null && t.replyDueAt < clock(t, now)) acc.replyOverdue += 1;
      if (t.resolveDueAt !== null && t.resolveDueAt < clock(t, now)) acc.resolveOverdue += 1;
    },
  );
}

export interface VolumeRow extends GroupKey {
  type: TicketType;
  tickets: number;
}

/** Tickets received in the period by type. */
export function volumeRows(tickets: Iterable<TicketRow>, q: ReportQuery): VolumeRow[] {
  const counts = new Map<string, VolumeRow>();
  for (const t of tickets) {
    if (!inScope(q, t.officeId) || !instantInPeriod(t.receivedAt, q.period)) continue;
    const key = keyOf(q.groupBy, t.officeId, monthOfInstant(t.receivedAt, q.period.timeZone));
    const k = `${key.officeId}|${key.month}|${t.type}`;
    const row = counts.get(k) ?? { ...key, type: t.type, tickets: 0 };
    row.tickets += 1;
    counts.set(k, row);
  }
  return [...counts.values()].sort(compareVolume);
}

export interface ComplaintClassificationRow extends GroupKey {
  /** The complaint's type (SIMPLE, GENERAL or COMPLEX). */
  severity: string | null;
  complaintClass: string;
  /** VALID, INVALID, or null while undecided. */
  validity: string | null;
  channel: Channel;
  complaints: number;
  complainants: number;
}

/** 投诉分类统计表: complaints received in the period by type, class, validity and channel. */
export function complaintClassificationRows(tickets: Iterable<TicketRow>, q: ReportQuery): ComplaintClassificationRow[] {
  const counts = new Map<string, ComplaintClassificationRow>();
  for (const t of tickets) {
    if (t.type !== "COMPLAINT" || !inScope(q, t.officeId) || !instantInPeriod(t.receivedAt, q.period)) continue;
    const key = keyOf(q.groupBy, t.officeId, monthOfInstant(t.receivedAt, q.period.timeZone));
    const dims = { severity: t.severity, complaintClass: t.complaintClass!, validity: t.validity, channel: t.channel };
    const k = JSON.stringify([key.officeId, key.month, dims.severity, dims.complaintClass, dims.validity, dims.channel]);
    const row = counts.get(k) ?? { ...key, ...dims, complaints: 0, complainants: 0 };
    row.complaints += 1;
    row.complainants += t.complainantCount;
    counts.set(k, row);
  }
  return [...counts.values()].sort(compareClassification);
}

const str = (v: string | null) => v ?? "";
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const compareVolume = (a: VolumeRow, b: VolumeRow): number =>
  cmp(str(a.officeId), str(b.officeId)) || cmp(str(a.month), str(b.month)) || cmp(a.type, b.type);

export const compareClassification = (a: ComplaintClassificationRow, b: ComplaintClassificationRow): number =>
  cmp(str(a.officeId), str(b.officeId)) ||
  cmp(str(a.month), str(b.month)) ||
  cmp(str(a.severity), str(b.severity)) ||
  cmp(a.complaintClass, b.complaintClass) ||
  cmp(str(a.validity), str(b.validity)) ||
  cmp(a.channel, b.channel);
