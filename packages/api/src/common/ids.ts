import { validate as isUuid } from "uuid";

/** True for a well-formed UUID. Malformed ids are answered as "not found" and never reach SQL. */
export function isId(value: unknown): value is string {
  return typeof value === "string" && isUuid(value);
}
