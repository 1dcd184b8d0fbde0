import type { MikroORM } from "@mikro-orm/postgresql";
import type { Logger } from "../../common/logger";

/**
 * Moves the month rollup's pending deltas into its months (`report_fold_month_deltas()`), every `intervalMs` in
 * every instance, beside the overdue sweep and with the same lifecycle. The triggers on the day table only ever
 * append deltas, so writers never wait for one another on a month; reports read a month's row plus its deltas,
 * so a fold that is late or fails changes no number, only how many rows a report reads. The fold is one
 * statement of its own: folds of several instances at once are safe (each delta moves once). A failure is
 * logged and tried again next time; it never stops the timer.
 */
export class MonthFold {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      try {
        await this.fold();
      } catch (error) {
        this.logger.warn("month rollup fold failed; retrying", { error });
      }
      if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Folds every pending delta now; returns how many delta rows were folded. */
  async fold(): Promise<number> {
    this.running = this.orm.em
      .getConnection()
      .execute<{ n: string }[]>("select report_fold_month_deltas() as n")
      .then(([row]) => Number(row?.n ?? 0));
    return this.running;
  }
}
