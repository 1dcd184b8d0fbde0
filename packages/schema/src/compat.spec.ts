import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { breakingChanges, previousCommittedSchema, readAcknowledgements, SCHEMA_FILE } from "./compat";

const REPO_ROOT = path.resolve(__dirname, "../../..");

const BEFORE = `
type Query { office(id: ID!): Office, offices(first: Int): [Office!]! }
type Office { id: ID!, name: String!, kind: Kind! }
enum Kind { HEAD_OFFICE OFFICE }`;

describe("breaking-change detection", () => {
  it("adding fields, arguments with defaults and types is not breaking", async () => {
    const after = BEFORE.replace("kind: Kind!", "kind: Kind!, code: String").replace(
      "offices(first: Int)",
      "offices(first: Int, after: String)",
    );
    expect(await breakingChanges(BEFORE, after)).toEqual([]);
  });

  it.each([
    ["a removed field", BEFORE.replace(", name: String!", "")],
    ["a removed enum value", BEFORE.replace("HEAD_OFFICE OFFICE", "OFFICE")],
    ["a removed argument", BEFORE.replace("offices(first: Int)", "offices")],
    ["a non-null field made nullable", BEFORE.replace("name: String!", "name: String")],
    ["a new required argument", BEFORE.replace("offices(first: Int)", "offices(first: Int, kind: Kind!)")],
    ["an optional argument made required", BEFORE.replace("offices(first: Int)", "offices(first: Int!)")],
  ])("failing: %s is reported", async (_label, after) => {
    expect((await breakingChanges(BEFORE, after)).length).toBeGreaterThan(0);
  });

  it("an acknowledged breaking change is let through, and only that one", async () => {
    const after = BEFORE.replace(", name: String!", "").replace("HEAD_OFFICE OFFICE", "OFFICE");
    const found = await breakingChanges(BEFORE, after);
    expect(found).toHaveLength(2);
    const ack = [{ type: found[0]!.type, path: found[0]!.path, reason: "test" }];
    expect(await breakingChanges(BEFORE, after, ack)).toEqual([found[1]]);
  });
});

describe("the committed schema against the last committed contract", () => {
  it("has no unacknowledged breaking change (list deliberate ones in packages/schema/breaking-changes.json)", async () => {
    const current = readFileSync(path.join(REPO_ROOT, SCHEMA_FILE), "utf8");
    const previous = previousCommittedSchema(REPO_ROOT, current);
    if (!previous) {
      console.warn(`No earlier committed ${SCHEMA_FILE} in this history: nothing to compare against.`);
      return;
    }
    const breaking = await breakingChanges(previous.sdl, current, readAcknowledgements(REPO_ROOT));
    expect(breaking, `breaking changes since ${previous.commit.slice(0, 8)}`).toEqual([]);
  });
});
