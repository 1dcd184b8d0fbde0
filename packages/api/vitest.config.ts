import { createRequire } from "node:module";
import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  plugins: [
    // esbuild (vitest's default transform) emits no decorator metadata, which type-graphql and MikroORM need.
    swc.vite({
      jsc: {
        parser: { syntax: "typescript", decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: "es2022",
      },
    }),
  ],
  resolve: {
    // One graphql instance: dependencies load its CommonJS build, so our sources must too (vite would
    // otherwise pick index.mjs and graphql refuses types "from another module or realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    name: "api",
    include: ["src/**/*.spec.ts", "test/**/*.spec.ts"],
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
