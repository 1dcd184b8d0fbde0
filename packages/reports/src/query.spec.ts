import { describe, expect, it } from "vitest";
import { startOfDay, monthOfInstant, daysBetween, wholeMonthsOf } from "./period";
import { aggregate, SqlBuilder } from "./query";

describe("periods in the group's time zone", () => {
  it("start at local midnight", () => {
    expect(startOfDay("2026-11-01", "Asia/Shanghai").toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(startOfDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfDay("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
  });

  it("put an instant in its local month", () => {
    expect(monthOfInstant(new Date("2026-10-31T16:00:00Z"), "Asia/Shanghai")).toBe("2026-11");
    expect(monthOfInstant(new Date("2026-10-31T15:59:59Z"), "Asia/Shanghai")).toBe("2026-10");
  });

  it("count whole days between dates", () => {
    expect(daysBetween("2026-01-31", "2026-03-01")).toBe(29);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
  });

  it("find the whole calendar months inside a period, if any", () => {
    expect(wholeMonthsOf({ from: "2026-01-01", to: "2027-01-01" })).toEqual({ from: "2026-01-01", to: "2027-01-01" });
    expect(wholeMonthsOf({ from: "2026-01-15", to: "2026-03-10" })).toEqual({ from: "2026-02-01", to: "2026-03-01" });
    expect(wholeMonthsOf({ from: "2025-12-02", to: "2026-12-03" })).toEqual({ from: "2026-01-01", to: "2026-12-01" });
    expect(wholeMonthsOf({ from: "2025-11-30", to: "2026-01-01" })).toEqual({ from: "2025-12-01", to: "2026-01-01" });
    expect(wholeMonthsOf({ from: "2026-02-01", to: "2026-03-01" })).toEqual({ from: "2026-02-01", to: "2026-03-01" });
    expect(wholeMonthsOf({ from: "2026-02-01", to: "2026-02-28" })).toBeNull();
    expect(wholeMonthsOf({ from: "2026-01-15", to: "2026-02-10" })).toBeNull();
    expect(wholeMonthsOf({ from: "2026-12-05", to: "2027-01-31" })).toBeNull();
    expect(wholeMonthsOf({ from: "2026-03-03", to: "2026-03-04" })).toBeNull();
  });
});

describe("grouping", () => {
  const rows = [{ o: "b" }, { o: "a" }, { o: "b" }];
  const count = (office: boolean) =>
    aggregate(
      rows,
      { office, month: false },
      (r) => ({ officeId: office ? r.o : null, month: null }),
      (k) => ({ ...k, n: 0 }),
      (acc) => (acc.n += 1),
    );

  it("gives one row for the whole scope, even over nothing, like an SQL aggregate", () => {
    expect(count(false)).toEqual([{ officeId: null, month: null, n: 3 }]);
    expect(
      aggregate(
        [],
        { office: false, month: false },
        () => null,
        (k) => ({ ...k, n: 0 }),
        () => {},
      ),
    ).toEqual([{ officeId: null, month: null, n: 0 }]);
  });

  it("gives a row per group that has rows, in office order", () => {
    expect(count(true)).toEqual([
      { officeId: "a", month: null, n: 1 },
      { officeId: "b", month: null, n: 2 },
    ]);
  });
});

describe("SQL builder", () => {
  it("turns numbered placeholders into ? with the values in text order, reusing a value where repeated", () => {
    const sql = new SqlBuilder();
    const a = sql.p("tenant");
    const b = sql.p(42);
    expect(sql.query(`select ${b}, ${a} where x = ${a}`)).toEqual({
      text: "select ?, ? where x = ?",
      values: [42, "tenant", "tenant"],
    });
  });

  it("scopes to no office at all when the office list is empty, and to every office when it is null", () => {
    const sql = new SqlBuilder();
    expect(sql.scope("o", { tenantId: "t", officeIds: [] })).toBe("false");
    expect(sql.scope("o", { tenantId: "t", officeIds: null })).toBe("true");
  });
});
