import type { Formatters } from "../../../common/format";

/** Fields whose values are enum members, and the enum they belong to (for their translated labels). */
const ENUM_FIELDS: Record<string, string> = {
  type: "TicketType",
  status: "TicketStatus",
  channel: "Channel",
  severity: "Severity",
  complaintClass: "ComplaintClass",
  validity: "ComplaintValidity",
  pauseReason: "PauseReason",
  method: "FollowUpMethod",
  satisfaction: "Satisfaction",
  outcome: "FollowUpOutcome",
  exemption: "FollowUpExemption",
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ChangeView {
  label: string;
  from: string;
  to: string;
}

type Translate = (key: string) => string;
type Exists = (key: string) => boolean;

/**
 * A timeline change as people read it: the field's name in the console's language, enum values translated,
 * instants in the group's time zone. Changes of internal ids are left out (the event itself says what happened).
 */
export function describeChange(
  change: { field: string; from?: string | null; to?: string | null },
  t: Translate,
  exists: Exists,
  f: Formatters,
): ChangeView | null {
  if ([change.from, change.to].some((v) => v && UUID.test(v))) return null;
  const value = (v: string | null | undefined): string => {
    if (v === null || v === undefined || v === "") return "—";
    const enumName = ENUM_FIELDS[change.field];
    if (enumName && exists(`enum.${enumName}.${v}`)) return t(`enum.${enumName}.${v}`);
    if (ISO_INSTANT.test(v)) return f.dateTime(v);
    return v;
  };
  const key = `ticket.fields.${change.field}`;
  return { label: exists(key) ? t(key) : change.field, from: value(change.from), to: value(change.to) };
}
