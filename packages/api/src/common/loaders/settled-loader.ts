import DataLoader from "dataloader";

/**
 * A DataLoader that remembers what its batches returned, so a value loaded earlier in the request is handed out
 * synchronously by `now()`. graphql-js completes an object without a promise only when every one of its fields is
 * a plain value; a page of 100 tickets whose nine relation fields each returned a promise cost about 1,000
 * promises, each tracked by async hooks and collected later — most of a BI page's CPU (see README, Performance).
 * A list resolver warms the loaders its page needs (`warm`), and the field resolvers then read with `now`.
 * Errors are not remembered: a failed key goes through DataLoader (and its error) as before.
 */
export class SettledLoader<K, V> extends DataLoader<K, V> {
  private readonly settled: Map<K, V>;

  constructor(batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>) {
    const settled = new Map<K, V>();
    super(async (keys) => {
      const values = await batch(keys);
      keys.forEach((key, i) => {
        const value = values[i];
        if (!(value instanceof Error)) settled.set(key, value as V);
      });
      return values;
    });
    this.settled = settled;
  }

  /** The value if a batch already returned it, else the promise of `load`. */
  now(key: K): V | Promise<V> {
    return this.settled.has(key) ? this.settled.get(key)! : this.load(key);
  }

  /** Loads these keys in one batch (errors are left for the fields that read them). */
  async warm(keys: Iterable<K>): Promise<void> {
    const missing = [...new Set(keys)].filter((key) => !this.settled.has(key));
    if (missing.length) await this.loadMany(missing);
  }

  override clear(key: K): this {
    this.settled.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.settled.clear();
    return super.clearAll();
  }

  override prime(key: K, value: V | Promise<V> | Error): this {
    if (!(value instanceof Error) && !(value instanceof Promise) && !this.settled.has(key)) this.settled.set(key, value);
    return super.prime(key, value);
  }
}
