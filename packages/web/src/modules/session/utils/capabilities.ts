import type { Role } from "../../../gql/graphql";

const HEAD_OFFICE: readonly Role[] = ["HEAD_OFFICE_ADMIN", "HEAD_OFFICE_MANAGER"];

/**
 * What the console offers a role (the API enforces the same; this only keeps the UI to what may succeed).
 * Ticket actions come from each ticket's `allowedActions` instead.
 */
export interface Capabilities {
  /** The head-office comparison dashboard across every office. */
  compareOffices: boolean;
  /** Drawing and recording spot checks of follow-ups. */
  spotCheck: boolean;
  /** Boards of any office (head office) or only the own office. */
  chooseBoardOffice: boolean;
  registerTickets: boolean;
  /** Must name the office when registering (the caller is not in one). */
  mustChooseOffice: boolean;
}

export function capabilitiesOf(role: Role | null | undefined, seesAllOffices: boolean, readOnly = false): Capabilities {
  const headOffice = !!role && HEAD_OFFICE.includes(role);
  return {
    compareOffices: seesAllOffices,
    spotCheck: headOffice && !readOnly,
    chooseBoardOffice: seesAllOffices,
    registerTickets: !!role && !readOnly,
    mustChooseOffice: headOffice,
  };
}

/** Where a role starts after signing in. */
export function homePath(role: Role | null | undefined, seesAllOffices: boolean): string {
  if (seesAllOffices) return "/dashboard";
  if (role === "OFFICE_MANAGER") return "/board";
  return "/tickets";
}
