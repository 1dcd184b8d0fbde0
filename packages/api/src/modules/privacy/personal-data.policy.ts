import { isHeadOfficeRole } from "../../auth/roles";
import type { Viewer } from "../../context/viewer";
import { AccessBasis } from "./privacy.enums";
import { andThen, type MaybePromise } from "../../common/maybe-promise";

/**
 * Who reads residents' personal data in full, from the product's users (DESIGN.md "Who uses it"). Everyone
 * else gets the masked form (138****1234) or nothing, and every full read is logged.
 *
 * - Office staff and office managers (楼管员/客服, 管理处主任) of the office serving the customer: they call
 *   residents back, visit them and follow every request up — telephone in full, sensitive notes too.
 * - Head-office roles compare offices and audit; they need no resident's number, except on a ticket they
 *   work on themselves: one drawn for a spot check that is still pending (they call the customer back) or one
 *   escalated to them. Sensitive notes: never (they stay with the office that looks after the resident).
 * - Managers of a parent office see the numbers of their sub-offices' customers, not their notes.
 * - BI tools (read-only API tokens): never — reports and lists work on masked numbers.
 * - Staff work numbers are colleagues' contact details: in full for staff, masked for BI tokens, not logged.
 */

/** Facts about a ticket that may give the head office a need for its contact's number. */
export interface TicketNeed {
  escalated: boolean;
  /** Resolved lazily (a batched look-up), only for head-office callers. */
  pendingSpotCheck: () => MaybePromise<boolean>;
}

/**
 * Why `viewer` may read the telephone number of a customer (or a ticket's contact) of `officeId` in full, or
 * null when they must see it masked. `inScope` says whether the office is in the viewer's office scope.
 */
export function residentPhoneBasis(
  viewer: Viewer,
  officeId: string | null,
  inScope: (officeId: string) => MaybePromise<boolean>,
  ticket?: TicketNeed,
): MaybePromise<AccessBasis | null> {
  if (viewer.kind !== "STAFF" || !viewer.role || !officeId) return null;
  if (!isHeadOfficeRole(viewer.role)) return andThen(inScope(officeId), (yes) => (yes ? AccessBasis.OWN_OFFICE : null));
  if (!ticket) return null;
  if (ticket.escalated) return AccessBasis.ESCALATION;
  return andThen(ticket.pendingSpotCheck(), (pending) => (pending ? AccessBasis.SPOT_CHECK : null));
}

/**
 * Sensitive notes are for the staff of the customer's own office only: not a parent office's managers, not the
 * head office (unless the customer is the head office's own), never a BI token.
 */
export function maySeeSensitiveNotes(viewer: Viewer, customerOfficeId: string): boolean {
  return viewer.kind === "STAFF" && viewer.officeId === customerOfficeId;
}

/** Staff work numbers: in full for staff (colleagues reach each other), masked for BI tokens. */
export function seesStaffPhones(viewer: Viewer): boolean {
  return viewer.kind === "STAFF";
}

/**
 * Whether text search may match telephone numbers: only for callers who see them in full, or a masked caller
 * could confirm a guessed number by searching for it.
 */
export function maySearchPhones(viewer: Viewer): boolean {
  return viewer.kind === "STAFF" && viewer.role !== null && !isHeadOfficeRole(viewer.role);
}
