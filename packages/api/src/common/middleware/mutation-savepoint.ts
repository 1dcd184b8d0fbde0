import { defaultFieldResolver, type GraphQLSchema } from "graphql";
import type { Context } from "../../context/context.type";

/**
 * Makes each top-level mutation field all-or-nothing inside the request's transaction: a savepoint before,
 * released on success, rolled back (and the identity map cleared) on any error, so a failed mutation never
 * leaves a half-written change for the request's commit.
 */
export async function inMutationSavepoint<T>(context: Context, next: () => Promise<T> | T): Promise<T> {
  if (!context.session) return next();
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
}

/**
 * Wraps the resolver of every field of the Mutation type (and only those) in `inMutationSavepoint`. Done on the
 * built schema rather than as a type-graphql global middleware: a global middleware turns every field of every
 * object of every response into an asynchronous middleware chain, which dominated the CPU time of large lists.
 */
export function withMutationSavepoints(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (root, args, context: Context, info) =>
      inMutationSavepoint(context, () => resolve(root, args, context, info));
  }
  return schema;
}
