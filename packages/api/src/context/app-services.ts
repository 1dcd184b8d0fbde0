import type { MikroORM } from "@mikro-orm/postgresql";
import type { SessionTokens } from "../auth/jwt";
import type { AppConfig } from "../config";
import type { Logger } from "../common/logger";
import type { EventHub } from "../modules/events/event-hub";
import type { LiveSessions } from "../modules/session/live-sessions";
import type { PrincipalCache } from "./principal-cache";
import type { LoginThrottle } from "../security/rate-limits/login-throttle";
import type { RequestRateLimiter } from "../security/rate-limits/request-rate-limiter";

/** Long-lived services shared by every request of one API instance. */
export interface AppServices {
  orm: MikroORM;
  config: AppConfig;
  logger: Logger;
  sessions: SessionTokens;
  /** Current time; replaceable so deadline logic can be tested at chosen instants. */
  now: () => Date;
  /** This instance's fan-out of committed ticket events to subscribers. */
  events: EventHub;
  /** This instance's open WebSocket sessions (ended on revocation or expiry). */
  liveSessions: LiveSessions;
  /** Operations per caller (this instance's memory). */
  rateLimiter: RequestRateLimiter;
  /** Failed sign-ins per account and address (shared by every instance, in PostgreSQL). */
  loginThrottle: LoginThrottle;
  /** Who credentials belong to, for a few seconds, for read-only requests (see principal-cache.ts). */
  principals: PrincipalCache;
}
