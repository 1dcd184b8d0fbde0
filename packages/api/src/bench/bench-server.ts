import "reflect-metadata";
import { startApi } from "../app";
import type { AppConfig } from "../config";
import { createLogger } from "../common/logger";
import { withoutPerCallerLimits } from "../security/security.config";

/**
 * The API instance a benchmark measures, in a process of its own so the load generator and the subscribers do
 * not share its event loop. Started by a benchmark with `fork`; told its database in BENCH_APP_DATABASE_URL;
 * answers `ready` with its URLs, `memory` with its memory use, and stops on `stop`.
 */
export const BENCH_SECRET = "bench-platform-secret-0123456789";

/**
 * The API's Node flags, as `pnpm start` runs it (package.json): a larger young generation, because a GraphQL
 * request allocates a lot that dies young (a BI page of 100 tickets ≈ 25 % less CPU per request here, measured
 * A/B; see README, Performance).
 */
export const API_NODE_FLAGS = ["--max-semi-space-size=64"];

/**
 * The API's environment, as `pnpm start` sets it: graphql-js checks every `instanceof` of its execution twice
 * outside production (to name a second copy of the library), ≈ 12 % of a BI page's CPU here (A/B, README).
 */
export const API_ENV = { NODE_ENV: "production" };

export function benchConfig(port = 0): AppConfig {
  return {
    port,
    host: "127.0.0.1",
    dataDir: "/nonexistent",
    jwtSecret: "bench-jwt-secret-that-is-long-enough-123",
    jwtTtlSeconds: 3600 * 4,
    platformOperatorSecret: BENCH_SECRET,
    demoData: false,
    logLevel: "warn",
    corsOrigins: true,
    // One load generator is one caller: per-caller budgets and socket caps would measure the limiter, not the API.
    // The query limits stay as shipped.
    security: withoutPerCallerLimits({ sockets: true }),
  };
}

async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_APP_DATABASE_URL;
  if (!databaseUrl) throw new Error("BENCH_APP_DATABASE_URL is not set");
  const api = await startApi({
    config: benchConfig(Number(process.env.BENCH_PORT ?? 0)),
    databaseUrl,
    logger: createLogger("warn"),
    exposeSqlCount: true,
    poolMax: Number(process.env.BENCH_POOL_MAX ?? 10),
  });
  process.on("message", async (message: { type: string }) => {
    if (message.type === "memory") {
      (global as { gc?: () => void }).gc?.();
      process.send!({ type: "memory", usage: process.memoryUsage(), subscribers: api.services.events.listenerCount });
    } else if (message.type === "stop") {
      await api.stop();
      process.exit(0);
    }
  });
  process.send!({ type: "ready", url: api.url, wsUrl: api.wsUrl });
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
