import { Client } from "pg";
import { MikroORM } from "@mikro-orm/postgresql";
import { ormOptions } from "./orm";
import { APP_ROLE } from "../migrations/rls";
import type { Logger } from "../common/logger";

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || "postgres";
}

/** Creates the database named in `url` when it does not exist yet (connecting to `postgres` to do so). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const client = new Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } catch (error) {
    // Another process may have created it between our check and create.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

/** Any fixed number: instances starting together take turns migrating. */
const MIGRATION_LOCK = 7_240_611;

/** Applies every pending migration as the owner role, one instance at a time. */
export async function migrate(adminUrl: string, logger?: Logger): Promise<string[]> {
  const lock = new Client({ connectionString: adminUrl });
  await lock.connect();
  try {
    await lock.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    const orm = await MikroORM.init({ ...ormOptions({ clientUrl: adminUrl, poolMax: 2 }), debug: false });
    try {
      const applied = await orm.getMigrator().up();
      if (applied.length) logger?.info("migrations applied", { migrations: applied.map((m) => m.name) });
      return applied.map((m) => m.name);
    } finally {
      await orm.close(true);
    }
  } finally {
    await lock.end();
  }
}

/**
 * VACUUM (ANALYZE) of the whole database, as its owner: rows rolled back are removed and emptied tables shrink, so
 * the planner's statistics describe what is there (see `SeedOptions.beforeLoading`). Outside any transaction.
 */
export async function refreshPlannerStatistics(adminUrl: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query("vacuum (analyze)");
  } finally {
    await client.end();
  }
}

/**
 * Lets the app role log in with `password` and returns its connection URL (same server and database as the
 * owner's URL). The role itself, its grants and policies come from the migrations.
 */
export async function enableAppRoleLogin(adminUrl: string, password: string): Promise<string> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`alter role ${APP_ROLE} with login nosuperuser nobypassrls password ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
  const u = new URL(adminUrl);
  u.username = APP_ROLE;
  u.password = password;
  return u.toString();
}

/** Creates the database if needed, migrates it and returns the URL the API must use at run time. */
export async function prepareDatabase(options: {
  adminUrl: string;
  appUrl?: string;
  appRolePassword: string;
  logger?: Logger;
}): Promise<{ appUrl: string; applied: string[] }> {
  await ensureDatabase(options.adminUrl);
  const applied = await migrate(options.adminUrl, options.logger);
  const appUrl = options.appUrl ?? (await enableAppRoleLogin(options.adminUrl, options.appRolePassword));
  return { appUrl, applied };
}
