import { AppError } from "../../common/errors/app-error";

/** More subscriptions on one connection than allowed: the new one is refused, the others go on. */
export function tooManySubscriptions(limit: number): AppError {
  return new AppError(
    "TOO_MANY_REQUESTS",
    `At most ${limit} subscriptions per connection; complete one before starting another.`,
    { reason: "TOO_MANY_SUBSCRIPTIONS", details: { limit } },
  );
}

/** An operation sent to a socket of an instance that is stopping (it closes with 1012 right after). */
export function wsOperationRefused(): AppError {
  return new AppError("SERVICE_UNAVAILABLE", "This instance is restarting; send the operation again after reconnecting.", {
    reason: "SHUTTING_DOWN",
  });
}
