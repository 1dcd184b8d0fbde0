import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  // One graphql instance for our code and @graphql-inspector (which loads the CommonJS build).
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] },
  test: { name: "schema", include: ["src/**/*.spec.ts"] },
});
