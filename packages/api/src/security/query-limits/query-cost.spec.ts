import fc from "fast-check";
import { buildSchema, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { listSizeEstimator, operationCost } from "./query-cost";

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
