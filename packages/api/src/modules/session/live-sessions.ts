import type { EntityManager } from "@mikro-orm/postgresql";
import { forgetLocally } from "../../context/principal-cache";

export const REVOCATION_CHANNEL = "session_revocations";

/** Who lost access: a staff member (all their sessions) or one API token. */
export interface Revocation {
  tenantId: string;
  staffId?: string;
  apiTokenId?: string;
}

/**
 * Tells every API instance, when the transaction commits, that a principal's sessions have ended (password
 * changed or reset, account deactivated or moved, API token revoked), so open WebSockets close at once.
 */
export async function announceRevocation(em: EntityManager, revocation: Revocation): Promise<void> {
  // This process at once (so the caller's next request already sees it), the others when the notification arrives.
  forgetLocally(revocation);
  await em.execute("select pg_notify(?, ?)", [REVOCATION_CHANNEL, JSON.stringify(revocation)]);
}

interface LiveSession extends Revocation {
  end: (reason: string) => void;
}

/** This instance's open WebSocket sessions, so a revocation or an expiry can end them. */
export class LiveSessions {
  private readonly open = new Set<LiveSession>();

  register(session: LiveSession): () => void {
    this.open.add(session);
    return () => this.open.delete(session);
  }

  revoke(revocation: Revocation): number {
    let ended = 0;
    for (const s of [...this.open]) {
      if (s.tenantId !== revocation.tenantId) continue;
      if (
        (revocation.staffId && s.staffId === revocation.staffId) ||
        (revocation.apiTokenId && s.apiTokenId === revocation.apiTokenId)
      ) {
        s.end("Session ended (password changed, access revoked or account changed); sign in again.");
        this.open.delete(s);
        ended++;
      }
    }
    return ended;
  }

  get size(): number {
    return this.open.size;
  }
}
