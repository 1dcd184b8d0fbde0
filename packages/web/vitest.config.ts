import { defineConfig } from "vitest/config";
import { apiSourceTransform } from "../api/vitest.transform";

/**
 * Unit tests beside the code, and end-to-end tests that drive the built console in headless Chromium
 * against a real API on a real database (the API's sources are loaded the way the API's own tests load them).
 * The global setup (database, demo data, API) runs before any project's tests start, like every global setup.
 */
export default defineConfig({
  ...apiSourceTransform,
  test: {
    name: "web",
    include: ["src/**/*.spec.ts", "test/**/*.spec.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    pool: "forks",
    // After the other projects: the browser tests then neither slow down nor are slowed by the API's
    // heavier tests on a small machine (deadline and reconnect timings stay far from their limits).
    sequence: { groupOrder: 1 },
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
