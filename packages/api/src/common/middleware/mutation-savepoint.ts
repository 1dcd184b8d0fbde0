import type { MiddlewareFn } from "type-graphql";
import type { Context } from "../../context/context.type";

/**
 * Makes each top-level mutation field all-or-nothing inside the request's transaction: a savepoint before,
 * released on success, rolled back (and the identity map cleared) on any error, so a failed mutation never
 * leaves a half-written change for the request's commit.
 */
export const mutationSavepoint: MiddlewareFn<Context> = async ({ info, context }, next) => {
  if (info.parentType.name !== "Mutation" || !context.session) return next();
  const { db } = context.session;
  const em = await db.em();
  await em.execute("savepoint mutation");
  try {
    const result = await next();
    // A sign-in replaces the session (and has closed this one).
    if (db.isOpen) {
      await em.flush();
      await em.execute("release savepoint mutation");
    }
    return result;
  } catch (error) {
    if (db.isOpen) {
      await em.execute("rollback to savepoint mutation");
      em.clear();
    }
    throw error;
  }
};
