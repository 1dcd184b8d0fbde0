import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import type { Logger } from "../../common/logger";
import { PeriodicTask } from "../../common/periodic-task";
import { TENANT_FILTER } from "../../common/entities/tenant-owned.entity";
import { loadPolicy } from "../sla/sla-policy.service";
import { Ticket } from "./ticket.entity";
import { sweep } from "./ticket-lifecycle";
import { record } from "./ticket.service";

const BATCH = 100;
/** A ticket the rules could not advance (clock drift, a rule with nothing to do) is looked at again this much later. */
const POSTPONE_MS = 30_000;

const MARKS = ["replyDueSoonAt", "resolveDueSoonAt", "replyOverdueAt", "resolveOverdueAt", "hardLimitPassedAt"] as const;
const STATE = ["escalatedAt", "escalationReason", "complaintClass"] as const;

/**
 * Applies the rules of time (due soon, overdue, hard limit, month-old complaints) to tickets whose moment has
 * come, exactly once each, however many instances sweep: each instance claims due tickets with SKIP LOCKED
 * (`claim_due_tickets`) and writes the marks and events in the same transaction, so no two instances handle a
 * ticket at once and a handled rule is never applied again. Tickets that fell due while every instance was down
 * are simply due now, so a restart catches up.
 */
export class OverdueSweeper {
  private readonly task: PeriodicTask;

  constructor(
    private readonly orm: MikroORM,
    logger: Logger,
    private readonly now: () => Date,
    intervalMs: number,
  ) {
    this.task = new PeriodicTask(() => this.sweepAll(), intervalMs, logger, "overdue sweep failed; retrying");
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** Sweeps batches until nothing is due (or the sweeper is stopped); returns how many tickets were looked at. */
  async sweepAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const handled = await this.sweepBatch();
      total += handled;
      if (handled < BATCH || this.task.stopped) return total;
    }
  }

  private async sweepBatch(): Promise<number> {
    const now = this.now();
    const em = this.orm.em.fork({ clear: true });
    await em.begin();
    try {
      const claimed = await em.execute<{ tenant_id: string; ticket_id: string }[]>("select * from claim_due_tickets(?, ?)", [
        now,
        BATCH,
      ]);
      const byTenant = new Map<string, string[]>();
      for (const row of claimed) byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), row.ticket_id]);
      for (const [tenantId, ids] of byTenant) await this.sweepTenant(em, tenantId, ids, now);
      await em.commit();
      return claimed.length;
    } catch (error) {
      await em.rollback().catch(() => undefined);
      throw error;
    }
  }

  private async sweepTenant(em: EntityManager, tenantId: string, ids: string[], now: Date): Promise<void> {
    em.clear();
    em.setFilterParams(TENANT_FILTER, { tenantId });
    await em.execute("select set_config('app.tenant_id', ?, true)", [tenantId]);
    const { dueSoonRatio } = await loadPolicy(em);
    // Read without managing: only the columns the rules touch are written, so a user saving the ticket at
    // the same moment keeps their changes (and gets no spurious conflict for a mark).
    const tickets = await em.find(Ticket, { id: { $in: ids } }, { disableIdentityMap: true });
    for (const ticket of tickets) {
      const version = ticket.version;
      const { transitions, stateChanged } = sweep(ticket, now, dueSoonRatio);
      if (!transitions.length) {
        await em.execute("select postpone_ticket_check(?, ?, ?)", [tenantId, ticket.id, new Date(now.getTime() + POSTPONE_MS)]);
        continue;
      }
      const data: Record<string, unknown> = {};
      for (const key of MARKS) data[key] = ticket[key];
      if (stateChanged) {
        for (const key of STATE) data[key] = ticket[key];
        Object.assign(data, { version: version + 1, updatedAt: now });
      }
      const updated = await em.nativeUpdate(Ticket, stateChanged ? { id: ticket.id, version } : { id: ticket.id }, data);
      // Someone changed the ticket meanwhile: the next sweep looks at it afresh.
      if (!updated) continue;
      for (const t of transitions) record(em, { id: ticket.id, officeId: ticket.office.id }, t, null, now);
    }
    await em.flush();
  }
}
