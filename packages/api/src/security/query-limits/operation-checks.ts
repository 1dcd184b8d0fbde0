import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";
import { LRUCache } from "lru-cache";
import type { SecurityConfig } from "../security.config";
import { withoutSuggestions } from "./field-suggestions";
import { queryLimitError } from "./limit-error";
import { listSizeEstimator, OperationCosts } from "./query-cost";
import { queryShapeRules } from "./shape-rules";

/** graphql-js 16 says "more that N tokens" (sic); accept the corrected wording too. */
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] (\d+) tokens/;

/** The caller-facing form of graphql-js's token-limit syntax error, or undefined for any other message. */
export function tokenLimitError(message: string) {
  const match = TOKEN_LIMIT_MESSAGE.exec(message);
  if (!match) return undefined;
  const limit = Number(match[1]);
  return queryLimitError(
    "TOO_MANY_TOKENS",
    `The document has more than ${limit} tokens, the limit; send a smaller query.`,
    limit,
  );
}

/**
 * The checks every operation passes before it runs, whichever transport brought it. Apollo Server runs the
 * parse and validation parts itself (`parseOptions`, `validationRules`); the WebSocket path calls `parse` and
 * `validate` here; both call `afterValidation` once the caller is known.
 */
export class OperationChecks {
  readonly rules: ValidationRule[];
  private readonly costs: OperationCosts;
  /** Whether a document asks for the schema (the anonymous check): a property of the document alone. */
  private readonly introspects = new WeakMap<DocumentNode, boolean>();
  /**
   * Documents that parsed and validated, by their text. A thousand board screens send the same subscription; one
   * shared, immutable document instead of a thousand parses (with their tokens and locations, ≈ 6 KiB each) that
   * each socket keeps for its subscription's lifetime. Only valid documents are kept, so invalid ones cost a parse
   * every time, as before; bounded by count and by text size.
   */
  private readonly validDocuments = new LRUCache<string, DocumentNode>({
    max: 1000,
    maxSize: 4 * 2 ** 20,
    sizeCalculation: (_document, text) => Math.max(1, text.length),
  });

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: SecurityConfig,
  ) {
    this.rules = queryShapeRules(limits);
    this.costs = new OperationCosts(schema, listSizeEstimator(schema, limits.assumedListSize));
  }

  /** The estimated cost of an operation (see query-cost.ts); undefined when its variables are unusable. */
  cost(document: DocumentNode, operationName?: string | null, variables?: Record<string, unknown> | null): number | undefined {
    return this.costs.cost(document, operationName, variables);
  }

  get parseOptions() {
    return { maxTokens: this.limits.maxTokens };
  }

  /** The document, or the syntax error (the token limit named as such). */
  private parse(query: unknown): DocumentNode | GraphQLError {
    if (typeof query !== "string" || query.trim() === "") {
      return new GraphQLError("The operation needs a non-empty `query` string.", { extensions: { code: "BAD_REQUEST" } });
    }
    try {
      return parse(query, this.parseOptions);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return (
        tokenLimitError(message) ??
        new GraphQLError(message, {
          extensions: { code: "GRAPHQL_PARSE_FAILED" },
          ...(error instanceof GraphQLError ? { source: error.source, positions: error.positions } : {}),
        })
      );
    }
  }

  /** Parsed and validated (see `validDocuments`): the document, or the errors to answer with. */
  check(query: unknown): DocumentNode | GraphQLError[] {
    if (typeof query === "string") {
      const known = this.validDocuments.get(query);
      if (known) return known;
    }
    const document = this.parse(query);
    if (document instanceof GraphQLError) return [document];
    const invalid = this.validate(document);
    if (invalid.length) return invalid;
    this.validDocuments.set(query as string, document);
    return document;
  }

  /** graphql-js's own rules plus the shape limits; errors carry a code like Apollo's. */
  private validate(document: DocumentNode): GraphQLError[] {
    return validate(this.schema, document, [...specifiedRules, ...this.rules]).map((error) =>
      error.extensions.code
        ? error
        : new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }),
    );
  }

  /**
   * What depends on the variables and the caller: the estimated cost, and introspection, which needs a
   * signed-in caller (the schema is published to the group's developers, not to anyone who asks).
   */
  afterValidation(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
    signedIn: boolean,
  ): GraphQLError | undefined {
    if (!signedIn) {
      let introspection = this.introspects.get(document);
      if (introspection === undefined) {
        introspection = validate(this.schema, document, [NoSchemaIntrospectionCustomRule]).length > 0;
        this.introspects.set(document, introspection);
      }
      if (introspection) {
        return queryLimitError("INTROSPECTION_NOT_ALLOWED", "Sign in to read the schema (introspection).");
      }
    }
    const cost = this.cost(document, operationName, variables);
    if (cost !== undefined && cost > this.limits.maxCost) {
      const found = Number.isFinite(cost) ? cost : undefined;
      return queryLimitError(
        "QUERY_TOO_COSTLY",
        `The query would cost ${found ?? "too much"} (each field counts once per item, pages count \`first\` items); the limit is ${this.limits.maxCost}. Ask for smaller pages or fewer fields.`,
        this.limits.maxCost,
        found,
      );
    }
    return undefined;
  }

  /** Messages for callers who have not signed in lose graphql-js's name suggestions. */
  static forCaller(errors: readonly GraphQLError[], signedIn: boolean): void {
    if (signedIn) return;
    for (const error of errors) error.message = withoutSuggestions(error.message);
  }
}
