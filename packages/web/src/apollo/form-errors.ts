import { CombinedGraphQLErrors } from "@apollo/client";

/** What a form shows for a failed mutation: a message per input field, and the rest for the whole form. */
export interface FormErrors {
  /** Keyed by the field's path below the input argument, e.g. "receivedAt" or "ratings.2.indicatorCode". */
  fields: Record<string, FieldError>;
  form: FieldError[];
}

export interface FieldError {
  message: string;
  /** The API's `extensions.reason` (e.g. RECEIVED_IN_FUTURE), for a translated message. */
  reason?: string;
  code?: string;
}

interface ErrorLike {
  message: string;
  extensions?: Record<string, unknown> | null;
}

/** The path of a value from the mutation's arguments, without the `input` argument name. */
function fieldKey(path: unknown): string | null {
  if (!Array.isArray(path) || path.length === 0) return null;
  const parts = path.map(String);
  return (parts[0] === "input" ? parts.slice(1) : parts).join(".") || null;
}

/**
 * Sorts the API's errors into field and form errors: `extensions.problems` (every bad value of a validation
 * failure) or `extensions.field` (the one value a domain rule refused) put the message next to that field.
 */
export function formErrorsFrom(errors: readonly ErrorLike[], knownFields?: ReadonlySet<string>): FormErrors {
  const result: FormErrors = { fields: {}, form: [] };
  const place = (key: string | null, error: FieldError) => {
    if (key && (!knownFields || knownFields.has(key))) result.fields[key] ??= error;
    else result.form.push(error);
  };
  for (const e of errors) {
    const reason = typeof e.extensions?.reason === "string" ? e.extensions.reason : undefined;
    const code = typeof e.extensions?.code === "string" ? e.extensions.code : undefined;
    const problems = e.extensions?.problems;
    if (Array.isArray(problems) && problems.length) {
      for (const p of problems as { field?: unknown; message?: unknown }[]) {
        place(fieldKey(p.field), { message: String(p.message ?? e.message), reason, code });
      }
    } else {
      place(fieldKey(e.extensions?.field), { message: e.message, reason, code });
    }
  }
  return result;
}

/** Form errors of anything a mutation may throw: GraphQL errors by field, anything else (network) for the form. */
export function formErrorsOf(error: unknown, knownFields?: ReadonlySet<string>): FormErrors {
  if (CombinedGraphQLErrors.is(error)) return formErrorsFrom(error.errors as ErrorLike[], knownFields);
  return { fields: {}, form: [{ message: error instanceof Error ? error.message : String(error), code: "NETWORK" }] };
}

export const NO_ERRORS: FormErrors = { fields: {}, form: [] };
