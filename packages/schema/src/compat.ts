import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema } from "graphql";
import { CriticalityLevel, diff, type Change } from "@graphql-inspector/core";

export const SCHEMA_FILE = "packages/schema/schema.graphql";

export interface Acknowledgement {
  type: string;
  path?: string;
  reason: string;
}

export interface BreakingChange {
  type: string;
  path?: string;
  message: string;
}

/** Breaking changes (removed or narrowed fields, arguments, enum values…) from `oldSdl` to `newSdl`, minus those acknowledged. */
export async function breakingChanges(
  oldSdl: string,
  newSdl: string,
  acknowledged: Acknowledgement[] = [],
): Promise<BreakingChange[]> {
  const changes: Change[] = await diff(buildSchema(oldSdl), buildSchema(newSdl));
  return changes
    .filter((c) => c.criticality.level === CriticalityLevel.Breaking)
    .filter((c) => !acknowledged.some((a) => a.type === c.type && (a.path ?? null) === (c.path ?? null)))
    .map((c) => ({ type: c.type, path: c.path, message: c.message }));
}

function git(repoRoot: string, args: string[]): string {
  return execFileSync("git", args, { cwd: repoRoot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

/**
 * The last committed version of the schema that differs from `current`: the contract as it stood before the
 * change under test. Null when the history holds no earlier version (first commit, shallow clone).
 */
export function previousCommittedSchema(repoRoot: string, current: string): { commit: string; sdl: string } | null {
  let commits: string[];
  try {
    commits = git(repoRoot, ["log", "--format=%H", "--", SCHEMA_FILE]).split("\n").filter(Boolean);
  } catch {
    return null;
  }
  for (const commit of commits) {
    const sdl = git(repoRoot, ["show", `${commit}:${SCHEMA_FILE}`]);
    if (sdl !== current) return { commit, sdl };
  }
  return null;
}

export function readAcknowledgements(repoRoot: string): Acknowledgement[] {
  const file = path.join(repoRoot, "packages/schema/breaking-changes.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { acknowledged: Acknowledgement[] }).acknowledged;
}
