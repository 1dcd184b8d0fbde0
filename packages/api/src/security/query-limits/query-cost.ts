import { getNamedType, getNullableType, isListType, isObjectType, type DocumentNode, type GraphQLSchema } from "graphql";
import { fieldExtensionsEstimator, getComplexity, type ComplexityEstimator } from "graphql-query-complexity";

/**
 * Object types that are pages: returned by a field with a `first` argument (Relay connections, the event
 * feed, the arrears page). Their own lists (`nodes`, `edges`, …) hold that page, already counted by `first`.
 */
function pageTypes(schema: GraphQLSchema): Set<string> {
  const pages = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((a) => a.name === "first")) pages.add(getNamedType(field.type).name);
    }
  }
  return pages;
}

/**
 * Every field costs 1 plus what it selects; a field with a `first` argument returns up to `first` items, so
 * what it selects counts `first` times; any other list counts `assumedListSize` times, except a page's own
 * item lists; introspection is free. A field may declare its own cost in its `complexity` extension (type-graphql
 * `@Field({ complexity })`), which wins.
 */
export function listSizeEstimator(schema: GraphQLSchema, assumedListSize: number): ComplexityEstimator {
  const pages = pageTypes(schema);
  return ({ type, field, args, childComplexity }) => {
    // The schema's description is bounded by the schema itself and served from memory.
    if (field.name.startsWith("__") || type.name.startsWith("__")) return 0;
    if (typeof args.first === "number") return 1 + Math.max(0, args.first) * childComplexity;
    if (isListType(getNullableType(field.type)) && !pages.has(type.name)) return 1 + assumedListSize * childComplexity;
    return 1 + childComplexity;
  };
}

/** Fields evaluated before the estimate gives up (fragments spread many times can explode otherwise). */
const MAX_EVALUATED_NODES = 20_000;

/**
 * The estimated cost of the operation with its variables, or Infinity when it is too large to even estimate.
 * Undefined when the variables are unusable: execution refuses those with its own clear error before
 * anything runs.
 */
export function operationCost(
  schema: GraphQLSchema,
  estimator: ComplexityEstimator,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number | undefined {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      variables: variables ?? {},
      estimators: [fieldExtensionsEstimator(), estimator],
      maxQueryNodes: MAX_EVALUATED_NODES,
    });
  } catch (error) {
    if (error instanceof Error && error.message.includes("maximum allowed number of nodes")) return Infinity;
    return undefined;
  }
}
