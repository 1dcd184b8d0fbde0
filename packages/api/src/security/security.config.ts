import { z } from "zod";

/**
 * The limits that keep one caller from exhausting an instance: query shape and cost, request and sign-in
 * rates, WebSocket caps, and how long a stopping instance waits. Every value can be set in the environment;
 * the defaults are what the README's security section states.
 */
export interface SecurityConfig {
  /** Deepest field nesting an operation may have (connections count `edges { node }` as two levels). */
  maxDepth: number;
  /** Aliased fields in one operation (`__typename` aliases are free). */
  maxAliases: number;
  /** Directives in one operation. */
  maxDirectives: number;
  /** Lexical tokens in one document (bounds parsing work before anything else runs). */
  maxTokens: number;
  /** Estimated cost: every field counts 1, times the page size (`first`) or the assumed size of a list. */
  maxCost: number;
  /** Items a list without a `first` argument (timeline, lanes, report rows) is assumed to hold. */
  assumedListSize: number;
  /** Operations per caller (API token, staff member, or address when anonymous) per window. */
  rateLimitPoints: number;
  /** Operations per anonymous address per window (sign-in, onboarding, invalid tokens). */
  anonymousRateLimitPoints: number;
  rateLimitWindowSeconds: number;
  /** Failed sign-ins per account (group + email) per window before sign-in to it is refused. */
  loginMaxFailuresPerAccount: number;
  /** Failed sign-ins from one address per window, over all accounts. */
  loginMaxFailuresPerAddress: number;
  loginWindowSeconds: number;
  /** Open WebSocket connections per caller on one instance. */
  maxConnectionsPerUser: number;
  /** Active subscriptions on one WebSocket connection. */
  maxSubscriptionsPerConnection: number;
  /** Largest HTTP body or WebSocket message, in bytes. */
  maxPayloadBytes: number;
  /** Express `trust proxy`: which proxies' X-Forwarded-For names the client address (false: none). */
  trustProxy: boolean | string;
  /** After SIGTERM: how long readiness reports "draining" while requests are still served (load balancer notice). */
  shutdownDelayMs: number;
  /** After that: how long in-flight requests may take to finish before their connections are cut. */
  shutdownGraceMs: number;
}

const int = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);

export const securityEnvSchema = z.object({
  MAX_QUERY_DEPTH: int(1, 12),
  MAX_QUERY_ALIASES: int(0, 30),
  MAX_QUERY_DIRECTIVES: int(0, 50),
  MAX_QUERY_TOKENS: int(100, 5000),
  MAX_QUERY_COST: int(100, 50_000),
  ASSUMED_LIST_SIZE: int(1, 10),
  RATE_LIMIT_POINTS: int(1, 600),
  RATE_LIMIT_ANONYMOUS_POINTS: int(1, 60),
  RATE_LIMIT_WINDOW_SECONDS: int(1, 60),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: int(1, 10),
  LOGIN_MAX_FAILURES_PER_ADDRESS: int(1, 100),
  LOGIN_WINDOW_SECONDS: int(1, 900),
  WS_MAX_CONNECTIONS_PER_USER: int(1, 20),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: int(1, 50),
  MAX_PAYLOAD_BYTES: int(1024, 1024 * 1024),
  TRUST_PROXY: z.string().optional(),
  SHUTDOWN_DELAY_MS: int(0, 0),
  SHUTDOWN_GRACE_MS: int(0, 10_000),
});

/** "true"/"false" as booleans, a number of hops, or Express's names and address lists as they are. */
function trustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === "" || value === "false") return false;
  if (value === "true") return true;
  return value;
}

export function securityConfigFrom(e: z.infer<typeof securityEnvSchema>): SecurityConfig {
  return {
    maxDepth: e.MAX_QUERY_DEPTH,
    maxAliases: e.MAX_QUERY_ALIASES,
    maxDirectives: e.MAX_QUERY_DIRECTIVES,
    maxTokens: e.MAX_QUERY_TOKENS,
    maxCost: e.MAX_QUERY_COST,
    assumedListSize: e.ASSUMED_LIST_SIZE,
    rateLimitPoints: e.RATE_LIMIT_POINTS,
    anonymousRateLimitPoints: e.RATE_LIMIT_ANONYMOUS_POINTS,
    rateLimitWindowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
    loginMaxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    loginMaxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
    loginWindowSeconds: e.LOGIN_WINDOW_SECONDS,
    maxConnectionsPerUser: e.WS_MAX_CONNECTIONS_PER_USER,
    maxSubscriptionsPerConnection: e.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    maxPayloadBytes: e.MAX_PAYLOAD_BYTES,
    trustProxy: trustProxy(e.TRUST_PROXY),
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
  };
}

/** The documented defaults (the environment left empty). */
export const DEFAULT_SECURITY: SecurityConfig = securityConfigFrom(securityEnvSchema.parse({}));

/**
 * For load generators (benchmarks, the test suite) that act as many users through one token or one address:
 * per-caller rate and sign-in limits lifted (and, with `sockets`, the connection cap), the query limits kept.
 */
export function withoutPerCallerLimits(
  options: { sockets?: boolean } = {},
  base: SecurityConfig = DEFAULT_SECURITY,
): SecurityConfig {
  const plenty = 1_000_000;
  return {
    ...base,
    rateLimitPoints: plenty,
    anonymousRateLimitPoints: plenty,
    loginMaxFailuresPerAccount: plenty,
    loginMaxFailuresPerAddress: plenty,
    ...(options.sockets ? { maxConnectionsPerUser: plenty, maxSubscriptionsPerConnection: plenty } : {}),
  };
}
