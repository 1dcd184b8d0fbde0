/**
 * Open WebSocket connections per caller on this instance: each costs memory and a share of the event fan-out,
 * so one user (or one leaked token) cannot hold thousands. Per instance by design — it protects the instance.
 */
export class ConnectionCaps {
  private readonly open = new Map<string, number>();

  constructor(private readonly maxPerCaller: number) {}

  /** Takes a slot for the caller, or returns undefined when they already hold the maximum. */
  take(caller: string): (() => void) | undefined {
    const count = this.open.get(caller) ?? 0;
    if (count >= this.maxPerCaller) return undefined;
    this.open.set(caller, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(caller) ?? 1) - 1;
      if (left <= 0) this.open.delete(caller);
      else this.open.set(caller, left);
    };
  }

  countOf(caller: string): number {
    return this.open.get(caller) ?? 0;
  }
}
