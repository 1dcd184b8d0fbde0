import { MikroORM, type Options } from "@mikro-orm/postgresql";
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
    debug: options.logQueries ? ["query", "query-params"] : false,
    loggerFactory: (loggerOptions) => new CountingLogger(loggerOptions),
    allowGlobalContext: false,
    // References between tenant tables carry tenant_id (composite foreign keys), so a reference can never point
    // into another tenant; joining every referenced table to re-apply the tenant filter would only cost time.
    autoJoinRefsForFilters: false,
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
