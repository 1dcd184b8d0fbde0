import { inject } from "vitest";
import { startApi, type RunningApi } from "../../src/app";
import type { AppConfig } from "../../src/config";
import { createLogger } from "../../src/common/logger";

import { testConfig } from "./test-config";

export { TEST_PLATFORM_SECRET, testConfig } from "./test-config";

declare module "vitest" {
  export interface ProvidedContext {
    /** Set by test/global-setup.ts: the run's database, as its owner and as the app role. */
    adminDatabaseUrl: string;
    appDatabaseUrl: string;
  }
}

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

/** A real API instance (HTTP + WebSocket on a free port) on the test database, connected as the app role. */
export async function startTestApi(
  options: {
    ormTenantFilter?: boolean;
    now?: () => Date;
    config?: Partial<AppConfig>;
    poolMax?: number;
    sweeper?: boolean;
    sweepIntervalMs?: number;
  } = {},
): Promise<TestApi> {
  const config = testConfig(options.config);
  const api = await startApi({
    config,
    databaseUrl: inject("appDatabaseUrl"),
    logger: createLogger(config.logLevel),
    ormTenantFilter: options.ormTenantFilter,
    now: options.now,
    exposeSqlCount: true,
    poolMax: options.poolMax ?? 5,
    sweeper: options.sweeper,
    sweepIntervalMs: options.sweepIntervalMs,
  });
  return { api, url: api.url, wsUrl: api.wsUrl, gql: graphqlClient(api.url), stop: () => api.stop() };
}

/** GraphQL over HTTP POST to a running API, as a client would send it. */
export function graphqlClient(url: string): TestApi["gql"] {
  return async (query, variables, opts = {}) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.platformSecret) headers["x-platform-operator-secret"] = opts.platformSecret;
    const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as Omit<GqlResult, "status">;
    return { status: response.status, ...body, data: (body.data ?? null) as never };
  };
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
