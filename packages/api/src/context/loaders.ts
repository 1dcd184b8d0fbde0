import type { EntityClass } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { byIdLoader, groupLoader } from "../common/loaders/entity-loader";
import type { SettledLoader } from "../common/loaders/settled-loader";

/**
 * Per-request DataLoaders, created on first use and shared by every resolver of the request. `byId` serves
 * many-to-one relations; `group` serves one-to-many lists, defined by each module in its `.loaders.ts`.
 */
export class Loaders {
  private readonly cache = new Map<string, SettledLoader<string, unknown>>();

  constructor(
    readonly em: () => Promise<EntityManager>,
    readonly tenantId: string,
  ) {}

  byId<T extends { id: string }>(entity: EntityClass<T>): SettledLoader<string, T | null> {
    return this.memo(`byId:${entity.name}`, () => byIdLoader(this.em, entity));
  }

  /** A one-to-many loader: `load` fetches all rows for a batch of parent keys, `keyOf` says whose each row is. */
  group<T>(
    name: string,
    load: (em: EntityManager, keys: string[], tenantId: string) => Promise<T[]>,
    keyOf: (row: T) => string,
  ): SettledLoader<string, T[]> {
    return this.memo(`group:${name}`, () => groupLoader(async (keys) => load(await this.em(), [...keys], this.tenantId), keyOf));
  }

  private memo<V>(name: string, create: () => SettledLoader<string, V>): SettledLoader<string, V> {
    let loader = this.cache.get(name) as SettledLoader<string, V> | undefined;
    if (!loader) {
      loader = create();
      this.cache.set(name, loader as SettledLoader<string, unknown>);
    }
    return loader;
  }
}
