import { readFileSync } from "node:fs";
import path from "node:path";
import {
  isEnumType,
  isInputObjectType,
  isIntrospectionType,
  isObjectType,
  isInterfaceType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
} from "graphql";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/config";
import { buildAppSchema } from "../../src/schema";
import { printSortedSchema } from "../../src/schema-sdl";

const SCHEMA_FILE = path.join(REPO_ROOT, "packages/schema/schema.graphql");

describe("the committed GraphQL contract", () => {
  it("packages/schema/schema.graphql is exactly what the API serves (run `pnpm schema:emit` after changing the API)", async () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(await printSortedSchema());
  });

  it("every type, field, argument, input field and enum value has a description for BI users", async () => {
    const schema = await buildAppSchema();
    const missing: string[] = [];
    const types = Object.values(schema.getTypeMap()).filter(
      (t: GraphQLNamedType) => !isIntrospectionType(t) && !isSpecifiedScalarType(t),
    );
    for (const type of types) {
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()))
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
