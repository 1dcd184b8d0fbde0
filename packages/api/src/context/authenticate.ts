import { wrap } from "@mikro-orm/core";
import { validate as isUuid } from "uuid";
import { apiTokenTenant, hashApiToken, isApiToken } from "../auth/api-token-secret";
import { isHeadOfficeRole } from "../auth/roles";
import { AppError, unauthenticated } from "../common/errors/app-error";
import { TenantDb, type TenantDbOptions } from "../database/tenant-db";
import { ApiToken } from "../modules/api-token/api-token.entity";
import { AccessRecorder } from "../modules/privacy/access-recorder";
import { Staff } from "../modules/staff/staff.entity";
import { snapshotOf } from "../database/read-rows";
import type { AppServices } from "./app-services";
import { Loaders } from "./loaders";
import { PrincipalCache } from "./principal-cache";
import { OfficeScope } from "./office-scope";
import type { Session } from "./context.type";
import type { Viewer } from "./viewer";

/** API tokens record use at most this often, so read traffic does not turn into a write per request. */
const LAST_USED_RESOLUTION_MS = 5 * 60_000;

const invalidToken = () => unauthenticated("INVALID_TOKEN", "The token is not valid; sign in again or use a valid API token.");

export function sessionFor(db: TenantDb, viewer: Viewer, principals?: PrincipalCache): Session {
  return {
    viewer,
    db,
    scope: new OfficeScope(db, viewer, principals),
    loaders: new Loaders(() => db.em(), db.tenantId),
    accessLog: new AccessRecorder(db, viewer),
  };
}

function tokenViewer(tenantId: string, token: ApiToken): Viewer {
  const officeId = token.office?.id ?? null;
  return {
    kind: "API_TOKEN",
    tenantId,
    staff: null,
    apiToken: token,
    role: null,
    officeId,
    seesAllOffices: officeId === null,
    readOnly: true,
    expiresAt: token.expiresAt,
  };
}

async function authenticateApiToken(app: AppServices, credential: string, options: TenantDbOptions): Promise<Session | AppError> {
  const tenantId = apiTokenTenant(credential);
  if (!tenantId) return invalidToken();
  const key = PrincipalCache.tokenKey(hashApiToken(credential));
  const now = app.now();
  const db = new TenantDb(app.orm, tenantId, options);
  const cached = options.readOnly ? app.principals.get(key) : undefined;
  if (
    cached?.kind === "API_TOKEN" &&
    cached.tenantId === tenantId &&
    (!cached.expiresAt || cached.expiresAt > now) &&
    cached.lastUsedAt &&
    now.getTime() - cached.lastUsedAt.getTime() <= LAST_USED_RESOLUTION_MS
  ) {
    const token = snapshotOf(app.orm.em, ApiToken, cached.row);
    return sessionFor(db, tokenViewer(tenantId, token), app.principals);
  }
  try {
    const em = await db.em();
    const token = await em.findOne(ApiToken, { tokenHash: hashApiToken(credential) });
    if (!token) throw invalidToken();
    if (token.revokedAt) throw unauthenticated("TOKEN_REVOKED", "This API token has been revoked.");
    if (token.expiresAt && token.expiresAt <= now) throw unauthenticated("TOKEN_EXPIRED", "This API token has expired.");
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      token.lastUsedAt = now;
      await em.flush();
    }
    app.principals.set(key, {
      kind: "API_TOKEN",
      tenantId,
      apiTokenId: token.id,
      expiresAt: token.expiresAt,
      lastUsedAt: token.lastUsedAt,
      row: plainRow(token),
    });
    return sessionFor(db, tokenViewer(tenantId, token), options.readOnly ? app.principals : undefined);
  } catch (error) {
    await db.close(false).catch(() => undefined);
    if (error instanceof AppError) return error;
    throw error;
  }
}

/** An entity's columns as plain values (references as ids, hidden and lazy columns left out). */
function plainRow(entity: object): Record<string, unknown> {
  return wrap(entity).toObject() as Record<string, unknown>;
}

/** The session of a staff member whose identity was just established (sign-in, onboarding). */
export function staffSession(app: AppServices, staff: Staff): Session {
  return sessionFor(new TenantDb(app.orm, staff.tenantId), staffViewer(staff));
}

function staffViewer(staff: Staff): Viewer {
  return {
    kind: "STAFF",
    tenantId: staff.tenantId,
    staff,
    apiToken: null,
    role: staff.role,
    officeId: staff.office.id,
    seesAllOffices: isHeadOfficeRole(staff.role),
    readOnly: false,
    expiresAt: null,
  };
}

async function authenticateSession(app: AppServices, credential: string, options: TenantDbOptions): Promise<Session | AppError> {
  const claims = await app.sessions.verify(credential);
  if (claims instanceof AppError) return claims;
  if (!isUuid(claims.tenantId) || !isUuid(claims.staffId)) return invalidToken();
  const key = PrincipalCache.staffKey(claims.tenantId, claims.staffId);
  const db = new TenantDb(app.orm, claims.tenantId, options);
  // A read-only request may take who this is from the cache; anything else (and any doubt) reads the database.
  const cached = options.readOnly ? app.principals.get(key) : undefined;
  if (cached?.kind === "STAFF" && cached.sessionVersion === claims.sessionVersion) {
    const staff = snapshotOf(app.orm.em, Staff, cached.row);
    return sessionFor(db, { ...staffViewer(staff), expiresAt: claims.expiresAt }, app.principals);
  }
  try {
    const em = await db.em();
    const staff = await em.findOne(Staff, { id: claims.staffId });
    if (!staff) throw invalidToken();
    if (!staff.active) throw unauthenticated("ACCOUNT_DISABLED", "This account has been deactivated.");
    if (claims.sessionVersion !== staff.sessionVersion) {
      throw unauthenticated("SESSION_REVOKED", "This session was ended (password changed or signed out); sign in again.");
    }
    app.principals.set(key, {
      kind: "STAFF",
      tenantId: claims.tenantId,
      staffId: staff.id,
      sessionVersion: staff.sessionVersion,
      row: plainRow(staff),
    });
    return sessionFor(db, { ...staffViewer(staff), expiresAt: claims.expiresAt }, options.readOnly ? app.principals : undefined);
  } catch (error) {
    await db.close(false).catch(() => undefined);
    if (error instanceof AppError) return error;
    throw error;
  }
}

/** Resolves a bearer credential (session JWT or API token) to a session, or the error to show the caller. */
export function authenticate(app: AppServices, credential: string, options: TenantDbOptions = {}): Promise<Session | AppError> {
  return isApiToken(credential) ? authenticateApiToken(app, credential, options) : authenticateSession(app, credential, options);
}
