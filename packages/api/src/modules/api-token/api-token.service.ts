import type { EntityManager } from "@mikro-orm/postgresql";
import { ref, type FilterQuery } from "@mikro-orm/core";
import { generateApiToken } from "../../auth/api-token-secret";
import { badInput, notFound } from "../../common/errors/app-error";
import { isId } from "../../common/ids";
import type { Session } from "../../context/context.type";
import { findVisibleOffice } from "../tenancy/office.service";
import { announceRevocation } from "../session/live-sessions";
import { ApiToken } from "./api-token.entity";
import type { CreateApiTokenInput } from "./api-token.input";

export const apiTokenNotFound = () => notFound("API_TOKEN_NOT_FOUND", "No such API token.", ["id"]);

export async function createApiToken(
  em: EntityManager,
  session: Session,
  input: CreateApiTokenInput,
  now: Date,
): Promise<{ token: string; apiToken: ApiToken }> {
  if (input.expiresAt && input.expiresAt <= now) {
    throw badInput("EXPIRY_IN_PAST", "The expiry must be in the future.", ["input", "expiresAt"]);
  }
  const office = input.officeId ? await findVisibleOffice(em, session, input.officeId, ["input", "officeId"]) : null;
  const secret = generateApiToken(session.viewer.tenantId);
  const apiToken = em.create(ApiToken, {
    name: input.name.trim(),
    tokenHash: secret.hash,
    tokenPrefix: secret.prefix,
    office: office ? ref(office) : null,
    expiresAt: input.expiresAt ?? null,
    createdBy: session.viewer.staff!,
  });
  await em.flush();
  return { token: secret.token, apiToken };
}

export async function revokeApiToken(em: EntityManager, session: Session, id: string, now: Date): Promise<ApiToken> {
  if (!isId(id)) throw apiTokenNotFound();
  const token = await em.findOne(ApiToken, { id });
  if (!token) throw apiTokenNotFound();
  if (!token.revokedAt) {
    token.revokedAt = now;
    token.revokedBy = ref(session.viewer.staff!);
    await em.flush();
    await announceRevocation(em, { tenantId: token.tenantId, apiTokenId: token.id });
  }
  return token;
}

export function apiTokenWhere(includeRevoked: boolean): FilterQuery<ApiToken> {
  return includeRevoked ? {} : { revokedAt: null };
}
