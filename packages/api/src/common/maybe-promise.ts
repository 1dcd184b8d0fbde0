/** A value now, or later. Field resolvers return one: graphql-js only waits (and allocates) for promises. */
export type MaybePromise<T> = T | Promise<T>;

/** `f(value)` now when `value` is already there, after it otherwise. */
export function andThen<T, R>(value: MaybePromise<T>, f: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(f) : f(value);
}
