import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type GraphQLSchema,
  type TypeNode,
} from "graphql";
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

/** Per document, at most this many remembered costs (distinct page sizes); then it starts over. */
const COSTS_PER_DOCUMENT = 64;

/**
 * `operationCost`, remembered per parsed document. Apollo (and the WebSocket document cache) hand every request
 * with the same text the same document object, so a board or BI tool asking the same thing again pays the
 * document walk once (≈ 7 % of a point read's CPU). The cost depends on the variables only through page sizes,
 * and a page size is an `Int`: the key is the operation name plus the values of the operation's `Int` variables,
 * so `$id: ID!` changing every request still hits while `$first: Int!` gets one entry per size. Unusable
 * variables are never remembered (their answer stays with execution, as without the cache).
 */
export class OperationCosts {
  private readonly costs = new WeakMap<DocumentNode, Map<string, number>>();
  private readonly intVariables = new WeakMap<DocumentNode, string[]>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly estimator: ComplexityEstimator,
  ) {}

  cost(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
  ): number | undefined {
    const key = this.keyOf(document, operationName, variables);
    let known = this.costs.get(document);
    const remembered = known?.get(key);
    if (remembered !== undefined) return remembered;
    const cost = operationCost(this.schema, this.estimator, document, operationName, variables);
    if (cost === undefined) return cost;
    if (!known) this.costs.set(document, (known = new Map()));
    if (known.size >= COSTS_PER_DOCUMENT) known.clear();
    known.set(key, cost);
    return cost;
  }

  private keyOf(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
  ): string {
    let names = this.intVariables.get(document);
    if (!names) {
      names = [];
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        for (const v of definition.variableDefinitions ?? [])
          if (namedTypeOf(v.type) === "Int") names.push(v.variable.name.value);
      }
      this.intVariables.set(document, names);
    }
    // An absent variable (its default applies) differs from an explicit null.
    const values = names.map((name) => (variables && Object.hasOwn(variables, name) ? variables[name] : ABSENT));
    return `${operationName ?? ""}\u0000${JSON.stringify(values)}`;
  }
}

const ABSENT = "\u0000absent";

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}
