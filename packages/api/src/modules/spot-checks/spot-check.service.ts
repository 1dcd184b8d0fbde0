import type { EntityManager } from "@mikro-orm/postgresql";
import type { FilterQuery } from "@mikro-orm/core";
import { randomInt } from "node:crypto";
import { badInput, notFound } from "../../common/errors/app-error";
import { isId } from "../../common/ids";
import type { Session } from "../../context/context.type";
import { findVisible } from "../../context/find-visible";
import { FollowUp } from "../follow-ups/follow-up.entity";
import { FollowUpStatus, isSatisfied } from "../follow-ups/follow-up.enums";
import { loadPolicy } from "../sla/sla-policy.service";
import { Staff } from "../staff/staff.entity";
import { Ticket } from "../tickets/ticket.entity";
import { TicketEventKind } from "../tickets/ticket-event.entity";
import { record } from "../tickets/ticket.service";
import { drawSample } from "./sampling";
import { SpotCheck, SpotCheckStatus } from "./spot-check.entity";
import { SpotCheckSample } from "./spot-check-sample.entity";
import type { DrawSpotCheckSampleInput, RecordSpotCheckInput, SpotCheckListArgs } from "./spot-check.input";

export const spotCheckNotFound = () => notFound("SPOT_CHECK_NOT_FOUND", "No such spot check.", ["id"]);
export const sampleNotFound = () => notFound("SPOT_CHECK_SAMPLE_NOT_FOUND", "No such spot-check sample.", ["id"]);

/**
 * Draws (once per sampler and period) a reproducible sample of the tickets followed up in the period, at the
 * group's configured rates, and creates a pending spot check for each. Drawing the same period again returns
 * the sample already drawn.
 */
export async function drawSpotCheckSample(
  em: EntityManager,
  session: Session,
  input: DrawSpotCheckSampleInput,
  now: Date,
): Promise<SpotCheckSample> {
  if (input.to.getTime() <= input.from.getTime()) throw badInput("INVALID_PERIOD", "`to` must be after `from`.", ["input", "to"]);
  if (input.from.getTime() > now.getTime())
    throw badInput("PERIOD_IN_FUTURE", "The period has not started yet.", ["input", "from"]);
  const existing = await em.findOne(SpotCheckSample, { sampler: input.sampler, periodFrom: input.from, periodTo: input.to });
  if (existing) return existing;

  const followUps = await em.find(
    FollowUp,
    { status: FollowUpStatus.COMPLETED, completedAt: { $gte: input.from, $lt: input.to } },
    { populate: ["ticket"], orderBy: { completedAt: "asc" } },
  );
  // The latest completed follow-up of each ticket is the one checked.
  const latest = new Map<string, FollowUp>();
  for (const f of followUps) latest.set(f.ticket.id, f);
  const candidates = [...latest.values()].map((f) => ({ ticketId: f.ticket.id, type: f.ticket.getEntity().type }));
  const seed = input.seed ?? randomInt(0, 2 ** 31 - 1);
  const drawn = drawSample(candidates, (await loadPolicy(em)).spotCheckRates, input.sampler, seed);

  const sample = em.create(SpotCheckSample, {
    sampler: input.sampler,
    periodFrom: input.from,
    periodTo: input.to,
    seed,
    population: candidates.length,
    sampleSize: drawn.length,
    drawnAt: now,
    drawnBy: em.getReference(Staff, session.viewer.staff!.id, { wrapped: true }),
  });
  for (const ticketId of drawn) {
    const followUp = latest.get(ticketId)!;
    em.create(SpotCheck, {
      sample,
      ticket: followUp.ticket,
      followUp,
      office: followUp.office,
      followedUpAt: followUp.completedAt!,
    });
  }
  await em.flush();
  return sample;
}

/** Records the head office's rating; disagreement with the office's top-2-box verdict is a finding. */
export async function recordSpotCheck(
  em: EntityManager,
  session: Session,
  id: string,
  input: RecordSpotCheckInput,
  now: Date,
): Promise<SpotCheck> {
  const check = await findVisible(em, session, SpotCheck, id, "office", spotCheckNotFound);
  if (check.status !== SpotCheckStatus.PENDING)
    throw badInput("SPOT_CHECK_DONE", "This spot check has already been recorded.", ["id"]);
  const followUp = await em.findOneOrFail(FollowUp, { id: check.followUp.id });
  const ticket = await em.findOneOrFail(Ticket, { id: check.ticket.id });
  check.status = SpotCheckStatus.DONE;
  check.satisfaction = input.satisfaction;
  check.comment = input.comment ?? null;
  check.agrees = isSatisfied(input.satisfaction) === isSatisfied(followUp.satisfaction!);
  check.checkedAt = now;
  check.checkedBy = em.getReference(Staff, session.viewer.staff!.id, { wrapped: true });
  record(
    em,
    ticket,
    {
      kind: TicketEventKind.SPOT_CHECKED,
      changes: { spotCheck: [followUp.satisfaction, input.satisfaction], agrees: [null, check.agrees] },
      note: input.comment ?? null,
    },
    session.viewer.staff!.id,
    now,
  );
  await em.flush();
  return check;
}

export async function spotCheckWhere(session: Session, args: SpotCheckListArgs): Promise<FilterQuery<SpotCheck>> {
  const where: Record<string, unknown> = { ...(await session.scope.where(args.officeId)) };
  if (args.sampleId) where.sample = isId(args.sampleId) ? args.sampleId : { $in: [] };
  if (args.status) where.status = args.status;
  if (args.agrees !== null && args.agrees !== undefined) where.agrees = args.agrees;
  return where as FilterQuery<SpotCheck>;
}
