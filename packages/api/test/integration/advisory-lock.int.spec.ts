import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, inject, it } from "vitest";
import { oneAtATime } from "../../src/database/advisory-lock";
import { DEFAULT_DATABASE_LIMITS, initOrm } from "../../src/database/orm";

/** Instances doing the same one-off work on one database (the demo data load) take turns: `oneAtATime`. */
describe("one at a time per database (session advisory lock)", () => {
  const KEY = 91_000_001;

  it("a second caller waits for its turn however long the first takes, beyond the statement timeout, then runs", async () => {
    // A statement timeout far shorter than the first caller's work, as the API's 20 s are shorter than a demo load.
    const limits = { ...DEFAULT_DATABASE_LIMITS, statementTimeoutMs: 200 };
    const orm = await initOrm({ clientUrl: inject("appDatabaseUrl"), poolMax: 3, limits });
    try {
      const events: string[] = [];
      const work = (name: string, ms: number) =>
        oneAtATime(orm, KEY, async () => {
          events.push(`${name} starts`);
          await sleep(ms);
          events.push(`${name} ends`);
          return name;
        });
      const first = work("first", 900);
      await sleep(100);
      const second = work("second", 10);
      expect(await Promise.all([first, second])).toEqual(["first", "second"]);
      expect(events).toEqual(["first starts", "first ends", "second starts", "second ends"]);

      // The pooled connections went back with the API's timeout and without the lock.
      const settings = await Promise.all(
        [1, 2, 3].map(() => orm.em.fork().execute<{ statement_timeout: string }[]>("show statement_timeout")),
      );
      expect(settings.map((rows) => rows[0]!.statement_timeout)).toEqual(["200ms", "200ms", "200ms"]);
      const [held] = await orm.em
        .fork()
        .execute<{ n: number }[]>("select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = ?", [KEY]);
      expect(held!.n).toBe(0);
    } finally {
      await orm.close(true);
    }
  });

  it("a failing turn still hands the lock on", async () => {
    const orm = await initOrm({ clientUrl: inject("appDatabaseUrl"), poolMax: 3, limits: DEFAULT_DATABASE_LIMITS });
    try {
      await expect(oneAtATime(orm, KEY, async () => Promise.reject(new Error("the load failed")))).rejects.toThrow(
        "the load failed",
      );
      expect(await oneAtATime(orm, KEY, async () => "next")).toBe("next");
    } finally {
      await orm.close(true);
    }
  });
});
