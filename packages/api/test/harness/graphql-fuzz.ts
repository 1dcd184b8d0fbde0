import fc from "fast-check";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from "graphql";

/**
 * Generators of hostile GraphQL requests, derived from the schema so every new field, argument, input and enum
 * is fuzzed without touching this file. Values are mostly plausible (so requests get past validation and reach
 * resolvers, services and SQL) and often wrong: other tenants' ids, malformed ids, injection-looking text, huge
 * strings and lists, out-of-range numbers, unknown enum values, wrong types, nulls where none are allowed.
 */

export interface FuzzPools {
  /** Ids of the caller's own group (valid targets). */
  ownIds: string[];
  /** Ids of another group: using them must never reach its data. */
  otherIds: string[];
}

export interface FuzzRequest {
  query: string;
  variables?: unknown;
  operationName?: string;
}

export type G = fc.GeneratorValue;

/** Text that has broken systems before: SQL/LIKE/JSON/HTML/path syntax, encodings, control characters, sizes. */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "'",
  "''",
  '"',
  "\\",
  "%",
  "_",
  "%%",
  "\\%",
  "' OR '1'='1",
  "'; DROP TABLE ticket; --",
  "1; select pg_sleep(10)",
  "$1",
  "?",
  "?::text",
  "${jndi:ldap://x}",
  "{{7*7}}",
  "<script>alert(1)</script>",
  "../../../../etc/passwd",
  "null",
  "undefined",
  "NaN",
  "true",
  "{}",
  '{"$gt": ""}',
  "[]",
  "\u0000",
  "a\u0000b",
  "\u0007\b\f\v",
  "\r\nX-Injected: 1",
  "\u202e\u202d",
  "\u200b\ufeff",
  "😀👨‍👩‍👧‍👦",
  "\ud800",
  "投诉 楼上漏水",
  "１２３",
  "0755-88881234",
  "13800000000",
  "2026-02-30",
  "9999-12-31T23:59:59.999Z",
  "-1",
  "1e309",
  "0x7fffffff",
  "CH-20261122-001",
];

const BIG = (n: number) => "长".repeat(n);

/** One of `items`, drawn by index (counterexamples stay readable, and schema objects are never compared). */
const pick = <T>(g: G, items: readonly T[]): T => items[g(fc.integer, { min: 0, max: items.length - 1 })]!;
const chance = (g: G, p: number) => g(fc.integer, { min: 0, max: 9999 }) < p * 10_000;

/** An enum value, printed bare in documents and as its name in variables. */
class EnumValue {
  constructor(readonly name: string) {}
  toJSON() {
    return this.name;
  }
}

export function printLiteral(value: unknown): string {
  if (value instanceof EnumValue) return value.name;
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(printLiteral).join(", ")}]`;
  if (typeof value === "object") {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${printLiteral(v)}`)
      .join(", ")}}`;
  }
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "0";
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

const uuid = (g: G) => g(fc.uuid, { version: [4, 7] });

function idValue(g: G, pools: FuzzPools): unknown {
  const roll = g(fc.integer, { min: 0, max: 99 });
  if (roll < 35 && pools.ownIds.length) return pick(g, pools.ownIds);
  if (roll < 65 && pools.otherIds.length) return pick(g, pools.otherIds);
  if (roll < 75) return uuid(g);
  if (roll < 80) return g(fc.integer);
  return pick(g, [...HOSTILE_STRINGS, "00000000-0000-0000-0000-000000000000", "not-a-uuid", BIG(200)]);
}

/** Values of a scalar: edge cases its type accepts, and (unless `wellTyped`) ones it must reject. */
function scalarValue(g: G, name: string, pools: FuzzPools, wellTyped: boolean): unknown {
  const either = (valid: unknown[], invalid: unknown[]) => pick(g, wellTyped ? valid : [...valid, ...invalid]);
  const day = 86_400_000;
  switch (name) {
    case "ID":
      return idValue(g, pools);
    case "Int":
      return either([0, 1, 2, 5, 10, 50, 100, 500, 501, 1000, -1, -2147483648, 2147483647], [2147483648, 1.5, 1e12]);
    case "SafeInt":
      return either([0, 1, 100, 12345, -1, 9007199254740991, -9007199254740991], [9007199254740992, 1.5, 1e21]);
    case "Float":
      return either([0, 0.5, 1, -1, 88.5, 1e308, -1e308, 1e-320], []);
    case "Boolean":
      return g(fc.boolean);
    case "DateTimeISO":
      return either(
        [
          new Date().toISOString(),
          new Date(Date.now() - day * 30).toISOString(),
          new Date(Date.now() + day * 30).toISOString(),
          new Date(Date.now() + day * 365 * 50).toISOString(),
          "2026-11-22T08:00:00+08:00",
          "1970-01-01T00:00:00Z",
          "0001-01-01T00:00:00Z",
        ],
        ["275760-09-13T00:00:00.000Z", "2026-13-45T99:99:99Z", "2026-11-22", "yesterday", ""],
      );
    case "LocalDate":
      return either(
        ["2026-01-01", "2026-11-22", "2025-01-01", "2027-01-01", "2024-02-29", "1900-01-01", "9999-12-31"],
        ["2026-02-29", "0000-01-01", "2026-1-1", "20261122", ""],
      );
    default:
      return pick(g, HOSTILE_STRINGS);
  }
}

/** Any JSON value of a random kind: the "wrong type" that coercion must reject cleanly. */
function wrongValue(g: G): unknown {
  return pick(g, [0, -1, 3.7, "x", "", true, false, null, {}, [], [[[]]], { a: { b: { c: 1 } } }, [1, "a", null], BIG(10)]);
}

export class DocumentBuilder {
  private readonly definitions: string[] = [];
  readonly variables: Record<string, unknown> = {};
  private counter = 0;
  /**
   * Well-typed documents (right types, required values present, known names) with hostile contents: they pass
   * validation and reach resolvers, services and SQL. The others are wrong anywhere, for validation to catch.
   */
  private readonly wellTyped: boolean;

  constructor(
    private readonly g: G,
    private readonly schema: GraphQLSchema,
    private readonly pools: FuzzPools,
  ) {
    this.wellTyped = chance(g, 0.65);
  }

  /** A wrong turn: never in well-typed documents. */
  private slip(p: number): boolean {
    return !this.wellTyped && chance(this.g, p);
  }

  /** A value for an input type: mostly valid in shape, sometimes wrong anywhere in the tree. */
  value(type: GraphQLInputType, depth = 0, nonNull = false): unknown {
    const g = this.g;
    if (this.slip(0.04)) return wrongValue(g);
    if (isNonNullType(type)) return this.slip(0.03) ? null : this.value(type.ofType, depth, true);
    if (!nonNull && chance(g, 0.06)) return null;
    if (isListType(type)) {
      if (chance(g, 0.03)) return this.value(type.ofType, depth, nonNull); // a single item where a list is expected (coerced)
      const item = this.value(type.ofType, depth + 1);
      // Long lists of small items; a list of huge strings would only exceed the body limit.
      const small = JSON.stringify(item ?? null).length < 1_000;
      const length = small && chance(g, 0.02) ? g(fc.integer, { min: 200, max: 3000 }) : g(fc.integer, { min: 0, max: 3 });
      return Array.from({ length }, (_, i) => (i === 0 || length > 10 ? item : this.value(type.ofType, depth + 1)));
    }
    if (isEnumType(type)) {
      const values = type.getValues().map((v) => v.name);
      if (this.slip(0.06)) return pick(g, ["NOT_A_VALUE", values[0]!.toLowerCase(), `${values[0]}_`, "__proto__"]);
      if (this.slip(0.03)) return values[0]!; // a string where an enum literal belongs (fine in variables)
      return new EnumValue(pick(g, values));
    }
    if (isScalarType(type)) {
      if (type.name === "String" && chance(g, 0.02)) return BIG(pick(g, [1_000, 20_000, 120_000]));
      if (type.name === "String" && chance(g, 0.5))
        return pick(g, ["张三", "楼上漏水", "x", "2026-Q4", "2026-11", "ABSENCE", "CASH", "A-1"]);
      return scalarValue(g, type.name, this.pools, this.wellTyped);
    }
    if (isInputObjectType(type)) {
      if (depth > 5) return {};
      const out: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        const required = isNonNullType(field.type) && field.defaultValue === undefined;
        if (required ? !this.slip(0.03) : chance(g, 0.45)) out[field.name] = this.value(field.type, depth + 1);
      }
      if (this.slip(0.03)) out[pick(g, ["bogus", "tenantId", "__typename", "id"])] = pick(g, HOSTILE_STRINGS);
      return out;
    }
    return null;
  }

  /** Arguments of a field, inline or as variables (sometimes declared with the wrong type). */
  arguments(args: readonly GraphQLArgument[]): string {
    const g = this.g;
    const parts: string[] = [];
    for (const arg of args) {
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      if (required ? this.slip(0.04) : chance(g, 0.5)) continue;
      const value = this.value(arg.type);
      if (chance(g, 0.4)) {
        const name = `v${this.counter++}`;
        const declared = this.slip(0.06)
          ? pick(g, ["String", "Int!", "[ID!]!", "Boolean", "UnknownType", "DateTimeISO"])
          : String(arg.type);
        this.definitions.push(`$${name}: ${declared}`);
        this.variables[name] = JSON.parse(JSON.stringify(value ?? null));
        parts.push(`${arg.name}: $${name}`);
      } else {
        parts.push(`${arg.name}: ${printLiteral(value)}`);
      }
    }
    if (this.slip(0.03)) parts.push(`${pick(g, ["bogus", "tenantId", "first"])}: ${printLiteral(wrongValue(g))}`);
    return parts.length ? `(${parts.join(", ")})` : "";
  }

  /** A selection of an output type: a few fields, recursing into objects while depth remains. */
  selection(type: GraphQLOutputType, depth: number): string {
    const named = getNamedType(type);
    if (isLeafType(named)) return "";
    if (!isObjectType(named)) return "{ __typename }";
    const fields = Object.values((named as GraphQLObjectType).getFields());
    const chosen = new Set<GraphQLField<unknown, unknown>>();
    const n = this.g(fc.integer, { min: 1, max: depth > 0 ? 4 : 6 });
    for (let i = 0; i < n * 2 && chosen.size < n; i++) {
      const field = pick(this.g, fields);
      if (depth <= 0 && !isLeafType(getNamedType(field.type))) continue;
      chosen.add(field);
    }
    if (!chosen.size) return "{ __typename }";
    const parts = [...chosen].map((f, i) => {
      const alias = chance(this.g, 0.15) ? `x${i}: ` : "";
      return `${alias}${f.name}${this.arguments(f.args)} ${this.selection(f.type, depth - 1)}`.trim();
    });
    if (chance(this.g, 0.05)) parts.push("__typename");
    if (this.slip(0.05)) parts.push(pick(this.g, ["nonexistentField", "__schema { queryType { name } }"]));
    return `{ ${parts.join(" ")} }`;
  }

  /** A whole operation on one of the root types. */
  operation(): FuzzRequest {
    const g = this.g;
    const kind = pick(g, ["query", "query", "query", "mutation", "mutation", "subscription"] as const);
    const root =
      kind === "query"
        ? this.schema.getQueryType()
        : kind === "mutation"
          ? this.schema.getMutationType()
          : this.schema.getSubscriptionType();
    const fields = Object.values(root!.getFields());
    const count = g(fc.integer, { min: 1, max: kind === "subscription" ? 1 : 3 });
    const selections: string[] = [];
    for (let i = 0; i < count; i++) {
      const field = pick(g, fields);
      selections.push(
        `f${i}: ${field.name}${this.arguments(field.args)} ${this.selection(field.type, g(fc.integer, { min: 0, max: 3 }))}`.trim(),
      );
    }
    const name = chance(g, 0.3) ? `Fuzz${g(fc.integer, { min: 0, max: 99 })}` : "";
    const defs = this.definitions.length ? `(${this.definitions.join(", ")})` : "";
    const query = `${kind} ${name}${defs} { ${selections.join(" ")} }`;
    const request: FuzzRequest = { query, variables: this.variables };
    if (name && chance(g, 0.5)) request.operationName = this.slip(0.3) ? "NotThere" : name;
    return request;
  }
}

/** A schema-derived operation with plausible-to-hostile arguments. */
export const schemaOperation = (g: G, schema: GraphQLSchema, pools: FuzzPools): FuzzRequest =>
  new DocumentBuilder(g, schema, pools).operation();

/** A chain of object fields as deep as asked, e.g. `offices { nodes { parent { parent { … } } } }`. */
function deepChain(g: G, schema: GraphQLSchema, depth: number): string {
  let type: GraphQLObjectType = schema.getQueryType()!;
  let open = "";
  let close = "";
  for (let i = 0; i < depth; i++) {
    const objects = Object.values(type.getFields()).filter(
      (f) => isObjectType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined),
    );
    if (!objects.length) break;
    const field = pick(g, objects);
    open += `${field.name} { `;
    close = ` }${close}`;
    type = getNamedType(field.type) as GraphQLObjectType;
  }
  return `{ ${open}__typename${close} }`;
}

/** Documents meant to exhaust or confuse the server rather than exercise a field. */
export const hostileDocument = (g: G, schema: GraphQLSchema, pools: FuzzPools): FuzzRequest => {
  {
    switch (g(fc.integer, { min: 0, max: 11 })) {
      case 0:
        return { query: deepChain(g, schema, g(fc.integer, { min: 8, max: 60 })) };
      case 1: {
        const n = g(fc.integer, { min: 10, max: 40 });
        return { query: `{ ${"a { ".repeat(n * 10)}b${" }".repeat(n * 10)} }` };
      }
      case 2: {
        const n = pick(g, [100, 1_000, 5_000]);
        return { query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(" ")} }` };
      }
      case 3: {
        const n = pick(g, [50, 300]);
        return {
          query: `{ ${Array.from({ length: n }, (_, i) => `m${i}: me { role staff { name office { name } } }`).join(" ")} }`,
        };
      }
      case 4:
        return { query: `query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }` };
      case 5: {
        // Fragments doubling at every level ("billion laughs"): validation must not explode.
        const levels = g(fc.integer, { min: 4, max: 12 });
        const fragments = Array.from({ length: levels }, (_, i) =>
          i === 0 ? `fragment F0 on Query { me { role } }` : `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`,
        );
        return { query: `{ ...F${levels - 1} } ${fragments.join(" ")}` };
      }
      case 6: {
        const base = new DocumentBuilder(g, schema, pools).operation();
        const cut = g(fc.integer, { min: 0, max: Math.max(0, base.query.length - 1) });
        const junk = pick(g, ["", "{", "}", "(", ")", "$", "@", "\u0000", "#", '"', "...", "!!", "query", ":"]);
        return { ...base, query: base.query.slice(0, cut) + junk + base.query.slice(cut + pick(g, [0, 1, 5])) };
      }
      case 7:
        return {
          query: pick(g, [
            "",
            " ",
            "{",
            "}",
            "query",
            "{ }",
            "query A { me { role } } query B { me { role } }",
            "{ me { role } } { me { role } }",
            `{ ${"x".repeat(100_000)} }`,
            `{ me @include(if: $undefined) { role } }`,
            `{ me @skip(if: true) @skip(if: false) { role } }`,
            `{ me @deprecated { role } }`,
            `{ me @unknownDirective { role } }`,
            `{ __typename @include(if: "yes") }`,
            `subscription { ticketEvents { sequence } ticketEvents2: ticketEvents { sequence } }`,
            `{ __type(name: "Ticket") { fields { name type { name ofType { name } } } } }`,
            `mutation { __typename }`,
          ]),
          variables: pick(g, [undefined, {}, { undefined: true }]),
        };
      case 8:
        return {
          query: `query IntrospectionQuery { __schema { queryType { name } mutationType { name } types { name kind fields(includeDeprecated: true) { name args { name type { name kind ofType { name kind } } } } } } }`,
        };
      case 9: {
        const base = new DocumentBuilder(g, schema, pools).operation();
        return { ...base, variables: pick(g, ["not an object", 5, [1, 2], null, true, { v0: { __proto__: { polluted: 1 } } }]) };
      }
      case 10:
        return {
          query: `query($a: [[[[[[String]]]]]]) { __typename }`,
          variables: { a: nested(g(fc.integer, { min: 10, max: 2_000 })) },
        };
      default:
        return { query: `{ me { role } }`, operationName: pick(g, ["", "Missing", "__proto__", BIG(5_000)]) };
    }
  }
};

function nested(depth: number): unknown {
  let value: unknown = "x";
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** Raw HTTP bodies and headers no well-behaved client sends. */
export interface RawRequest {
  method: "POST" | "GET";
  contentType?: string;
  body?: string;
  query?: string;
  authorization?: string;
  extraHeaders?: Record<string, string>;
}

export const rawRequest = (g: G): RawRequest => {
  {
    const authorization = pick(g, [
      undefined,
      undefined,
      "Bearer",
      "Bearer ",
      "Bearer x.y.z",
      "Basic dXNlcjpwYXNz",
      `Bearer ${"a".repeat(8_000)}`,
      "psp_x_y",
    ]);
    switch (g(fc.integer, { min: 0, max: 9 })) {
      case 0:
        return {
          method: "POST",
          contentType: "application/json",
          body: pick(g, ["{", '{"query":', "{'query': 1}", "\u0000", "nul", "{}}", "\ufeff{}"]),
          authorization,
        };
      case 1:
        return {
          method: "POST",
          contentType: "application/json",
          body: pick(g, ["1", '"x"', "null", "true", "[]", "[1,2]"]),
          authorization,
        };
      case 2:
        return {
          method: "POST",
          contentType: "application/json",
          body: JSON.stringify(
            pick(g, [
              { query: 5 },
              { query: null },
              { query: ["{ me }"] },
              { query: "{ me { role } }", variables: "x" },
              { query: "{ me { role } }", extensions: { persistedQuery: { version: 1, sha256Hash: "abc" } } },
              { extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } },
            ]),
          ),
          authorization,
        };
      case 3:
        return {
          method: "POST",
          contentType: "application/json",
          body: JSON.stringify([{ query: "{ me { role } }" }, { query: "{ offices { totalCount } }" }]),
          authorization,
        };
      case 4:
        return {
          method: "POST",
          contentType: pick(g, [
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json; charset=latin1",
            "application/graphql",
            "",
          ]),
          body: '{"query":"{ me { role } }"}',
          authorization,
        };
      case 5:
        return {
          method: "POST",
          contentType: "application/json",
          body: JSON.stringify({ query: "{ me { role } }", variables: { big: "x".repeat(pick(g, [500_000, 1_100_000])) } }),
          authorization,
        };
      case 6:
        return {
          method: "POST",
          contentType: "application/json",
          body: `{"query":"{ __typename }","variables":{"a":${"[".repeat(pick(g, [1_000, 50_000]))}${"]".repeat(pick(g, [1_000, 50_000]))}}}`,
          authorization,
        };
      case 7:
        return {
          method: "GET",
          query: pick(g, [
            "query=%7B%20me%20%7B%20role%20%7D%20%7D",
            "query=mutation%20%7B%20__typename%20%7D",
            "query=%7B",
            "",
            "variables=%7B&query=%7B__typename%7D",
          ]),
          authorization,
          extraHeaders: pick<Record<string, string>>(g, [{}, { "apollo-require-preflight": "true" }]),
        };
      case 8:
        return {
          method: "POST",
          contentType: "application/json",
          body: JSON.stringify({ query: "{ me { role } }" }),
          authorization,
          extraHeaders: pick<Record<string, string>>(g, [
            { "x-request-id": "../../x" },
            { "x-request-id": "a".repeat(5_000) },
            { accept: "text/html" },
            { accept: "application/graphql-response+json" },
            { "x-platform-operator-secret": "guess" },
          ]),
        };
      default:
        return {
          method: "POST",
          contentType: "application/json",
          body: JSON.stringify({ query: "{ me { role } }" }),
          authorization: pick(g, [
            "Bearer eyJhbGciOiJub25lIn0.eyJ0aWQiOiIxIn0.",
            "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x",
            authorization ?? "Bearer ?",
          ]),
        };
    }
  }
};
