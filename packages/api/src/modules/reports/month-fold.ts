import type { MikroORM } from "@mikro-orm/postgresql";
import type { Logger } from "../../common/logger";
import { PeriodicTask } from "../../common/periodic-task";

/**
 * Moves the month rollup's pending deltas into its months (`report_fold_month_deltas()`), every `intervalMs` in
 * every instance, beside the overdue sweep and with the same lifecycle. The triggers on the day table only ever
 * append deltas, so writers never wait for one another on a month; reports read a month's row plus its deltas,
 * so a fold that is late or fails changes no number, only how many rows a report reads. The fold is one
 * statement of its own: folds of several instances at once are safe (each delta moves once). A failure is
 * logged and tried again next time; it never stops the timer.
 */
export class MonthFold {
  private readonly task: PeriodicTask;

  constructor(
    private readonly orm: MikroORM,
    logger: Logger,
    intervalMs: number,
  ) {
    this.task = new PeriodicTask(() => this.fold(), intervalMs, logger, "month rollup fold failed; retrying");
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** Folds every pending delta now; returns how many delta rows were folded. */
  async fold(): Promise<number> {
    const [row] = await this.orm.em.getConnection().execute<{ n: string }[]>("select report_fold_month_deltas() as n");
    return Number(row?.n ?? 0);
  }
}
