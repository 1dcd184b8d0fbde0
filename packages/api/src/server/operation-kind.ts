import { getOperationAST, parse, type OperationTypeNode } from "graphql";

const MAX_CACHED = 500;
const kinds = new Map<string, OperationTypeNode | null>();

/**
 * Whether an HTTP GraphQL request can only read: a single `query` operation (not a mutation, not a batch, not a
 * persisted-query hash we cannot see). Anything unclear counts as a write, so it runs in a transaction. The
 * parsed kinds of recent documents are kept, as clients send the same few documents again and again.
 */
export function isReadOnlyRequest(body: unknown): boolean {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  if (typeof query !== "string" || (operationName !== undefined && operationName !== null && typeof operationName !== "string")) {
    return false;
  }
  const key = `${operationName ?? ""}\u0000${query}`;
  let kind = kinds.get(key);
  if (kind === undefined) {
    try {
      kind =
        getOperationAST(parse(query, { noLocation: true }), (operationName as string | null) ?? undefined)?.operation ?? null;
    } catch {
      kind = null;
    }
    if (kinds.size >= MAX_CACHED) kinds.delete(kinds.keys().next().value!);
    kinds.set(key, kind);
  }
  return kind === "query";
}
