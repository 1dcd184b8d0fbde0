import { LoadStrategy, MikroORM, type Options } from "@mikro-orm/postgresql";
import type { ClientBase } from "pg";
import { Migrator } from "@mikro-orm/migrations";
import { ALL_ENTITIES, TENANT_OWNED_ENTITIES } from "./entities";
import { CountingLogger } from "./sql-counter";
import { carryTenant } from "./tenant-connection";
import { TENANT_FILTER } from "../common/entities/tenant-owned.entity";
import { migrationsList } from "../migrations";

export interface OrmOptions {
  clientUrl: string;
  /** ORM-level tenant scoping; switched off only by tests proving row-level security holds alone. */
  ormTenantFilter?: boolean;
  poolMax?: number;
  logQueries?: boolean;
  /** Bounds on waiting for the database (the API's own connections; migrations run unbounded). */
  limits?: DatabaseLimits;
  /** Where the driver's own warnings go (e.g. a pooled connection found dead after an outage); default: console. */
  driverLog?: (message: string) => void;
}

export interface DatabaseLimits {
  /** Longest wait for a free pooled connection before the request fails with SERVICE_UNAVAILABLE. */
  acquireTimeoutMs: number;
  /** Longest wait for a new connection to be established. */
  connectTimeoutMs: number;
  /** Longest any one statement may run (server-side `statement_timeout`); also bounds lock waits. */
  statementTimeoutMs: number;
  /** A transaction left idle this long (a stuck request) is ended by the server, releasing its locks. */
  idleInTransactionTimeoutMs: number;
}

export const DEFAULT_DATABASE_LIMITS: DatabaseLimits = {
  acquireTimeoutMs: 5_000,
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 20_000,
  idleInTransactionTimeoutMs: 60_000,
};

/** knex options bounding every wait; passed as `driverOptions` (merged into knex's config and pg's connection). */
function boundedWaits(limits: DatabaseLimits | undefined, log: OrmOptions["driverLog"]): Options["driverOptions"] {
  const logging = log ? { log: { warn: log, error: log, deprecate: log, debug: () => undefined } } : {};
  if (!limits) return logging;
  return {
    ...logging,
    acquireConnectionTimeout: limits.acquireTimeoutMs,
    connection: {
      connectionTimeoutMillis: limits.connectTimeoutMs,
      statement_timeout: limits.statementTimeoutMs,
      idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
      keepAlive: true,
    },
  };
}

export function ormOptions(options: OrmOptions): Options {
  return {
    clientUrl: options.clientUrl,
    entities: ALL_ENTITIES,
    discovery: { disableDynamicFileAccess: true },
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false },
    pool: {
      min: 0,
      max: options.poolMax ?? 10,
      afterCreate: (connection: ClientBase, done: (error: Error | null, connection: ClientBase) => void) => {
        carryTenant(connection);
        done(null, connection);
      },
    },
    driverOptions: boundedWaits(options.limits, options.driverLog),
    debug: options.logQueries ? ["query", "query-params"] : false,
    loggerFactory: (loggerOptions) => new CountingLogger(loggerOptions),
    allowGlobalContext: false,
    // References between tenant tables carry tenant_id (composite foreign keys), so a reference can never point
    // into another tenant; joining every referenced table to re-apply the tenant filter would only cost time.
    autoJoinRefsForFilters: false,
    // Relations load by primary key (`where (tenant_id, id) in …`), never by one joined query: a tenant that has
    // just bulk-loaded rows still looks tiny to the planner (its tenant_id is not yet in the statistics), and a
    // join planned for one row as nested loops over every row of the tenant ran for minutes on the demo data.
    loadStrategy: LoadStrategy.SELECT_IN,
    forceUtcTimezone: true,
    // Fails closed: a query on a tenant entity without tenant parameters throws instead of reading everything.
    filters: {
      [TENANT_FILTER]: {
        cond: (args: { tenantId: string }) => ({ tenantId: args.tenantId }),
        entity: TENANT_OWNED_ENTITIES.map((e) => e.name),
        default: options.ormTenantFilter ?? true,
      },
    },
  };
}

export function initOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormOptions(options));
}
