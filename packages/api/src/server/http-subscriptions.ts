import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";

/**
 * Subscriptions run over graphql-ws on the same URL; over HTTP, graphql-js would execute one as a query and fail
 * deep inside with an internal error. Say so instead.
 */
export function rejectHttpSubscriptions<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== "subscription") return;
          throw new GraphQLError("Subscriptions are served over WebSocket (graphql-ws) on this same URL, not over HTTP.", {
            extensions: { code: "BAD_REQUEST", http: { status: 400 } },
          });
        },
      };
    },
  };
}
