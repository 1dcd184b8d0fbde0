import { defineConfig } from "vitest/config";
import { apiSourceTransform } from "./vitest.transform";

export default defineConfig({
  ...apiSourceTransform,
  test: {
    name: "api",
    include: ["src/**/*.spec.ts", "test/**/*.spec.ts"],
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
