import type { Request } from "express";
import { buildContext } from "../context/build-context";
import type { AppServices } from "../context/app-services";
import type { Context } from "../context/context.type";
import { isReadOnlyRequest } from "./operation-kind";

export const PLATFORM_SECRET_HEADER = "x-platform-operator-secret";

export function buildHttpContext(app: AppServices, req: Request): Promise<Context> {
  const requestId = req.header("x-request-id");
  return buildContext(app, {
    authorization: req.header("authorization"),
    platformOperatorSecret: req.header(PLATFORM_SECRET_HEADER),
    requestId: requestId && /^[\w-]{1,100}$/.test(requestId) ? requestId : undefined,
    clientAddress: req.ip,
    readOnly: req.method === "POST" && isReadOnlyRequest(req.body),
  });
}
