import "reflect-metadata";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../config";
import { printSortedSchema } from "../schema-sdl";

/** Writes the API's schema to packages/schema/schema.graphql (sorted, so diffs show real changes only). */
async function main(): Promise<void> {
  const file = path.join(REPO_ROOT, "packages/schema/schema.graphql");
  writeFileSync(file, await printSortedSchema());
  process.stdout.write(`schema written to ${path.relative(process.cwd(), file)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
