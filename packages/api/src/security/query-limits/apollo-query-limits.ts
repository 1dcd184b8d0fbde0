import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../../context/context.type";
import { OperationChecks } from "./operation-checks";

/**
 * The caller-dependent half of the query limits for Apollo Server (the static half is its `parseOptions` and
 * `validationRules`): the cost with the request's variables, introspection, and hidden name suggestions.
 */
export function queryLimitsPlugin(checks: OperationChecks): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, request }) {
          const error = checks.afterValidation(document, request.operationName, request.variables, !!contextValue.session);
          if (error) throw error;
        },
        async didEncounterErrors({ contextValue, errors }) {
          OperationChecks.forCaller(errors, !!contextValue?.session);
        },
      };
    },
  };
}
