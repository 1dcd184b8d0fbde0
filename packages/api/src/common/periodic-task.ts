import type { Logger } from "./logger";

/**
 * Background work of every instance (the overdue sweep, the month rollup's fold): `work` runs at once on
 * `start()`, then `intervalMs` after each run ends, so runs never overlap. A failure is logged and the next run
 * tries again; it never stops the timer. `stop()` waits for a run in progress.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private halted = false;

  constructor(
    private readonly work: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    /** What the warning says when a run fails, e.g. "overdue sweep failed; retrying". */
    private readonly failure: string,
  ) {}

  /** True once `stop()` was called: long work checks it between steps. */
  get stopped(): boolean {
    return this.halted;
  }

  start(): void {
    this.halted = false;
    const tick = async () => {
      if (this.halted) return;
      try {
        this.running = this.work();
        await this.running;
      } catch (error) {
        this.logger.warn(this.failure, { error });
      }
      if (!this.halted) this.timer = setTimeout(tick, this.intervalMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.halted = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
