import type { Logger } from "../../common/logger";
import type { HttpDrain } from "./http-drain";
import type { Readiness } from "./readiness";

export interface DrainParts {
  readiness: Readiness;
  http: HttpDrain;
  ws: { drain: (graceMs: number) => Promise<void> };
  logger: Logger;
  /** Readiness reports "draining" this long while requests are still served (a load balancer's notice). */
  delayMs: number;
  /** In-flight requests and WebSocket operations may take this long before their connections are cut. */
  graceMs: number;
}

/**
 * The first half of stopping an instance (SIGTERM): report not ready, keep serving for `delayMs`, then stop
 * accepting, let in-flight HTTP requests and WebSocket queries and mutations finish — each commits or rolls
 * back as a whole — and close sockets with 1012 so clients reconnect elsewhere. Afterwards nothing is running
 * that could write, and the database can be let go.
 */
export async function drainInstance(parts: DrainParts): Promise<void> {
  parts.readiness.draining = true;
  parts.logger.info("draining: readiness reports 503", { delayMs: parts.delayMs, graceMs: parts.graceMs });
  if (parts.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, parts.delayMs));
  const inFlight = parts.http.inFlight;
  const [graceful] = await Promise.all([parts.http.stop(parts.graceMs), parts.ws.drain(parts.graceMs)]);
  if (graceful) parts.logger.info("drained", { httpRequestsFinished: inFlight });
  else
    parts.logger.warn("requests still running after the grace period were cut off (and rolled back)", { graceMs: parts.graceMs });
}
