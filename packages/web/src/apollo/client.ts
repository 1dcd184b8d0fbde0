import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { OperationTypeNode } from "graphql";
import { createClient, type Client as WsClient } from "graphql-ws";
import { ConnectionStatus } from "./connection-status";

export interface ConsoleClient {
  apollo: ApolloClient;
  ws: WsClient;
  connection: ConnectionStatus;
  /** Closes the socket and forgets cached data (sign-out). */
  reset: () => Promise<void>;
}

export interface ClientOptions {
  getToken: () => string | null;
  /** Called when the API says the session is no longer valid. */
  onSessionEnded: () => void;
  httpUrl?: string;
  wsUrl?: string;
}

function defaultWsUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === "https:" ? "wss" : "ws"}://${host}/graphql`;
}

/** Close code the API uses when a session expires or is revoked (see the API's ws-server). */
export const SESSION_ENDED_CLOSE_CODE = 4401;

/**
 * One Apollo Client for the console: queries and mutations over HTTP with the bearer token, subscriptions
 * over graphql-ws on the same URL. The socket does not retry by itself: the live board resubscribes with the
 * last sequence it saw (see useLiveBoard), which graphql-ws's own retry (same payload) could not do.
 */
export function createConsoleClient(options: ClientOptions): ConsoleClient {
  const connection = new ConnectionStatus();
  const ws = createClient({
    url: options.wsUrl ?? defaultWsUrl(),
    lazy: true,
    retryAttempts: 0,
    keepAlive: 15_000,
    connectionParams: () => {
      const token = options.getToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    on: {
      connecting: () => connection.set("connecting"),
      connected: () => connection.set("connected"),
      closed: (event) => {
        const code = (event as { code?: number } | undefined)?.code;
        connection.set("closed", code);
        if (code === SESSION_ENDED_CLOSE_CODE) options.onSessionEnded();
      },
    },
  });

  const auth = new SetContextLink((prev) => {
    const token = options.getToken();
    return token ? { headers: { ...prev.headers, authorization: `Bearer ${token}` } } : {};
  });
  const sessionEnded = new ErrorLink(({ error, operation }) => {
    if (operation.operationName === "Login") return;
    if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) {
      options.onSessionEnded();
    }
  });
  const http = new HttpLink({ uri: options.httpUrl ?? "/graphql" });
  const link = ApolloLink.split(
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    new GraphQLWsLink(ws),
    ApolloLink.from([sessionEnded, auth, http]),
  );
  const apollo = new ApolloClient({
    link,
    cache: new InMemoryCache({
      typePolicies: {
        // Report rows have no id of their own; they are always read whole with their query.
        OfficeComparison: { keyFields: false },
        OfficeComparisonRow: { keyFields: false },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: "cache-and-network" } },
  });
  return {
    apollo,
    ws,
    connection,
    reset: async () => {
      // terminate (not dispose): the same client serves the next sign-in, with that session's token.
      ws.terminate();
      await apollo.clearStore();
    },
  };
}
