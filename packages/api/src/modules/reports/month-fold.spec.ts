import type { MikroORM } from "@mikro-orm/postgresql";
import { describe, expect, it, vi } from "vitest";
import type { Logger } from "../../common/logger";
import { MonthFold } from "./month-fold";

describe("the month rollup's fold timer", () => {
  it("logs a failed fold and folds again next time; stop() ends it", async () => {
    const outcomes = [() => Promise.reject(new Error("database restarting")), () => Promise.resolve([{ n: "3" }])];
    const execute = vi.fn(() => (outcomes.shift() ?? (() => Promise.resolve([{ n: "0" }])))());
    const orm = { em: { getConnection: () => ({ execute }) } } as unknown as MikroORM;
    const logger = { warn: vi.fn(), debug: vi.fn(), info: vi.fn(), error: vi.fn() } as unknown as Logger;
    const fold = new MonthFold(orm, logger, 5);
    fold.start();
    await vi.waitFor(() => expect(execute.mock.calls.length).toBeGreaterThanOrEqual(3));
    await fold.stop();
    const calls = execute.mock.calls.length;
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith("month rollup fold failed; retrying", { error: expect.any(Error) });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(execute.mock.calls.length).toBe(calls);
  });
});
