import { Repeater } from "@graphql-yoga/subscription";
import { badInput } from "../../common/errors/app-error";
import { isId } from "../../common/ids";
import type { AppServices } from "../../context/app-services";
import type { Session } from "../../context/context.type";
import { OfficeScope } from "../../context/office-scope";
import { TenantDb, withTenant } from "../../database/tenant-db";
import { officeNotFound } from "../tenancy/office.errors";
import type { TicketEventKind } from "../tickets/ticket-event.entity";
import { latestSequence, loadMessages, type TicketEventMessage } from "./event-message";

const PAGE = 500;

export interface StreamArgs {
  officeId?: string | null;
  kinds?: TicketEventKind[] | null;
  after?: number | null;
}

/** The offices whose events the caller receives: the one asked for (if visible) or all visible ones (null: all). */
export async function streamOffices(scope: OfficeScope, officeId: string | null | undefined): Promise<string[] | null> {
  if (officeId) {
    if (!isId(officeId) || !(await scope.includes(officeId))) throw officeNotFound(["officeId"]);
    return [officeId];
  }
  return scope.officeIds();
}

/**
 * A subscriber's event stream: first every event after `after` (replayed from the log, in order), then live ones
 * from the hub. Each event is delivered at most once and in sequence order; a jump in sequence (a notification
 * missed while reconnecting) is filled from the log first, so nothing is skipped. Only events of the offices
 * the caller may see, and of the kinds asked for, are pushed.
 */
export function ticketEventStream(app: AppServices, session: Session, args: StreamArgs): AsyncIterable<TicketEventMessage> {
  if (args.after !== null && args.after !== undefined && (!Number.isInteger(args.after) || args.after < 0)) {
    throw badInput("INVALID_AFTER", "`after` must be a non-negative event sequence number.", ["after"]);
  }
  const tenantId = session.viewer.tenantId;
  const kinds = args.kinds?.length ? new Set(args.kinds) : null;
  const load = (after: number, upTo?: number) =>
    withTenant(app.orm, tenantId, (em) => loadMessages(em, tenantId, { after, upTo, limit: PAGE }, app.now()));

  return new Repeater<TicketEventMessage>(async (push, stop) => {
    // A short transaction of its own: a subscription never holds one open for its lifetime.
    const db = new TenantDb(app.orm, tenantId);
    const offices = await streamOffices(new OfficeScope(db, session.viewer), args.officeId).finally(() => db.close(true));
    let delivered = args.after ?? (await withTenant(app.orm, tenantId, (em) => latestSequence(em, tenantId)));
    const deliver = async (message: TicketEventMessage) => {
      if (message.sequence <= delivered) return;
      if (message.sequence > delivered + 1) {
        for (const missed of await load(delivered, message.sequence - 1)) await deliver(missed);
      }
      delivered = message.sequence;
      if ((offices === null || offices.includes(message.officeId)) && (!kinds || kinds.has(message.kind))) await push(message);
    };
    // Everything is handled in order on one chain. Attach to the hub first, then replay: whatever commits in
    // between is either read by the replay or arrives from the hub (and a jump is filled from the log).
    let chain: Promise<void> = Promise.resolve();
    const enqueue = (work: () => Promise<void>) => {
      chain = chain.then(work).catch((error) => stop(error));
    };
    const feed = await app.events.attach(tenantId, (batch) =>
      enqueue(async () => {
        for (const message of batch) await deliver(message);
      }),
    );
    enqueue(async () => {
      for (;;) {
        const page = await load(delivered);
        for (const message of page) await deliver(message);
        if (page.length < PAGE) return;
      }
    });
    await stop;
    feed.detach();
  });
}
