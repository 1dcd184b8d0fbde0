import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import { LRUCache } from "lru-cache";
import { unauthenticated, type AppError } from "../common/errors/app-error";

export interface SessionClaims {
  staffId: string;
  tenantId: string;
  sessionVersion: number;
  expiresAt: Date;
}

const ISSUER = "property-service-platform";

const expired = () => unauthenticated("TOKEN_EXPIRED", "Your session has expired; sign in again.");

export class SessionTokens {
  private readonly key: Uint8Array;
  /**
   * Tokens whose signature was checked, by their exact text: a board or a BI tool sends the same token with every
   * request, and the HMAC check was ≈ 9 % of a signed-in trivial request's CPU. Only what the signature proved is
   * kept, and expiry is checked again at each use; revocation is not a matter of the token (see authenticate.ts).
   */
  private readonly verified = new LRUCache<string, SessionClaims>({ max: 10_000 });

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
    const known = this.verified.get(token);
    if (known) return known.expiresAt.getTime() > Date.now() ? known : expired();
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ["HS256"], issuer: ISSUER });
      if (typeof payload.sub !== "string" || typeof payload.tid !== "string" || typeof payload.sv !== "number") {
        return unauthenticated("INVALID_TOKEN", "The sign-in token is not valid; sign in again.");
      }
      const claims: SessionClaims = {
        staffId: payload.sub,
        tenantId: payload.tid,
        sessionVersion: payload.sv,
        expiresAt: new Date((payload.exp ?? 0) * 1000),
      };
      this.verified.set(token, claims);
      return claims;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return expired();
      return unauthenticated("INVALID_TOKEN", "The sign-in token is not valid; sign in again.");
    }
  }
}
