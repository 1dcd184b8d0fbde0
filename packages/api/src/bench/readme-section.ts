import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../config";

/**
 * Replaces the README text between `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->`, formatted as
 * `pnpm format` would (the tables padded), so a benchmark run leaves `pnpm lint` clean.
 */
export async function updateReadmeSection(name: string, markdown: string): Promise<void> {
  const file = path.join(REPO_ROOT, "README.md");
  const readme = readFileSync(file, "utf8");
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) {
    process.stdout.write(`README has no ${start} … ${end} section; not updated.\n`);
    return;
  }
  const updated = readme.slice(0, from + start.length) + "\n" + markdown.trim() + "\n" + readme.slice(to);
  writeFileSync(file, await formatted(file, updated));
}

async function formatted(file: string, text: string): Promise<string> {
  try {
    // The repository's formatter (a root dev dependency), with the repository's settings.
    const prettier = await import("prettier");
    return await prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file });
  } catch (error) {
    process.stderr.write(`README left unformatted (${error instanceof Error ? error.message : String(error)}).\n`);
    return text;
  }
}
