import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { AppError } from "../../common/errors/app-error";
import type { SecurityConfig } from "../security.config";
import type { CallerKey } from "./caller-key";
import { tooManyRequests } from "./too-many-requests";

export interface RateBudget {
  limit: number;
  remaining: number;
  /** Seconds until the window starts afresh. */
  resetSeconds: number;
}

/**
 * Operations per caller per fixed window, counted in this instance's memory (rate-limiter-flexible). Every
 * GraphQL operation counts one, whether it came over HTTP or a WebSocket. With N instances behind a load
 * balancer a caller can spend up to N budgets: the limit protects each instance from one caller; it is not
 * a quota (README, Security).
 */
export class RequestRateLimiter {
  private readonly signedIn: RateLimiterMemory;
  private readonly anonymous: RateLimiterMemory;

  constructor(private readonly limits: SecurityConfig) {
    const duration = limits.rateLimitWindowSeconds;
    this.signedIn = new RateLimiterMemory({ keyPrefix: "ops", points: limits.rateLimitPoints, duration });
    this.anonymous = new RateLimiterMemory({ keyPrefix: "anon", points: limits.anonymousRateLimitPoints, duration });
  }

  /** Spends one operation; the budget left, or the TOO_MANY_REQUESTS error to answer with. */
  async consume(caller: CallerKey): Promise<RateBudget | AppError> {
    const limiter = caller.signedIn ? this.signedIn : this.anonymous;
    const limit = caller.signedIn ? this.limits.rateLimitPoints : this.limits.anonymousRateLimitPoints;
    try {
      const res = await limiter.consume(caller.key);
      return { limit, remaining: res.remainingPoints, resetSeconds: Math.ceil(res.msBeforeNext / 1000) };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return tooManyRequests(
        "RATE_LIMITED",
        `Too many requests: at most ${limit} operations per ${this.limits.rateLimitWindowSeconds} s. Try again in {retryAfter} s.`,
        rejection.msBeforeNext,
        limit,
      );
    }
  }
}
