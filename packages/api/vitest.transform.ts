import { createRequire } from "node:module";
import swc from "unplugin-swc";
import type { UserConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/**
 * How vitest must load the API's sources, for the API's own tests and for any package whose tests start a
 * real API (the web console's end-to-end tests).
 */
export const apiSourceTransform = {
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
} satisfies Pick<UserConfig, "plugins" | "resolve">;
