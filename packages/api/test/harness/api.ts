import { inject } from "vitest";
import { startApi, type RunningApi } from "../../src/app";
import type { AppConfig } from "../../src/config";
import { createLogger, type Logger } from "../../src/common/logger";
import { withoutPerCallerLimits, type SecurityConfig } from "../../src/security/security.config";

export const TEST_PLATFORM_SECRET = "test-platform-operator-secret";

export interface GqlResult<T = Record<string, any>> {
  status: number;
  data: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
}

export interface GqlOptions {
  token?: string;
  platformSecret?: string;
}

export interface TestApi {
  api: RunningApi;
  url: string;
  wsUrl: string;
  gql: <T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: GqlOptions,
  ) => Promise<GqlResult<T>>;
  /** The raw response of a GraphQL POST, for tests of status codes and headers. */
  post: (body: unknown, options?: GqlOptions & { headers?: Record<string, string> }) => Promise<Response>;
  stop: () => Promise<void>;
}

/**
 * Tests act as many users from one address in quick succession, so per-caller rate and sign-in limits are
 * lifted unless a test sets them (the security tests do); the query limits and socket caps are the defaults.
 */
export function testConfig(
  overrides: Partial<Omit<AppConfig, "security">> & { security?: Partial<SecurityConfig> } = {},
): AppConfig {
  const { security, ...rest } = overrides;
  return {
    port: 0,
    host: "127.0.0.1",
    dataDir: "/nonexistent",
    jwtSecret: "test-jwt-secret-that-is-long-enough-123",
    jwtTtlSeconds: 3600,
    platformOperatorSecret: TEST_PLATFORM_SECRET,
    demoData: false,
    logLevel: (process.env.TEST_LOG_LEVEL as AppConfig["logLevel"]) ?? "silent",
    corsOrigins: true,
    ...rest,
    security: { ...withoutPerCallerLimits(), ...security },
  };
}

/** A real API instance (HTTP + WebSocket on a free port) on the test database, connected as the app role. */
export async function startTestApi(
  options: {
    ormTenantFilter?: boolean;
    now?: () => Date;
    config?: Parameters<typeof testConfig>[0];
    poolMax?: number;
    sweeper?: boolean;
    sweepIntervalMs?: number;
    logger?: Logger;
    databaseUrl?: string;
  } = {},
): Promise<TestApi> {
  const config = testConfig(options.config);
  const api = await startApi({
    config,
    databaseUrl: options.databaseUrl ?? inject("appDatabaseUrl"),
    logger: options.logger ?? createLogger(config.logLevel),
    ormTenantFilter: options.ormTenantFilter,
    now: options.now,
    exposeSqlCount: true,
    poolMax: options.poolMax ?? 5,
    sweeper: options.sweeper,
    sweepIntervalMs: options.sweepIntervalMs,
  });
  const { gql, post } = gqlClient(api.url);
  return { api, url: api.url, wsUrl: api.wsUrl, gql, post, stop: () => api.stop() };
}

/** GraphQL over HTTP POST to `url` (a test instance or a separately started process). */
export function gqlClient(url: string): Pick<TestApi, "gql" | "post"> {
  const post: TestApi["post"] = (body, opts = {}) => {
    const headers: Record<string, string> = { "content-type": "application/json", ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.platformSecret) headers["x-platform-operator-secret"] = opts.platformSecret;
    return fetch(url, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  };
  const gql: TestApi["gql"] = async (query, variables, opts = {}) => {
    const response = await post({ query, variables }, opts);
    const body = (await response.json()) as Omit<GqlResult, "status">;
    return { status: response.status, ...body, data: (body.data ?? null) as never };
  };
  return { gql, post };
}

/** The data of a successful result; fails the test with the errors otherwise. */
export function ok<T>(result: GqlResult<T>): T {
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  }
  return result.data;
}

/** The single error code of a failed result. */
export function errorCode(result: GqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
