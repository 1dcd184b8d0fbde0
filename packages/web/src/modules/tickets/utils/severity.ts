import type { Severity, TicketType } from "../../../gql/graphql";

/** Which severities apply to which type (as the API's SEVERITIES_BY_TYPE; the first is the default). */
export const SEVERITIES_BY_TYPE: Readonly<Record<TicketType, readonly Severity[]>> = {
  COMPLAINT: ["GENERAL", "SIMPLE", "COMPLEX"],
  REPAIR: ["MINOR", "MEDIUM", "MAJOR"],
  HELP: ["NORMAL", "URGENT"],
  SUGGESTION: [],
  COORDINATION: [],
  CONSULTATION: [],
  QUALITY: [],
};

export const TICKET_TYPES: readonly TicketType[] = [
  "COMPLAINT",
  "REPAIR",
  "HELP",
  "CONSULTATION",
  "SUGGESTION",
  "COORDINATION",
  "QUALITY",
];
export const CHANNELS = ["PHONE", "VISIT", "LETTER", "ONLINE"] as const;
