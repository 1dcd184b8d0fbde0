import type { EntityClass } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { readByKeys } from "../../database/read-rows";
import { SettledLoader } from "./settled-loader";

type EmSource = () => Promise<EntityManager>;

/**
 * Batches look-ups by id into one `where id in (…)` per tick, answering from the identity map when the
 * entity is already loaded, and returns results in key order (null for ids not found or not visible). In a
 * read-only request the rows are plain snapshots (see read-rows.ts).
 */
export function byIdLoader<T extends { id: string }>(em: EmSource, entity: EntityClass<T>): SettledLoader<string, T | null> {
  return new SettledLoader<string, T | null>(async (ids) => {
    const manager = await em();
    const found = new Map<string, T>();
    const missing: string[] = [];
    for (const id of ids) {
      const loaded = manager.getUnitOfWork().getById<T>(entity.name, id as never);
      if (loaded && (loaded as { __helper?: { __initialized?: boolean } }).__helper?.__initialized !== false) {
        found.set(id, loaded);
      } else missing.push(id);
    }
    if (missing.length) {
      const rows = await readByKeys(manager, entity, "id", missing);
      for (const row of rows) found.set(row.id, row);
    }
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Batches one-to-many look-ups: all rows for a set of parent keys in one query, grouped by key. */
export function groupLoader<T>(
  load: (keys: readonly string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
): SettledLoader<string, T[]> {
  return new SettledLoader<string, T[]>(async (keys) => {
    const rows = await load(keys);
    const groups = new Map<string, T[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((k) => groups.get(k) ?? []);
  });
}
