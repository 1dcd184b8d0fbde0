import type { MikroORM } from "@mikro-orm/postgresql";
import { createHash } from "node:crypto";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { SecurityConfig } from "../security.config";
import { tooManyRequests } from "./too-many-requests";

/** Table of the login_throttle migration: shared by every instance, keys are hashes (no emails or addresses). */
export const LOGIN_THROTTLE_TABLE = "login_throttle";

const hash = (value: string) => createHash("sha256").update(value).digest("base64url");

export interface LoginAttempt {
  /** Counts a wrong password (or unknown account) against the account and the address. */
  failed(): Promise<void>;
  /** A successful sign-in forgives the account's earlier failures (the address keeps its count). */
  succeeded(): Promise<void>;
}

/**
 * Sign-in throttling against password guessing, per account (group + email, existing or not, so the answer
 * tells nothing about which accounts exist) and per address (one source spraying many accounts). Failures are
 * counted in PostgreSQL, so every API instance sees the same counts and a guesser gains nothing from a load
 * balancer spreading its attempts.
 */
export class LoginThrottle {
  private readonly account: RateLimiterPostgres;
  private readonly address: RateLimiterPostgres;

  constructor(
    orm: MikroORM,
    private readonly limits: SecurityConfig,
  ) {
    const common = {
      storeClient: orm.em.getConnection().getKnex(),
      storeType: "knex",
      tableName: LOGIN_THROTTLE_TABLE,
      tableCreated: true,
      duration: limits.loginWindowSeconds,
    };
    this.account = new RateLimiterPostgres({ ...common, keyPrefix: "account", points: limits.loginMaxFailuresPerAccount });
    this.address = new RateLimiterPostgres({ ...common, keyPrefix: "address", points: limits.loginMaxFailuresPerAddress });
  }

  /** Refuses the attempt (TOO_MANY_REQUESTS) when either count is used up; otherwise how to report its outcome. */
  async begin(tenantSlug: string, email: string, clientAddress: string): Promise<LoginAttempt> {
    const accountKey = hash(`${tenantSlug}\n${email}`);
    const addressKey = hash(clientAddress);
    const [byAccount, byAddress] = await Promise.all([this.account.get(accountKey), this.address.get(addressKey)]);
    const blocked = [
      { res: byAccount, max: this.limits.loginMaxFailuresPerAccount, what: "this account" },
      { res: byAddress, max: this.limits.loginMaxFailuresPerAddress, what: "your address" },
    ].find(({ res, max }) => res !== null && res.consumedPoints >= max);
    if (blocked) {
      throw tooManyRequests(
        "LOGIN_THROTTLED",
        `Too many failed sign-ins for ${blocked.what}; try again in {retryAfter} s.`,
        blocked.res!.msBeforeNext,
        blocked.max,
      );
    }
    return {
      failed: async () => {
        await Promise.all(
          [this.account.consume(accountKey), this.address.consume(addressKey)].map((p) => p.catch(ignoreRejection)),
        );
      },
      succeeded: async () => {
        if (byAccount && byAccount.consumedPoints > 0) await this.account.delete(accountKey);
      },
    };
  }
}

/** A consume past the limit rejects with the limiter's result: the count is recorded all the same. */
function ignoreRejection(rejection: unknown): void {
  if (!(rejection instanceof RateLimiterRes)) throw rejection;
}
