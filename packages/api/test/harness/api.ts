import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { inject } from "vitest";
import { startApi, type RunningApi } from "../../src/app";
import { ensureDatabase, migrate } from "../../src/database/bootstrap";
import { createLogger, type Logger } from "../../src/common/logger";

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
  /** The raw response of a GraphQL POST, for tests of status codes and headers. */
  post: (body: unknown, options?: GqlOptions & { headers?: Record<string, string> }) => Promise<Response>;
  /** The instance's database as the app role and as its owner (with `ownDatabase`, that one; the owner's is unknown with `databaseUrl`). */
  database: { adminUrl: string | null; appUrl: string };
  stop: () => Promise<void>;
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
    resyncIntervalMs?: number;
    /** Another database than the run's shared one (the fault test's own server). */
    databaseUrl?: string;
    /**
     * A database of its own, new and migrated, as `pnpm start` finds it on a new machine (dropped at stop).
     * For bulk loads such as the demo data: in the shared test database the planner's statistics describe
     * hundreds of small test tenants, and plans made for them are wrong for one big new tenant.
     */
    ownDatabase?: boolean;
    logger?: Logger;
  } = {},
): Promise<TestApi> {
  const config = testConfig(options.config);
  const own = options.ownDatabase ? await createOwnDatabase() : null;
  const api = await startApi({
    config,
    databaseUrl: own?.appUrl ?? options.databaseUrl ?? inject("appDatabaseUrl"),
    logger: options.logger ?? createLogger(config.logLevel),
    ormTenantFilter: options.ormTenantFilter,
    now: options.now,
    exposeSqlCount: true,
    poolMax: options.poolMax ?? 5,
    sweeper: options.sweeper,
    sweepIntervalMs: options.sweepIntervalMs,
    resyncIntervalMs: options.resyncIntervalMs,
  });
  const stop = async () => {
    await api.stop();
    await own?.drop();
  };
  const { gql, post } = gqlClient(api.url);
  const database = own
    ? { adminUrl: own.adminUrl, appUrl: own.appUrl }
    : options.databaseUrl
      ? { adminUrl: null, appUrl: options.databaseUrl }
      : { adminUrl: inject("adminDatabaseUrl"), appUrl: inject("appDatabaseUrl") };
  return { api, url: api.url, wsUrl: api.wsUrl, gql, post, database, stop };
}

/** A new database on the test server, migrated; the app role keeps its password (it is one role per server). */
export async function createOwnDatabase(): Promise<{ adminUrl: string; appUrl: string; drop: () => Promise<void> }> {
  const name = `${new URL(inject("adminDatabaseUrl")).pathname.slice(1)}_own_${randomBytes(4).toString("hex")}`;
  const withName = (url: string, database: string) => Object.assign(new URL(url), { pathname: `/${database}` }).toString();
  const adminUrl = withName(inject("adminDatabaseUrl"), name);
  await ensureDatabase(adminUrl);
  await migrate(adminUrl);
  return {
    adminUrl,
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
