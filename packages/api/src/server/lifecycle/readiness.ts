import type { MikroORM } from "@mikro-orm/postgresql";
import type { Express } from "express";

/** How long readiness waits for the database before calling it down. */
const DATABASE_CHECK_MS = 2000;

/** Whether this instance should get traffic: false from the moment it starts shutting down. */
export class Readiness {
  draining = false;
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
    if (readiness.draining) {
      res.status(503).json({ status: "draining", database: "unknown" });
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
