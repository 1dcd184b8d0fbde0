import "reflect-metadata";
import path from "node:path";
import { startApi } from "./app";
import { createLogger } from "./common/logger";
import { loadConfig, loadStoredSecrets } from "./config";
import { prepareDatabase } from "./database/bootstrap";
import { startEmbeddedPostgres, type EmbeddedServer } from "./database/embedded-postgres";
import { PLATFORM_SECRET_HEADER } from "./server/http-context";
import { DEMO_PASSWORD, seedDemoData } from "./seeders/demo-data";

/**
 * Runs the product: an embedded PostgreSQL unless DATABASE_URL is set, migrations, demo data (once), then the
 * API, WebSocket endpoint and web console on one port.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const secrets = loadStoredSecrets(config.dataDir);

  let embedded: EmbeddedServer | undefined;
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

  let api: Awaited<ReturnType<typeof startApi>>;
  try {
    const { appUrl } = await prepareDatabase({
      adminUrl,
      appUrl: config.appDatabaseUrl,
      appRolePassword: secrets.appRolePassword,
      logger,
    });
    api = await startApi({ config, databaseUrl: appUrl, logger, serveWebConsole: true });
  } catch (error) {
    // Leave no database server behind when start-up fails.
    await embedded?.stop().catch(() => undefined);
    throw error;
  }

  if (config.demoData) {
    const demo = await seedDemoData(api.services);
    printWelcome(api.url, api.consoleServed, config.platformOperatorSecret, demo.accounts);
  } else {
    printWelcome(api.url, api.consoleServed, config.platformOperatorSecret, []);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    // Should anything hang, the process still ends (non-zero, so a supervisor notices).
    const { shutdownDelayMs, shutdownGraceMs } = config.security;
    setTimeout(() => process.exit(1), shutdownDelayMs + shutdownGraceMs + 15_000).unref();
    await api.stop().catch((error) => logger.error("API stop failed", { error }));
    await embedded?.stop().catch((error) => logger.error("database stop failed", { error }));
    logger.info("stopped", { signal });
    process.exit(0);
  };
  // embedded-postgres stops its server on SIGINT/SIGTERM by itself (async-exit-hook) and then exits, which would
  // take the database away from requests still draining: this process stops it last, itself.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.removeAllListeners(signal);
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
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
