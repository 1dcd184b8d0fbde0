import { getOperationAST, type ExecutionArgs, type ExecutionResult } from "graphql";
import type { Logger } from "../common/logger";
import type { Context } from "../context/context.type";
import { commitFailure } from "./commit-failure";

/**
 * A query or mutation over WebSocket commits before its result is sent, as over HTTP: a client is never told
 * a change succeeded, nor shown data whose access-log entry was not saved, unless it was committed.
 */
export async function commitBeforeReply(
  context: Context | undefined,
  args: ExecutionArgs,
  result: ExecutionResult,
  logger: Logger,
): Promise<ExecutionResult> {
  const db = context?.session?.db;
  if (!db || getOperationAST(args.document, args.operationName)?.operation === "subscription") return result;
  // graphql-js settles a result as soon as an error nulls the whole of it, while sibling resolvers may still be
  // running; their late errors (the unit of work is closed by then) must not join the answer.
  const settled: ExecutionResult = { ...result, ...(result.errors ? { errors: [...result.errors] } : {}) };
  try {
    await db.close(true);
    return settled;
  } catch (error) {
    logger.error("commit failed", { error, requestId: context!.requestId });
    return { errors: [commitFailure(error, context!.requestId)] };
  }
}
