import { buildContext } from "../context/build-context";
import type { AppServices } from "../context/app-services";
import type { Context } from "../context/context.type";
import type { GraphqlHttpRequest } from "./graphql-http";
import { isReadOnlyRequest } from "./operation-kind";

export const PLATFORM_SECRET_HEADER = "x-platform-operator-secret";

export function buildHttpContext(app: AppServices, req: GraphqlHttpRequest, clientAddress: string): Promise<Context> {
  const requestId = header(req, "x-request-id");
  return buildContext(app, {
    authorization: header(req, "authorization"),
    platformOperatorSecret: header(req, PLATFORM_SECRET_HEADER),
    requestId: requestId && /^[\w-]{1,100}$/.test(requestId) ? requestId : undefined,
    clientAddress,
    readOnly: req.method === "POST" && isReadOnlyRequest(req.body),
  });
}

/** A request header's value; a repeated one counts by its first value, as Express's `req.header` did. */
function header(req: GraphqlHttpRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
