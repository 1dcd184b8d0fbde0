import { PrimaryKey, Property, type EntityManager, type Opt } from "@mikro-orm/core";
import { Field, ID, ObjectType } from "type-graphql";
import { v7 as uuidv7 } from "uuid";

export const TENANT_FILTER = "tenant";

/** The tenant of the unit of work; throws rather than guessing, so nothing is written without one. */
export function tenantIdOf(em: EntityManager): string {
  const params = em.getFilterParams<{ tenantId?: string }>(TENANT_FILTER);
  if (!params?.tenantId) throw new Error("No tenant is set on this EntityManager");
  return params.tenantId;
}

/**
 * Base of every tenant table. `tenantId` is filled from the unit of work's tenant on insert and never from
 * client input; the ORM filter (see database/orm.ts) and row-level security both key on it.
 */
export abstract class TenantOwned {
  @Property({ type: "uuid", onCreate: (_entity: unknown, em: EntityManager) => tenantIdOf(em) })
  tenantId!: Opt<string>;
}

/**
 * A tenant-owned record with a time-ordered UUID (v7 keeps inserts at the right edge of the index). Its
 * GraphQL fields are inherited by each entity's own @ObjectType.
 */
@ObjectType({ description: "Common fields of every record that belongs to a group (not exposed on its own)." })
export abstract class TenantEntity extends TenantOwned {
  @Field(() => ID, { description: "Stable identifier (UUID)." })
  @PrimaryKey({ type: "uuid" })
  id: Opt<string> = uuidv7();

  @Field(() => Date, { description: "When this record was created." })
  @Property({ type: "Date", defaultRaw: "now()" })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { description: "When this record was last changed." })
  @Property({ type: "Date", defaultRaw: "now()", onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
