import { validate, type ValidationError } from "class-validator";
import { getNamedType } from "graphql";
import type { ResolverData } from "type-graphql";
import { badInput } from "../errors/app-error";
import { nulCharacterPath } from "./nul-character";

export interface InputProblem {
  /** Path of the offending value from the field's arguments, e.g. ["input", "admin", "email"]. */
  field: string[];
  message: string;
}

function flatten(errors: ValidationError[], prefix: string[]): InputProblem[] {
  return errors.flatMap((e) => {
    const field = [...prefix, e.property];
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The argument an input object came from (its GraphQL input type matches the class); none for @Args classes. */
function argumentName(argType: unknown, data: ResolverData<object>): string[] {
  const typeName = typeof argType === "function" ? argType.name : undefined;
  const field = data.info.parentType.getFields()[data.info.fieldName];
  const arg = field?.args.find((a) => getNamedType(a.type).name === typeName);
  return arg ? [arg.name] : [];
}

/**
 * Validates arguments with class-validator and reports every problem with its full path from the field's
 * arguments, so a form can show each message next to its input.
 */
export async function validateArgs(argValue: unknown, argType: unknown, data: ResolverData<object>): Promise<void> {
  const nul = nulCharacterPath(argValue);
  if (nul) {
    const name = Object.entries(data.args).find(([, v]) => v === argValue)?.[0];
    const field = [...(name ? [name] : argumentName(argType, data)), ...nul];
    throw badInput("NUL_CHARACTER", "Text may not contain the NUL character (U+0000).", field);
  }
  if (argValue === null || typeof argValue !== "object") return;
  const options = { skipMissingProperties: true, forbidUnknownValues: false };
  const prefix = argumentName(argType, data);
  const problems: InputProblem[] = [];
  if (Array.isArray(argValue)) {
    for (const [i, item] of argValue.entries()) {
      if (item !== null && typeof item === "object")
        problems.push(...flatten(await validate(item, options), [...prefix, String(i)]));
    }
  } else {
    problems.push(...flatten(await validate(argValue, options), prefix));
  }
  if (problems.length) {
    const first = problems[0]!;
    throw badInput(
      "VALIDATION_FAILED",
      `Invalid input: ${problems.map((p) => `${p.field.join(".")}: ${p.message}`).join("; ")}`,
      first.field,
      { problems },
    );
  }
}
