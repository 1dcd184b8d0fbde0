import type { GraphQLResolveInfo } from "graphql";
import { parseResolveInfo, type ResolveTree } from "graphql-parse-resolve-info";

/**
 * The fields a client selected on the nodes of a connection (under `nodes` or `edges { node }`, fragments
 * included), so a list can load the relations that will be asked for in the same statement as the page.
 */
export function selectedNodeFields(info: GraphQLResolveInfo): Set<string> {
  const selected = new Set<string>();
  const tree = parseResolveInfo(info) as ResolveTree | null;
  if (!tree) return selected;
  const children = (node: ResolveTree) => Object.values(node.fieldsByTypeName).flatMap((fields) => Object.values(fields));
  for (const field of children(tree)) {
    if (field.name === "nodes") for (const f of children(field)) selected.add(f.name);
    if (field.name === "edges") {
      for (const edge of children(field)) if (edge.name === "node") for (const f of children(edge)) selected.add(f.name);
    }
  }
  return selected;
}
