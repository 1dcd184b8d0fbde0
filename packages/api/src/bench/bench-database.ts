import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { prepareDatabase } from "../database/bootstrap";
import { startEmbeddedPostgres, type EmbeddedServer } from "../database/embedded-postgres";

export interface BenchDatabase {
  adminUrl: string;
  appUrl: string;
  /** "PostgreSQL 18.4 (embedded)" or the server's version. */
  description: string;
  stop: () => Promise<void>;
}

/**
 * A fresh database for a benchmark: on the server in DATABASE_URL when set, otherwise on a throwaway embedded
 * PostgreSQL. Migrated; dropped (or the server removed) by `stop`.
 */
export async function startBenchDatabase(name: string): Promise<BenchDatabase> {
  let embedded: EmbeddedServer | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: mkdtempSync(path.join(tmpdir(), `psp-bench-${name}-`)),
      password: randomBytes(12).toString("base64url"),
      persistent: false,
      log: process.env.BENCH_PG_LOG ? (line) => process.stderr.write(`[pg] ${line}`) : undefined,
    });
    serverUrl = embedded.adminUrl();
  }
  const database = `psp_bench_${name}_${Date.now()}`;
  const adminUrl = new URL(serverUrl);
  adminUrl.pathname = `/${database}`;
  const { appUrl } = await prepareDatabase({
    adminUrl: adminUrl.toString(),
    appRolePassword: randomBytes(12).toString("base64url"),
  });
  const probe = new Client({ connectionString: adminUrl.toString() });
  await probe.connect();
  const version = (await probe.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
  await probe.end();
  return {
    adminUrl: adminUrl.toString(),
    appUrl,
    description: `PostgreSQL ${version}${embedded ? " (embedded)" : ""}`,
    stop: async () => {
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

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
