import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../config";

/** Replaces the README text between `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->`. */
export function updateReadmeSection(name: string, markdown: string): void {
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
  writeFileSync(file, readme.slice(0, from + start.length) + "\n" + markdown.trim() + "\n" + readme.slice(to));
}
