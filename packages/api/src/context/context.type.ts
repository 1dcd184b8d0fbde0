import type { AppError } from "../common/errors/app-error";
import type { AccessRecorder } from "../modules/privacy/access-recorder";
import type { TenantDb } from "../database/tenant-db";
import type { AppServices } from "./app-services";
import type { Loaders } from "./loaders";
import type { OfficeScope } from "./office-scope";
import type { Viewer } from "./viewer";

/** What every resolver gets; built the same way for HTTP requests and WebSocket operations. */
export interface Context {
  requestId: string;
  app: AppServices;
  /** The caller's network address (the client's, through trusted proxies); keys anonymous rate limits. */
  clientAddress: string;
  /** Present when a valid credential was given. */
  session: Session | null;
  /** Why `session` is null although a credential was presented (expired, revoked, malformed…). */
  authError: AppError | null;
  /** True when the request carried the platform-operator secret. */
  platformOperator: boolean;
}

/** An authenticated caller's per-request state, all bound to the caller's tenant. */
export interface Session {
  viewer: Viewer;
  db: TenantDb;
  scope: OfficeScope;
  loaders: Loaders;
  /** Unmasked reads of personal data in this request, written to the access log when its transaction commits. */
  accessLog: AccessRecorder;
}
