import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import type { GraphQLError, ValidationContext, ValidationRule } from "graphql";
import type { SecurityConfig } from "../security.config";
import { queryLimitError, type QueryLimitReason } from "./limit-error";

/** graphql-armor's messages end with "found N."; the number goes into `extensions.found`. */
function foundIn(message: string): number | undefined {
  const match = /found (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/**
 * graphql-armor rules report through the validation context (not by throwing, which would abort validation
 * with a 500) with our error shape: a stable reason, the limit and what was found.
 */
function reportAs(reason: QueryLimitReason, limit: number, describe: (limit: number, found?: number) => string) {
  return {
    propagateOnRejection: false,
    exposeLimits: true,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const found = foundIn(error.message);
        context?.reportError(queryLimitError(reason, describe(limit, found), limit, found));
      },
    ],
  };
}

/** The shape limits every operation is validated against, on HTTP and on the WebSocket alike. */
export function queryShapeRules(limits: SecurityConfig): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      ...reportAs(
        "QUERY_TOO_DEEP",
        limits.maxDepth,
        (n, found) => `The query is nested ${found ?? "too many"} levels deep; the limit is ${n}. Ask for less at once.`,
      ),
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      ...reportAs(
        "TOO_MANY_ALIASES",
        limits.maxAliases,
        (n, found) => `The query uses ${found ?? "too many"} aliases; the limit is ${n}. Split it into several requests.`,
      ),
    }),
    maxDirectivesRule({
      n: limits.maxDirectives,
      ...reportAs(
        "TOO_MANY_DIRECTIVES",
        limits.maxDirectives,
        (n, found) => `The query uses ${found ?? "too many"} directives; the limit is ${n}.`,
      ),
    }),
  ];
}
