import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context/context.type";
import { currentSqlStatementCount } from "../database/sql-counter";
import type { Logger } from "../common/logger";
import { commitFailure, signalUnavailable } from "./commit-failure";

/**
 * Ends each request's tenant transaction before the response leaves: commit, or roll back when the
 * operation failed as a whole. A failed commit replaces the response with an error, so a client is never
 * told a change succeeded that was not saved.
 */
export function transactionPlugin(logger: Logger, exposeSqlCount: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const db = contextValue.session?.db;
          if (db) {
            try {
              await db.close(true);
            } catch (error) {
              logger.error("commit failed", { error, requestId: contextValue.requestId });
              if (response.body.kind === "single") {
                response.body.singleResult = { errors: [commitFailure(error, contextValue.requestId).toJSON()] };
              }
            }
          }
          if (response.body.kind === "single") signalUnavailable(response.body.singleResult, response.http);
          if (exposeSqlCount && response.body.kind === "single") {
            const count = currentSqlStatementCount();
            if (count !== undefined) {
              response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: count };
            }
          }
        },
      };
    },
  };
}
