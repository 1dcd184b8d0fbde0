import { andThen, type MaybePromise } from "../../common/maybe-promise";
import type { Loaders } from "../../context/loaders";
import { SpotCheckStatus } from "../spot-checks/spot-check.entity";
import { spotChecksOf } from "../tickets/ticket.loaders";
import { SensitiveNote } from "./sensitive-note.entity";

export const sensitiveNotesOf = (loaders: Loaders) =>
  loaders.group(
    "customer.sensitiveNotes",
    (em, ids) => em.find(SensitiveNote, { customer: { $in: ids } }, { orderBy: { createdAt: "asc", id: "asc" } }),
    (n) => n.customer.id,
  );

/** Whether a ticket has a spot check still waiting for the head office's call (batched with `Ticket.spotChecks`). */
export const hasPendingSpotCheck = (loaders: Loaders, ticketId: string): MaybePromise<boolean> =>
  andThen(spotChecksOf(loaders).now(ticketId), (checks) => checks.some((c) => c.status === SpotCheckStatus.PENDING));
