import { existsSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startApi } from "../../../api/src/app";
import { createLogger } from "../../../api/src/common/logger";
import { seedDemoData } from "../../../api/src/seeders/demo-data";
import { testConfig } from "../../../api/test/harness/test-config";
import { createTestDatabase } from "../../../api/test/harness/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** Origin of the API serving the built console, e.g. http://127.0.0.1:43123 */
    consoleOrigin: string;
  }
}

const DIST = path.resolve(import.meta.dirname, "../../dist/index.html");

/**
 * One API for the end-to-end tests, as `pnpm start` runs it: a fresh database with the demo data (the
 * demo offices are what the dashboard shows), serving the built console. Seeded once per run.
 * With WEB_E2E_ORIGIN set, the tests use that running product instead (they add requests to its data).
 */
export default async function setup(project: TestProject) {
  // Against a product already running with the demo data (`pnpm start`), e.g. while working on the console.
  const running = process.env.WEB_E2E_ORIGIN;
  if (running) {
    project.provide("consoleOrigin", running.replace(/\/$/, ""));
    return;
  }
  if (!existsSync(DIST)) throw new Error("The console is not built: run `pnpm build` (or `pnpm test`, which builds first).");
  const db = await createTestDatabase("psp_web_e2e");
  const config = testConfig({ port: 0 });
  const api = await startApi({ config, databaseUrl: db.appUrl, logger: createLogger(config.logLevel), serveWebConsole: true });
  try {
    if (!api.consoleServed) throw new Error("The API did not serve the console from packages/web/dist.");
    await seedDemoData(api.services);
  } catch (error) {
    await api.stop();
    await db.drop();
    throw error;
  }
  project.provide("consoleOrigin", api.url.replace(/\/graphql$/, ""));
  return async () => {
    await api.stop();
    await db.drop();
  };
}
