import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from "@apollo/server";
import bodyParser from "body-parser";
import cors from "cors";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../common/logger";
import type { Context } from "../context/context.type";
import { countSqlStatements } from "../database/sql-counter";
import { withRequestScope } from "../database/tenant-connection";
import { answerHttpFailure } from "../security/http/graphql-http-errors";

/** A request on its way to Apollo: its JSON body parsed (undefined for a GET or a body that is not JSON). */
export type GraphqlHttpRequest = IncomingMessage & { body?: unknown };

export interface GraphqlHttpOptions {
  apollo: ApolloServer<Context>;
  context: (req: GraphqlHttpRequest, res: ServerResponse) => Promise<Context>;
  corsOrigins: string[] | boolean;
  maxPayloadBytes: number;
  logger: Logger;
}

type Step = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** Whether a request is for the GraphQL endpoint (`/graphql`, with or without a trailing slash or a query). */
export function isGraphqlPath(url: string | undefined): boolean {
  if (!url?.startsWith("/graphql")) return false;
  const rest = url.charCodeAt(8);
  // end of string, "?" or "/" followed by nothing or a query
  return Number.isNaN(rest) || rest === 63 || (rest === 47 && (url.length === 9 || url.charCodeAt(9) === 63));
}

/**
 * `/graphql` over plain node:http — CORS, the JSON body with its size limit, then Apollo — as Apollo's own
 * standalone server does it. The rest of the site (health, console) stays on Express; GraphQL does not pay for
 * Express's router and the prototype swap of every request and response (measured A/B: the trivial query
 * ≈ 1.3–1.5× the requests per second of the Express path; see the README's performance section).
 */
export function graphqlHttpHandler(options: GraphqlHttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { apollo, context, logger } = options;
  const corsStep = cors({ origin: options.corsOrigins }) as Step;
  const jsonStep = bodyParser.json({ limit: options.maxPayloadBytes }) as Step;
  const fail = (res: ServerResponse) => (error: unknown) => answerHttpFailure(error as Error, res, logger);

  const execute = async (req: GraphqlHttpRequest, res: ServerResponse): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const query = req.url!.indexOf("?");
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: req.method!.toUpperCase(),
      headers,
      search: query < 0 ? "" : req.url!.slice(query),
      body: req.body,
    };
    const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => context(req, res) });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  return (req, res) => {
    corsStep(req, res, (corsError) => {
      if (corsError) return fail(res)(corsError);
      jsonStep(req, res, (bodyError) => {
        if (bodyError) return fail(res)(bodyError);
        countSqlStatements(() => withRequestScope(() => execute(req, res).catch(fail(res))));
      });
    });
  };
}
