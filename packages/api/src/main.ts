import "reflect-metadata";
import path from "node:path";
import { startApi } from "./app";
import { createLogger, type Logger } from "./common/logger";
import { loadConfig, loadStoredSecrets, type AppConfig } from "./config";
import { prepareDatabase, refreshPlannerStatistics } from "./database/bootstrap";
import { startEmbeddedPostgres, type EmbeddedServer } from "./database/embedded-postgres";
import { DEFAULT_DATABASE_LIMITS, initOrm } from "./database/orm";
import { PLATFORM_SECRET_HEADER } from "./server/http-context";
import { DEMO_PASSWORD, seedDemoData, type SeededAccount } from "./seeders/demo-data";

/** Set once a signal has started the shutdown: a start-up step failing because of it is no start-up failure. */
let stopping = false;

/**
 * Runs the product: an embedded PostgreSQL unless DATABASE_URL is set, migrations, the demo data (completing
 * whatever an interrupted earlier start left undone), and only then the API, WebSocket endpoint and web console
 * on one port — so the port answers, and `/health/ready` says ok, only once the demo data is all there.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const secrets = loadStoredSecrets(config.dataDir);

  let embedded: EmbeddedServer | undefined;
  let api: Awaited<ReturnType<typeof startApi>> | undefined;
  const shutdown = async (signal: "SIGINT" | "SIGTERM") => {
    if (stopping) return;
    stopping = true;
    if (!api) {
      // Stopped while starting (migrations, demo data): each of those steps commits as a whole or not at all, and
      // the next start does what is missing.
      logger.info("stopped while starting; the next start completes the set-up", { signal });
      await embedded?.stop().catch((error) => logger.error("database stop failed", { error }));
      process.exit(signal === "SIGINT" ? 130 : 143);
    }
    logger.info("shutting down", { signal });
    // Should anything hang, the process still ends (non-zero, so a supervisor notices).
    const { shutdownDelayMs, shutdownGraceMs } = config.security;
    setTimeout(() => process.exit(1), shutdownDelayMs + shutdownGraceMs + 15_000).unref();
    await api.stop().catch((error) => logger.error("API stop failed", { error }));
    await embedded?.stop().catch((error) => logger.error("database stop failed", { error }));
    logger.info("stopped", { signal });
    process.exit(0);
  };
  let adminUrl = config.adminDatabaseUrl;
  if (!adminUrl) {
    logger.info("starting embedded PostgreSQL", { dataDir: path.join(config.dataDir, "postgres") });
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(config.dataDir, "postgres"),
      password: secrets.embeddedSuperuserPassword,
      log: (line) => logger.debug(line.trim()),
    });
    adminUrl = embedded.adminUrl("psp");
  }
  // embedded-postgres stops its server on SIGINT/SIGTERM by itself (async-exit-hook) and then exits, which would
  // take the database away from requests still draining (or from the demo data load, mid-statement): from here on
  // this process stops it last, itself.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }

  let accounts: SeededAccount[] = [];
  try {
    const { appUrl } = await prepareDatabase({
      adminUrl,
      appUrl: config.appDatabaseUrl,
      appRolePassword: secrets.appRolePassword,
      logger,
    });
    if (config.demoData) accounts = await loadDemoData(config, { adminUrl, appUrl }, logger);
    api = await startApi({ config, databaseUrl: appUrl, logger, serveWebConsole: true });
  } catch (error) {
    if (stopping) return new Promise<never>(() => undefined); // the signal handler ends the process
    // Leave no database server behind when start-up fails.
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
  if (stopping) return;
  printWelcome(api.url, api.consoleServed, config.platformOperatorSecret, accounts);
}

/**
 * The demo data, loaded (or completed) before the API starts: it needs only the database, so nothing can read a
 * group that is still being loaded.
 */
async function loadDemoData(
  config: AppConfig,
  urls: { adminUrl: string; appUrl: string },
  logger: Logger,
): Promise<SeededAccount[]> {
  const orm = await initOrm({
    clientUrl: urls.appUrl,
    poolMax: 3, // one holds the load's turn (see seedDemoData)
    limits: { ...DEFAULT_DATABASE_LIMITS, ...config.databaseLimits },
    driverLog: (message) => logger.debug("database driver", { message }),
  });
  try {
    const started = Date.now();
    logger.info("checking the demo data (the first start loads it: about a minute)");
    const demo = await seedDemoData(
      { orm, logger, now: () => new Date() },
      // A load stopped part way left rolled-back rows; statistics taken of them made the next load crawl.
      { beforeLoading: () => refreshPlannerStatistics(urls.adminUrl) },
    );
    if (demo.created) logger.info("demo data complete", { ms: Date.now() - started });
    return demo.accounts;
  } finally {
    await orm.close(true);
  }
}

function printWelcome(
  graphqlUrl: string,
  consoleServed: boolean,
  platformSecret: string,
  accounts: { tenant: string; email: string; role: string; office: string }[],
): void {
  const origin = graphqlUrl.replace(/\/graphql$/, "/");
  const lines = [
    "",
    "  Property service platform is running",
    "",
    `  Web console:   ${consoleServed ? origin : "(not built: run `pnpm build`)"}`,
    `  GraphQL API:   ${graphqlUrl}  (POST; WebSocket subscriptions on the same URL)`,
    `  Health:        ${origin}health/ready`,
    `  Platform operator secret (${PLATFORM_SECRET_HEADER} header, for createTenant): ${platformSecret}`,
  ];
  if (accounts.length) {
    lines.push("", `  Demo sign-ins (password for all: ${DEMO_PASSWORD})`);
    for (const a of accounts) lines.push(`    ${a.tenant.padEnd(8)} ${a.email.padEnd(28)} ${a.role.padEnd(20)} ${a.office}`);
  }
  lines.push("", "  Press Ctrl+C to stop.", "");
  process.stdout.write(lines.join("\n") + "\n");
}

main().catch((error) => {
  const detail =
    error instanceof Error ? (process.env.LOG_LEVEL === "debug" ? (error.stack ?? error.message) : error.message) : String(error);
  process.stderr.write(`Start-up failed: ${detail}\n`);
  process.exit(1);
});
