import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { prepareDatabase } from "../../src/database/bootstrap";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../src/database/embedded-postgres";

export interface TestDatabase {
  adminUrl: string;
  appUrl: string;
  /** Drops the database (and stops the embedded server, if one was started). */
  drop: () => Promise<void>;
}

/**
 * A fresh, migrated database of its own on a real PostgreSQL: the embedded server (a throwaway cluster), or
 * the server in DATABASE_URL (e.g. PostgreSQL 15 in CI).
 */
export async function createTestDatabase(label = "psp_test"): Promise<TestDatabase> {
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
  const database = `${label}_${Date.now()}_${process.pid}`;
  const adminUrl = new URL(serverUrl);
  adminUrl.pathname = `/${database}`;
  const { appUrl } = await prepareDatabase({
    adminUrl: adminUrl.toString(),
    // The app role is one role per server: every setup on a shared server (the API's and the console's, in one
    // run) must give it the same password, or the later one locks the earlier one's connections out.
    appRolePassword: embedded
      ? randomBytes(12).toString("base64url")
      : createHash("sha256").update(`psp-app-role:${serverUrl}`).digest("base64url"),
  });
  return {
    adminUrl: adminUrl.toString(),
    appUrl,
    drop: async () => {
      const maintenance = new URL(serverUrl!);
      maintenance.pathname = "/postgres";
      const client = new Client({ connectionString: maintenance.toString() });
      await client.connect();
      await client.query(`drop database if exists ${client.escapeIdentifier(database)} with (force)`);
      await client.end();
      await embedded?.stop();
    },
  };
}
