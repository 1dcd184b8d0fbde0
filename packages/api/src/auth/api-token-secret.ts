import { createHash, randomBytes } from "node:crypto";
import { parse as uuidParse, stringify as uuidStringify, validate as uuidValidate } from "uuid";

const PREFIX = "psp_";

/**
 * API tokens look like `psp_<tenant>_<secret>`: the tenant part (its UUID in base64url) tells the API which
 * tenant's row-level security to open before it looks the hash up, so no lookup ever crosses tenants.
 */
export function generateApiToken(tenantId: string): { token: string; hash: string; prefix: string } {
  const tenantPart = Buffer.from(uuidParse(tenantId)).toString("base64url");
  const token = `${PREFIX}${tenantPart}_${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashApiToken(token), prefix: token.slice(0, PREFIX.length + tenantPart.length + 5) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isApiToken(credential: string): boolean {
  return credential.startsWith(PREFIX);
}

/** The tenant an API token claims to belong to, or undefined when it is malformed. */
export function apiTokenTenant(token: string): string | undefined {
  const match = /^psp_([A-Za-z0-9_-]{22})_[A-Za-z0-9_-]{43}$/.exec(token);
  if (!match?.[1]) return undefined;
  const bytes = Buffer.from(match[1], "base64url");
  if (bytes.length !== 16) return undefined;
  const id = uuidStringify(bytes);
  return uuidValidate(id) ? id : undefined;
}
