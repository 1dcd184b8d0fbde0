import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { inject } from "vitest";
import { startApi, type RunningApi } from "../../src/app";
import { ensureDatabase, migrate } from "../../src/database/bootstrap";
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
    /**
     * A database of its own, new and migrated, as `pnpm start` finds it on a new machine (dropped at stop).
     * For bulk loads such as the demo data: in the shared test database the planner's statistics describe
     * hundreds of small test tenants, and plans made for them are wrong for one big new tenant.
     */
    ownDatabase?: boolean;
  } = {},
): Promise<TestApi> {
  const config = testConfig(options.config);
  const own = options.ownDatabase ? await createOwnDatabase() : null;
  const api = await startApi({
    config,
    databaseUrl: own?.appUrl ?? options.databaseUrl ?? inject("appDatabaseUrl"),
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
  const stop = async () => {
    await api.stop();
    await own?.drop();
  };
  return { api, url: api.url, wsUrl: api.wsUrl, gql, stop };
}

/** A new database on the test server, migrated; the app role keeps its password (it is one role per server). */
async function createOwnDatabase(): Promise<{ appUrl: string; drop: () => Promise<void> }> {
  const name = `${new URL(inject("adminDatabaseUrl")).pathname.slice(1)}_own_${randomBytes(4).toString("hex")}`;
  const withName = (url: string, database: string) => Object.assign(new URL(url), { pathname: `/${database}` }).toString();
  const adminUrl = withName(inject("adminDatabaseUrl"), name);
  await ensureDatabase(adminUrl);
  await migrate(adminUrl);
  return {
    appUrl: withName(inject("appDatabaseUrl"), name),
    drop: async () => {
      const client = new Client({ connectionString: withName(adminUrl, "postgres") });
      await client.connect();
      try {
        await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
      } finally {
        await client.end();
      }
    },
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
