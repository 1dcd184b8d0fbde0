import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Typed documents for every operation in the console, checked against the committed contract
 * (packages/schema/schema.graphql, emitted by the API build, which turbo runs first).
 */
const config: CodegenConfig = {
  schema: "../schema/schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  generates: {
    "./src/gql/": {
      preset: "client",
      // Apollo Client 4 masks data itself; the preset's fragment masking must stay off.
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: true,
        scalars: { DateTimeISO: "string", LocalDate: "string", SafeInt: "number" },
      },
    },
  },
  silent: true,
};

export default config;
