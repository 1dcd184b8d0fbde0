import { defineConfig } from "vitest/config";

/** One run over every package (each package's own vitest.config.ts), with one JSON report for CI's totals. */
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts"],
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
  },
});
