import { LRUCache } from "lru-cache";
import type { Revocation } from "../modules/session/live-sessions";

/** What authentication read about a signed-in staff member who passed its checks (active, current version). */
export interface CachedStaff {
  kind: "STAFF";
  tenantId: string;
  staffId: string;
  sessionVersion: number;
  /** The staff row's columns by property name (references as ids), for a read-only snapshot. */
  row: Record<string, unknown>;
}

/** What authentication read about an API token that passed its checks (not revoked, not expired). */
export interface CachedToken {
  kind: "API_TOKEN";
  tenantId: string;
  apiTokenId: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  row: Record<string, unknown>;
}

export type CachedPrincipal = CachedStaff | CachedToken;

/** Every cache of this process, so a revocation committed here reaches all of them at once (tests run several). */
const caches = new Set<PrincipalCache>();

/**
 * Who a credential belongs to, remembered for a few seconds so that read-only requests authenticate without a
 * statement of their own (a signed-in `{ __typename }` ran at a third of the anonymous rate here), and the office
 * subtree an office role sees. Only read-only requests use it: a mutation always reads the staff member (or token)
 * from the database, in its own transaction, and so does every WebSocket handshake.
 *
 * Staleness is bounded three ways: a revocation (password change or reset, deactivation, role or office change, API
 * token revoked) forgets the principal in this process when it is announced, and in every other instance when its
 * notification arrives; every entry expires after `ttlMs` anyway (a lost notification costs at most that long); and
 * a session token whose version differs from the remembered one is always checked against the database.
 */
export class PrincipalCache {
  private readonly principals: LRUCache<string, CachedPrincipal>;
  private readonly subtrees: LRUCache<string, string[]>;

  constructor(
    readonly ttlMs = 5_000,
    max = 10_000,
  ) {
    this.principals = new LRUCache({ max, ttl: ttlMs });
    this.subtrees = new LRUCache({ max, ttl: ttlMs });
    caches.add(this);
  }

  static staffKey(tenantId: string, staffId: string): string {
    return `s:${tenantId}:${staffId}`;
  }

  static tokenKey(tokenHash: string): string {
    return `t:${tokenHash}`;
  }

  get(key: string): CachedPrincipal | undefined {
    return this.principals.get(key);
  }

  set(key: string, principal: CachedPrincipal): void {
    this.principals.set(key, principal);
  }

  subtree(tenantId: string, officeId: string): string[] | undefined {
    return this.subtrees.get(`${tenantId}:${officeId}`);
  }

  rememberSubtree(tenantId: string, officeId: string, ids: string[]): void {
    this.subtrees.set(`${tenantId}:${officeId}`, ids);
  }

  /** A principal lost or changed access: forget it (and, for staff, nothing else needs to go). */
  forget(revocation: Revocation): void {
    for (const [key, p] of this.principals.entries()) {
      if (p.tenantId !== revocation.tenantId) continue;
      if (
        (p.kind === "STAFF" && p.staffId === revocation.staffId) ||
        (p.kind === "API_TOKEN" && p.apiTokenId === revocation.apiTokenId)
      ) {
        this.principals.delete(key);
      }
    }
  }

  /** The group's offices changed (created, moved, closed): every subtree of the group is recomputed. */
  forgetOffices(tenantId: string): void {
    for (const key of this.subtrees.keys()) if (key.startsWith(`${tenantId}:`)) this.subtrees.delete(key);
  }

  close(): void {
    caches.delete(this);
  }
}

/** Applies a revocation (or an office change) to every cache of this process, before its transaction commits. */
export function forgetLocally(change: Revocation | { tenantId: string; offices: true }): void {
  for (const cache of caches) {
    if ("offices" in change) cache.forgetOffices(change.tenantId);
    else cache.forget(change);
  }
}
