import type { EntityClass, FilterQuery } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { AppError } from "../common/errors/app-error";
import { isId } from "../common/ids";
import { readById } from "../database/read-rows";
import type { Session } from "./context.type";

/**
 * One record by id if the caller may see it: in their tenant (filter and row-level security) and in one of
 * their offices (`officePath` is the record's office relation, dotted when nested; null for records
 * that belong to no office). Anything else, malformed
 * ids included, is the given NOT_FOUND error.
 */
export async function findVisible<T extends object>(
  em: EntityManager,
  session: Session,
  entity: EntityClass<T>,
  id: string,
  officePath: string | null,
  notFound: () => AppError,
): Promise<T> {
  if (!isId(id)) throw notFound();
  const scope = officePath === null ? {} : await session.scope.filter(officePath);
  // A snapshot in a read-only request (its statement built once per scope), a managed entity in a transaction.
  const found = await readById(em, entity, id, scope as FilterQuery<T>);
  if (!found) throw notFound();
  return found;
}
