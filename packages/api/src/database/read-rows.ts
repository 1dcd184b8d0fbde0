import type { EntityClass, EntityMetadata, FilterQuery, FindOptions } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { LRUCache } from "lru-cache";
import { TENANT_FILTER } from "../common/entities/tenant-owned.entity";

/**
 * Rows for output only. In a read-only unit of work (an HTTP query: no transaction, nothing is ever flushed) the
 * rows come back as plain snapshots instead of managed entities: the driver's mapped rows, with each many-to-one
 * reference as `{ id }` and the entity's computed getters (e.g. `Unit.area`) available. Hydrating entities — the
 * identity map, a Reference object per relation, change-set snapshots — cost about 170 µs per ticket here, five
 * times the SQL and its parsing (see README, Performance); a list only needs the values. In a transaction (a
 * mutation, a subscription's read) the rows are managed entities as usual, so whatever is changed can be flushed.
 *
 * The tenant filter and every other ORM filter apply exactly as in `em.find` (the same where-processing runs), and
 * row-level security applies to the statement either way.
 */
export async function readRows<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  options: FindOptions<T, never> = {},
): Promise<T[]> {
  if (em.isInTransaction()) return (await em.find(entity, where, options)) as T[];
  return snapshots(em, entity, where, options as Record<string, unknown>);
}

/** `readRows` for one page of a cursor-paginated list (`first`/`after`/`orderBy`, over-fetching one row). */
export async function readPage<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  options: Record<string, unknown>,
): Promise<T[]> {
  return snapshots(em, entity, where, { ...options, overfetch: true });
}

async function snapshots<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  options: Record<string, unknown>,
): Promise<T[]> {
  const meta = em.getMetadata().get<T>(entity.name);
  const rows = await driverFind(em, meta, where, options);
  return rows.map((row) => snapshot(em, meta, row));
}

/** The where-clause with the ORM's filters applied (the tenant's among them), as `em.find` and `em.count` apply them. */
function withFilters<T extends object>(
  em: EntityManager,
  meta: EntityMetadata<T>,
  where: unknown,
  options: object,
): Promise<FilterQuery<T>> {
  // `processWhere` is public in the build, protected in the typings.
  const internal = em as unknown as {
    processWhere: (name: string, where: unknown, options: object, type: "read") => Promise<FilterQuery<T>>;
  };
  return internal.processWhere(meta.className, where, options, "read");
}

/** What `em.find` does before it hydrates: filters applied to the where-clause, then the driver's mapped rows. */
async function driverFind<T extends object>(
  em: EntityManager,
  meta: EntityMetadata<T>,
  where: FilterQuery<T>,
  options: Record<string, unknown>,
): Promise<Record<string, unknown>[]> {
  const processed = await withFilters(em, meta, where, options);
  return (await em
    .getDriver()
    .find(meta.className, processed as never, { ...options, ctx: em.getTransactionContext(), em } as never)) as Record<
    string,
    unknown
  >[];
}

/**
 * One row by id, as `readRows(em, entity, { id, ...where }, { limit: 1 })` returns it. In a read-only unit of work the
 * statement is built once per entity, tenant and `where` (an office scope, say) and then only the id changes: the
 * where-processing and query building that `em.find` repeats for every request were most of a point read's ORM
 * time (see `compiled`). `id` must be a UUID (the caller checks it).
 */
export async function readById<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  id: string,
  where: FilterQuery<T> = {} as FilterQuery<T>,
): Promise<T | undefined> {
  if (em.isInTransaction()) return (await readRows(em, entity, { ...where, id } as FilterQuery<T>, { limit: 1 }))[0];
  return (await compiled(em, entity, { key: "id", list: false, where, options: { limit: 1 } }, id))[0];
}

/**
 * The rows whose `key` (a column or a many-to-one relation) is one of `values`, as
 * `readRows(em, entity, { [key]: { $in: values } }, options)` returns them: the batched look-ups of the loaders, with
 * their statement built once (see `compiled`).
 */
export async function readByKeys<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  key: string,
  values: readonly string[],
  options: { orderBy?: Record<string, "asc" | "desc"> } = {},
): Promise<T[]> {
  if (values.length === 0) return [];
  if (em.isInTransaction()) return readRows(em, entity, { [key]: { $in: values } } as FilterQuery<T>, options as never);
  return compiled(em, entity, { key, list: true, where: {} as FilterQuery<T>, options }, [...values]);
}

interface LookUp<T> {
  key: string;
  /** `key in (…values)` rather than `key = value`. */
  list: boolean;
  where: FilterQuery<T>;
  options: { limit?: number; orderBy?: Record<string, "asc" | "desc"> };
}

/**
 * Read-only look-ups whose statement is built once per entity, tenant, key, `where` and options, with a placeholder
 * for the key's value; then only that binding changes (a list binding is written out as `in ('a', 'b', …)` by the
 * platform's formatting, as every `$in` is). The statement is the one `em.find` builds — `driverFind`'s filter
 * step applies the ORM's filters, so the tenant is part of the statement and of the cache key — and row-level
 * security applies to it as to any statement. Measured A/B: ticket by id ≈ 1.4–1.6× the requests per second.
 */
async function compiled<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  shape: LookUp<T>,
  value: unknown,
): Promise<T[]> {
  const meta = em.getMetadata().get<T>(entity.name);
  const tenant = JSON.stringify(em.getFilterParams(TENANT_FILTER) ?? null);
  const cacheKey = [
    meta.className,
    tenant,
    shape.key,
    shape.list,
    JSON.stringify(shape.where),
    JSON.stringify(shape.options),
  ].join("\u0000");
  let statements = compiledStatements.get(em.getMetadata());
  if (!statements) compiledStatements.set(em.getMetadata(), (statements = new LRUCache({ max: 2000 })));
  let statement = statements.get(cacheKey);
  if (!statement) {
    statement = await compile(em, meta, shape);
    if (!statement) {
      const where = { ...shape.where, [shape.key]: shape.list ? { $in: value } : value } as FilterQuery<T>;
      return snapshots(em, entity, where, shape.options);
    }
    statements.set(cacheKey, statement);
  }
  const bindings = statement.bindings.slice();
  bindings[statement.valueAt] = value;
  const driver = em.getDriver() as unknown as SqlDriverInternals;
  const rows = (await driver.getConnection("read").execute(statement.sql, bindings, "all", em.getTransactionContext(), {
    id: (em as unknown as { id: number }).id,
  })) as Record<string, unknown>[];
  return rows.map((row) => snapshot(em, meta, driver.mapResult(row, meta) as Record<string, unknown>));
}

/** How many look-up statements this ORM has built (tests: a statement is built once, then reused). */
export function compiledLookUps(em: EntityManager): number {
  return compiledStatements.get(em.getMetadata())?.size ?? 0;
}

/** A look-up's statement with its key's binding still to fill in. */
interface CompiledStatement {
  sql: string;
  bindings: unknown[];
  valueAt: number;
}

interface SqlDriverInternals {
  createQueryBuilder(entityName: string, ctx: unknown, type: undefined, emit: boolean): QueryBuilderInternals;
  buildFields(
    meta: EntityMetadata,
    populate: [],
    joined: [],
    qb: QueryBuilderInternals,
    alias: string,
    options: object,
    schema?: string,
  ): unknown[];
  buildOrderBy(qb: QueryBuilderInternals, meta: EntityMetadata, populate: [], options: object): unknown;
  getSchemaName(meta: EntityMetadata, options: object): string | undefined;
  getConnection(type: "read"): {
    execute(sql: string, params: unknown[], method: "all", ctx: unknown, logging: object): Promise<unknown>;
  };
  mapResult(row: Record<string, unknown>, meta: EntityMetadata): unknown;
}

interface QueryBuilderInternals {
  alias: string;
  withSchema(schema?: string): QueryBuilderInternals;
  select(fields: unknown[]): QueryBuilderInternals;
  where(where: unknown): QueryBuilderInternals;
  orderBy(orderBy: unknown): QueryBuilderInternals;
  limit(limit: number): QueryBuilderInternals;
  toQuery(): { _sql: { sql: string; bindings: unknown[] } };
}

/** Stands for the key's value while a statement is built: a UUID no row has (version nibble 0). */
const PLACEHOLDER = "00000000-0000-0000-0000-5e1ec7ed1d00";

const compiledStatements = new WeakMap<object, LRUCache<string, CompiledStatement>>();

/** What `driver.find` builds for the shape (see driverFind); undefined if the placeholder is not exactly one binding. */
async function compile<T extends object>(
  em: EntityManager,
  meta: EntityMetadata<T>,
  shape: LookUp<T>,
): Promise<CompiledStatement | undefined> {
  const where = { ...shape.where, [shape.key]: shape.list ? { $in: [PLACEHOLDER] } : PLACEHOLDER };
  const processed = await withFilters(em, meta, where, shape.options);
  const driver = em.getDriver() as unknown as SqlDriverInternals;
  const qb = driver.createQueryBuilder(meta.className, em.getTransactionContext(), undefined, false);
  const schema = driver.getSchemaName(meta, {});
  qb.withSchema(schema);
  const fields = driver.buildFields(meta, [], [], qb, qb.alias, {}, schema);
  qb.select(fields)
    .where(processed)
    .orderBy(driver.buildOrderBy(qb, meta, [], shape.options));
  if (shape.options.limit !== undefined) qb.limit(shape.options.limit);
  const { sql, bindings } = qb.toQuery()._sql;
  const at = bindings.flatMap((b, i) => (b === PLACEHOLDER ? [i] : []));
  if (at.length !== 1 || sql.includes(PLACEHOLDER)) return undefined;
  return { sql, bindings: [...bindings], valueAt: at[0]! };
}

/** A snapshot (as `readRows` returns) of a row remembered elsewhere, e.g. by the principal cache; `row` is copied. */
export function snapshotOf<T extends object>(em: EntityManager, entity: EntityClass<T>, row: Record<string, unknown>): T {
  return snapshot(em, em.getMetadata().get<T>(entity.name), { ...row });
}

interface Shape {
  prototype: object;
  references: string[];
  converted: { name: string; convert: (value: unknown) => unknown }[];
}

const shapes = new WeakMap<EntityMetadata, Shape>();

/**
 * Snapshots inherit from the entity's class, so `instanceof` holds and type-graphql passes them to field resolvers
 * as they are (it would otherwise build a new entity for every `@Root()` of every field), and computed getters such
 * as `Unit.area` work. The ORM's markers are shadowed: to MikroORM a snapshot is not an entity, and anything that
 * tried to manage one would fail at once instead of persisting it.
 */
function snapshotPrototype(meta: EntityMetadata): object {
  const base = meta.class.prototype as object;
  const marker = Object.getOwnPropertySymbols(base).find((s) => s.description === "Entity");
  return Object.create(base, {
    ...(marker ? { [marker]: { value: false } } : {}),
    __helper: { value: undefined },
    __meta: { value: undefined },
  }) as object;
}

function shapeOf(em: EntityManager, meta: EntityMetadata): Shape {
  let shape = shapes.get(meta);
  if (shape) return shape;
  const platform = em.getPlatform();
  shape = {
    prototype: snapshotPrototype(meta),
    references: meta.relations.filter((r) => r.kind === "m:1" || r.kind === "1:1").map((r) => r.name),
    // What the hydrator would convert (e.g. a bigint column read as a number).
    converted: meta.props
      .filter((p) => p.kind === "scalar" && p.customType && p.customType.constructor.name !== "UuidType")
      .map((p) => ({ name: p.name, convert: (value: unknown) => p.customType!.convertToJSValue(value, platform) })),
  };
  shapes.set(meta, shape);
  return shape;
}

function snapshot<T extends object>(em: EntityManager, meta: EntityMetadata<T>, row: Record<string, unknown>): T {
  const shape = shapeOf(em, meta);
  for (const name of shape.references) {
    const value = row[name];
    if (value !== null && value !== undefined && typeof value !== "object") row[name] = { id: value };
  }
  for (const { name, convert } of shape.converted) {
    if (row[name] !== null && row[name] !== undefined) row[name] = convert(row[name]);
  }
  return Object.setPrototypeOf(row, shape.prototype) as T;
}
