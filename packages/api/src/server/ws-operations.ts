import {
  GraphQLError,
  getOperationAST,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from "graphql";
import type { SubscribePayload } from "graphql-ws";
import { AppError } from "../common/errors/app-error";
import { isDatabaseUnavailable, serviceUnavailable } from "../common/errors/database-unavailable";
import type { Logger } from "../common/logger";
import type { Context } from "../context/context.type";
import { commitFailure } from "./commit-failure";

const coded = (error: GraphQLError, code: string) =>
  new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code } });

/**
 * Turns one graphql-ws `subscribe` message into what to execute, answering problems as GraphQL errors of that
 * operation only: a syntax error, an invalid document or a database that cannot authenticate the caller right now
 * must not close the whole socket (graphql-ws would close it with 4500 and the raw message). The context is built
 * here, exactly as for HTTP; a subscription's transaction closes at once (it reads in short transactions of its own).
 */
export async function prepareOperation(
  schema: GraphQLSchema,
  payload: SubscribePayload,
  buildContext: () => Promise<Context>,
): Promise<ExecutionArgs | readonly GraphQLError[]> {
  let document: DocumentNode;
  try {
    document = parse(payload.query);
  } catch (error) {
    if (error instanceof GraphQLError) return [coded(error, "GRAPHQL_PARSE_FAILED")];
    throw error;
  }
  const invalid = validate(schema, document);
  if (invalid.length) return invalid.map((e) => coded(e, "GRAPHQL_VALIDATION_FAILED"));
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) {
    return [
      new GraphQLError("Name the operation to run (`operationName`): the document has none or several.", {
        extensions: { code: "OPERATION_RESOLUTION_FAILURE" },
      }),
    ];
  }
  let contextValue: Context;
  try {
    contextValue = await buildContext();
    if (operation.operation === "subscription") await contextValue.session?.db.close(true);
  } catch (error) {
    if (error instanceof AppError) return [error];
    if (isDatabaseUnavailable(error)) return [serviceUnavailable()];
    // Anything else is ours: masked (and logged) by the error formatter, for this operation only.
    return [new GraphQLError("The operation could not be prepared.", { originalError: error as Error })];
  }
  return {
    schema,
    document,
    operationName: payload.operationName,
    variableValues: payload.variables,
    contextValue,
  };
}

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
