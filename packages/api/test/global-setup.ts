import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import type { TestProject } from "vitest/node";
import { prepareDatabase } from "../src/database/bootstrap";
import { startEmbeddedPostgres, type EmbeddedServer } from "../src/database/embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    appDatabaseUrl: string;
  }
}

/**
 * One real PostgreSQL for the whole run: the embedded server (a throwaway cluster), or the server in
 * DATABASE_URL (e.g. PostgreSQL 15 in CI). Either way the tests get a fresh database of their own, migrated,
 * and dropped at the end.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const password = randomBytes(12).toString("base64url");
    embedded = await startEmbeddedPostgres({
      dataDir: mkdtempSync(path.join(tmpdir(), "psp-test-pg-")),
      password,
      persistent: false,
    });
    serverUrl = embedded.adminUrl();
  }
  const database = `psp_test_${Date.now()}_${process.pid}`;
  const adminUrl = new URL(serverUrl);
  adminUrl.pathname = `/${database}`;
  const { appUrl } = await prepareDatabase({
    adminUrl: adminUrl.toString(),
    appRolePassword: randomBytes(12).toString("base64url"),
  });
  project.provide("adminDatabaseUrl", adminUrl.toString());
  project.provide("appDatabaseUrl", appUrl);

  return async () => {
    const maintenance = new URL(serverUrl!);
    maintenance.pathname = "/postgres";
    const client = new Client({ connectionString: maintenance.toString() });
    await client.connect();
    await client.query(`drop database if exists ${client.escapeIdentifier(database)} with (force)`);
    await client.end();
    await embedded?.stop();
  };
}
