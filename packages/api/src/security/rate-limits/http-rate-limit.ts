import type { ServerResponse } from "node:http";
import { AppError } from "../../common/errors/app-error";
import type { Context } from "../../context/context.type";
import { callerKey } from "./caller-key";

/**
 * Spends one operation of the caller's budget for an HTTP request (before parsing, so floods of invalid
 * documents are counted too) and says what is left in the RateLimit-* headers. Over the limit it throws the
 * TOO_MANY_REQUESTS error, which Apollo answers with 429 and Retry-After.
 */
export async function spendHttpBudget(context: Context, res: ServerResponse): Promise<void> {
  const budget = await context.app.rateLimiter.consume(callerKey(context.session?.viewer, context.clientAddress));
  if (budget instanceof AppError) {
    await context.session?.db.close(false).catch(() => undefined);
    throw budget;
  }
  res.setHeader("RateLimit-Limit", String(budget.limit));
  res.setHeader("RateLimit-Remaining", String(budget.remaining));
  res.setHeader("RateLimit-Reset", String(budget.resetSeconds));
}
