import { describe, expect, it } from "vitest";
import { isReadOnlyRequest } from "./operation-kind";

describe("which HTTP requests may run without a transaction", () => {
  it("successful: a single query operation, named or not, shorthand or not", () => {
    expect(isReadOnlyRequest({ query: "{ me { role } }" })).toBe(true);
    expect(isReadOnlyRequest({ query: "query Board($o: ID!) { board(officeId: $o) { asOfSequence } }", variables: {} })).toBe(
      true,
    );
    const both = "query A { me { role } } mutation B { logout }";
    expect(isReadOnlyRequest({ query: both, operationName: "A" })).toBe(true);
  });

  it("failing: mutations, subscriptions, ambiguous or unreadable documents, batches and hashes are treated as writes", () => {
    expect(isReadOnlyRequest({ query: "mutation { logout }" })).toBe(false);
    expect(isReadOnlyRequest({ query: "subscription { ticketEvents { sequence } }" })).toBe(false);
    const both = "query A { me { role } } mutation B { logout }";
    expect(isReadOnlyRequest({ query: both, operationName: "B" })).toBe(false);
    expect(isReadOnlyRequest({ query: both })).toBe(false);
    expect(isReadOnlyRequest({ query: both, operationName: "C" })).toBe(false);
    expect(isReadOnlyRequest({ query: "query {" })).toBe(false);
    expect(isReadOnlyRequest([{ query: "{ me { role } }" }])).toBe(false);
    expect(isReadOnlyRequest({ extensions: { persistedQuery: { sha256Hash: "abc" } } })).toBe(false);
    expect(isReadOnlyRequest({ query: "{ me { role } }", operationName: 3 })).toBe(false);
    expect(isReadOnlyRequest(undefined)).toBe(false);
  });

  it("successful: the answer for a document does not change when it is asked again (the cache is keyed by name and text)", () => {
    const doc = "query A { me { role } } mutation B { logout }";
    for (let i = 0; i < 3; i++) {
      expect(isReadOnlyRequest({ query: doc, operationName: "A" })).toBe(true);
      expect(isReadOnlyRequest({ query: doc, operationName: "B" })).toBe(false);
    }
  });
});
