import {
  Cursor,
  RawQueryFragment,
  type EntityClass,
  type FilterQuery,
  type FindByCursorOptions,
  type QueryOrderMap,
} from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { GraphQLResolveInfo } from "graphql";
import { parseResolveInfo, type ResolveTree } from "graphql-parse-resolve-info";
import { badInput } from "../errors/app-error";
import type { ConnectionShape } from "./connection.type";
import type { PageArgs } from "./page.args";
import { readPage } from "../../database/read-rows";

/** The client's selection under the current field, parsed once per field resolution (several readers ask). */
const trees = new WeakMap<GraphQLResolveInfo, ResolveTree | null>();
function resolveTree(info: GraphQLResolveInfo): ResolveTree | null {
  if (!trees.has(info)) trees.set(info, parseResolveInfo(info) as ResolveTree | null);
  return trees.get(info)!;
}

/** Whether the client selected `field` directly on the connection (any fragment included). */
export function selectsField(info: GraphQLResolveInfo, field: string): boolean {
  const tree = resolveTree(info);
  if (!tree) return true;
  return Object.values(tree.fieldsByTypeName).some((fields) => Object.values(fields).some((f) => f.name === field));
}

/**
 * The fields selected on a connection's items, under `nodes { … }` or `edges { node { … } }`, fragments included
 * (by field name, not alias).
 */
export function selectedNodeFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const tree = resolveTree(info);
  const collect = (node: ResolveTree) => {
    for (const fields of Object.values(node.fieldsByTypeName)) for (const f of Object.values(fields)) names.add(f.name);
  };
  for (const fields of Object.values(tree?.fieldsByTypeName ?? {})) {
    for (const f of Object.values(fields)) {
      if (f.name === "nodes") collect(f);
      if (f.name === "edges") {
        for (const edge of Object.values(f.fieldsByTypeName))
          for (const e of Object.values(edge)) if (e.name === "node") collect(e);
      }
    }
  }
  return names;
}

function assertCursor(after: string, keys: number): void {
  let decoded: unknown;
  try {
    decoded = Cursor.decode(after);
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== keys) {
    throw badInput("INVALID_CURSOR", "The `after` cursor is not valid for this list; start again from the first page.", [
      "after",
    ]);
  }
}

/**
 * One page of `entity` as a Relay connection using keyset pagination (MikroORM `findByCursor`). `orderBy`
 * must end with a unique key (the id) so pages never overlap or skip. The total is only counted when asked for.
 */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  page: PageArgs,
  orderBy: QueryOrderMap<T>[],
  info: GraphQLResolveInfo,
  options: Omit<FindByCursorOptions<T, never, "*", never, boolean>, "first" | "after" | "orderBy" | "includeCount"> = {},
): Promise<ConnectionShape<T>> {
  if (page.after)
    assertCursor(
      page.after,
      orderBy.reduce<number>((n, o) => n + Object.keys(o).length, 0),
    );
  const includeCount = selectsField(info, "totalCount");
  const findOptions = { ...options, first: page.first, after: page.after ?? undefined, orderBy, includeCount };
  let cursor: Cursor<T, never, "*", never, boolean>;
  if (em.isInTransaction()) {
    cursor = (await em.findByCursor(entity, where, findOptions as FindByCursorOptions<T, never, "*", never, boolean>)) as never;
  } else {
    // A read-only request: plain rows, not managed entities (see read-rows.ts).
    // One where-clause for two statements: its raw() fragments must survive the first (as in em.findAndCount).
    const [items, count] = await RawQueryFragment.run(() =>
      Promise.all([readPage(em, entity, where, findOptions), includeCount ? em.count(entity, where) : undefined]),
    );
    cursor = new Cursor<T, never, "*", never, boolean>(
      items as never,
      count as number,
      { ...findOptions, overfetch: true } as never,
      em.getMetadata().get(entity.name),
    );
  }
  const nodes = cursor.items as T[];
  return {
    nodes,
    // Cursors only when the client asks for edges (most BI tools read `nodes` and `pageInfo`).
    get edges() {
      return nodes.map((node) => ({ cursor: cursor.from(node as never), node }));
    },
    pageInfo: {
      hasNextPage: cursor.hasNextPage,
      hasPreviousPage: cursor.hasPrevPage,
      startCursor: cursor.startCursor,
      endCursor: cursor.endCursor,
    },
    totalCount: cursor.totalCount ?? 0,
  };
}
