import { inject } from "vitest";
import { startApi, type RunningApi } from "../../src/app";
import type { AppConfig } from "../../src/config";
import { createLogger } from "../../src/common/logger";

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
  stop: () => Promise<void>;
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
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
    ...overrides,
  };
}

/** A real API instance (HTTP + WebSocket on a free port) on the test database, connected as the app role. */
export async function startTestApi(
  options: {
    ormTenantFilter?: boolean;
    now?: () => Date;
    config?: Partial<AppConfig>;
    poolMax?: number;
    sweeper?: boolean;
    sweepIntervalMs?: number;
    resyncIntervalMs?: number;
    /** Another database than the run's shared one (the fault test's own server). */
    databaseUrl?: string;
  } = {},
): Promise<TestApi> {
  const config = testConfig(options.config);
  const api = await startApi({
    config,
    databaseUrl: options.databaseUrl ?? inject("appDatabaseUrl"),
    logger: createLogger(config.logLevel),
    ormTenantFilter: options.ormTenantFilter,
    now: options.now,
    exposeSqlCount: true,
    poolMax: options.poolMax ?? 5,
    sweeper: options.sweeper,
    sweepIntervalMs: options.sweepIntervalMs,
    resyncIntervalMs: options.resyncIntervalMs,
  });
  const gql: TestApi["gql"] = async (query, variables, opts = {}) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.platformSecret) headers["x-platform-operator-secret"] = opts.platformSecret;
    const response = await fetch(api.url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as Omit<GqlResult, "status">;
    return { status: response.status, ...body, data: (body.data ?? null) as never };
  };
  return { api, url: api.url, wsUrl: api.wsUrl, gql, stop: () => api.stop() };
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
