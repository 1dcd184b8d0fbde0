import fc from "fast-check";
import { buildSchema, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { listSizeEstimator, operationCost, OperationCosts } from "./query-cost";

const schema = buildSchema(`
  type Query { items(first: Int!): ItemConnection! item: Item __dummy: Int }
  type ItemConnection { nodes: [Item!]! edges: [ItemEdge!]! totalCount: Int! }
  type ItemEdge { cursor: String! node: Item! }
  type Item { id: ID! tags: [String!]! children(first: Int!): ItemConnection! parent: Item }
`);
const cost = (query: string, size = 20, variables = {}) =>
  operationCost(schema, listSizeEstimator(schema, size), parse(query), null, variables);

describe("query cost", () => {
  it("nested pages multiply: items(first: a) { nodes { children(first: b) { nodes { id } } } } = 1 + a(2 + b·2)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (a, b) => {
        expect(cost(`{ items(first: ${a}) { nodes { children(first: ${b}) { nodes { id } } } } }`)).toBe(
          1 + a * (1 + 1 + b * (1 + 1)),
        );
      }),
    );
  });

  it("a list without `first` counts its assumed size; scalar lists and single objects count once", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), (size) => {
        expect(cost(`{ item { parent { id } tags } }`, size)).toBe(1 + (1 + 1) + 1);
        expect(cost(`{ items(first: 1) { nodes { parent { parent { id } } } } }`, size)).toBe(1 + 1 + 1 + 1 + 1);
      }),
    );
  });

  it("variables set the page size, and unusable variables leave the answer to execution", () => {
    const query = `query($n: Int!) { items(first: $n) { edges { cursor node { id } } } }`;
    expect(cost(query, 20, { n: 7 })).toBe(1 + 7 * (1 + 1 + 1 + 1));
    expect(cost(query, 20, { n: "seven" })).toBeUndefined();
  });
});

describe("remembered query costs", () => {
  const estimator = listSizeEstimator(schema, 20);
  const query = parse(`
    query Page($n: Int!, $m: Int = 3, $id: ID) { items(first: $n) { nodes { id children(first: $m) { totalCount } } } item { id } }
    query Other($n: Int!) { items(first: $n) { totalCount } }
  `);

  it("successful: the same document with any sequence of variables costs exactly what it costs unremembered", () => {
    const costs = new OperationCosts(schema, estimator);
    const variables = fc.record(
      {
        n: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constant("ten"), fc.constant(null)),
        m: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(null)),
        id: fc.uuid(),
      },
      { requiredKeys: ["n", "id"] },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("Page", "Other"), variables), { maxLength: 40 }), (requests) => {
        for (const [operation, vars] of requests) {
          expect(costs.cost(query, operation, vars)).toBe(operationCost(schema, estimator, query, operation, vars));
        }
      }),
    );
  });

  it("successful: a variable that is not a page size (an id) does not make a new entry; an absent default differs from null", () => {
    const costs = new OperationCosts(schema, estimator);
    const first = costs.cost(query, "Page", { n: 5, id: "a" });
    expect(costs.cost(query, "Page", { n: 5, id: "b" })).toBe(first);
    expect(costs.cost(query, "Page", { n: 5, id: "b", m: 3 })).toBe(first);
    expect(costs.cost(query, "Page", { n: 5, m: 0 })).toBe(1 + 5 * (1 + 1 + 1) + 2);
    expect(costs.cost(query, "Page", { n: 5, m: null })).toBeUndefined();
  });
});
