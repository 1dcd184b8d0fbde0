import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import { unauthenticated, type AppError } from "../common/errors/app-error";

export interface SessionClaims {
  staffId: string;
  tenantId: string;
  sessionVersion: number;
  expiresAt: Date;
}

const ISSUER = "property-service-platform";

export class SessionTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(
    staff: { id: string; tenantId: string; sessionVersion: number },
    now = new Date(),
  ): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + this.ttlSeconds;
    const token = await new SignJWT({ tid: staff.tenantId, sv: staff.sessionVersion })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(ISSUER)
      .setSubject(staff.id)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The claims of a valid session token, or the UNAUTHENTICATED error to give the caller. */
  async verify(token: string): Promise<SessionClaims | AppError> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ["HS256"], issuer: ISSUER });
      if (typeof payload.sub !== "string" || typeof payload.tid !== "string" || typeof payload.sv !== "number") {
        return unauthenticated("INVALID_TOKEN", "The sign-in token is not valid; sign in again.");
      }
      return {
        staffId: payload.sub,
        tenantId: payload.tid,
        sessionVersion: payload.sv,
        expiresAt: new Date((payload.exp ?? 0) * 1000),
      };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        return unauthenticated("TOKEN_EXPIRED", "Your session has expired; sign in again.");
      }
      return unauthenticated("INVALID_TOKEN", "The sign-in token is not valid; sign in again.");
    }
  }
}
