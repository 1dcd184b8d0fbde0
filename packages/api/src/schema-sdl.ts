import { lexicographicSortSchema, printSchema } from "graphql";
import { buildAppSchema } from "./schema";

const HEADER = `# The GraphQL contract of the property service platform.
# Generated from the API (packages/api, \`pnpm schema:emit\`); do not edit by hand.
# A test fails when this file differs from what the API serves.

`;

/** The schema as committed in packages/schema/schema.graphql. */
export async function printSortedSchema(): Promise<string> {
  return HEADER + printSchema(lexicographicSortSchema(await buildAppSchema())) + "\n";
}
