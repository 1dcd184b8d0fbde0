import type { Loaders } from "../../context/loaders";
import { readByKeys } from "../../database/read-rows";
import { FollowUp } from "../follow-ups/follow-up.entity";
import { SpotCheck } from "../spot-checks/spot-check.entity";
import { TicketEvent } from "./ticket-event.entity";

export const timelineOf = (loaders: Loaders) =>
  loaders.group(
    "ticket.timeline",
    (em, ids) => readByKeys(em, TicketEvent, "ticket", ids, { orderBy: { id: "asc" } }),
    (e) => e.ticket.id,
  );

export const followUpsOf = (loaders: Loaders) =>
  loaders.group(
    "ticket.followUps",
    (em, ids) => readByKeys(em, FollowUp, "ticket", ids, { orderBy: { round: "asc" } }),
    (f) => f.ticket.id,
  );

export const spotChecksOf = (loaders: Loaders) =>
  loaders.group(
    "ticket.spotChecks",
    (em, ids) => readByKeys(em, SpotCheck, "ticket", ids, { orderBy: { createdAt: "asc" } }),
    (c) => c.ticket.id,
  );
