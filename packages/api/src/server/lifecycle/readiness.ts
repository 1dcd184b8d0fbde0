import type { MikroORM } from "@mikro-orm/postgresql";
import type { Express } from "express";
import { AppError } from "../../common/errors/app-error";

/** How long readiness waits for the database before calling it down. */
const DATABASE_CHECK_MS = 2000;

/** Seconds a caller is asked to wait while the instance is still starting. */
export const STARTING_RETRY_AFTER_SECONDS = 5;

/**
 * Whether this instance should get traffic: not while it is still starting (the demo data loading behind an open
 * port), and no longer from the moment it starts shutting down.
 */
export class Readiness {
  starting = false;
  draining = false;
}

/** What GraphQL callers are told while the instance is starting: nothing was done; retry shortly (503). */
export function instanceStarting(): AppError {
  const error = new AppError(
    "SERVICE_UNAVAILABLE",
    `The service is still starting (loading its data). Try again in ${STARTING_RETRY_AFTER_SECONDS} seconds.`,
    { reason: "STARTING", details: { retryAfterSeconds: STARTING_RETRY_AFTER_SECONDS } },
  );
  // Apollo Server takes the status and headers of a response from `extensions.http`.
  const http = error.extensions.http as { status: number; headers?: Map<string, string> };
  http.headers = new Map([["retry-after", String(STARTING_RETRY_AFTER_SECONDS)]]);
  return error;
}

/**
 * `/health/live`: the process answers. `/health/ready`: it should get traffic — the database answers and the
 * instance is not shutting down (503 with the reason otherwise, so a load balancer stops sending requests
 * before the instance stops taking them).
 */
export function mountHealth(app: Express, orm: MikroORM, readiness: Readiness): void {
  app.get("/health/live", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/health/ready", async (_req, res) => {
    if (readiness.draining || readiness.starting) {
      res.status(503).json({ status: readiness.draining ? "draining" : "starting", database: "unknown" });
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        orm.em.getConnection().execute("select 1"),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), DATABASE_CHECK_MS))),
      ]);
      res.json({ status: "ok", database: "up" });
    } catch {
      res.status(503).json({ status: "unavailable", database: "down" });
    } finally {
      clearTimeout(timer);
    }
  });
}
