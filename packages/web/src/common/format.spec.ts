import { describe, expect, it } from "vitest";
import { createFormatters, todayIn, wallTimeToIso } from "./format";

describe("formatters", () => {
  it("successful: instants are shown in the group's time zone, not the browser's", () => {
    const f = createFormatters("en", "Asia/Shanghai");
    expect(f.dateTime("2026-11-22T16:30:00Z")).toContain("11/23/2026");
    expect(f.dateTime("2026-11-22T16:30:00Z")).toContain("00:30");
    const ny = createFormatters("en", "America/New_York");
    expect(ny.dateTime("2026-11-22T16:30:00Z")).toContain("11:30");
  });

  it("successful: a local date stays the same day whatever the zone", () => {
    expect(createFormatters("en", "Pacific/Kiritimati").date("2026-03-01")).toBe("03/01/2026");
    expect(createFormatters("zh-CN", "America/Los_Angeles").date("2026-03-01")).toBe("2026/03/01");
  });

  it("failing: a rate that was not measured is a dash, never 0%", () => {
    const f = createFormatters("zh-CN", "Asia/Shanghai");
    expect(f.percent(null)).toBe("—");
    expect(f.percent(0.9612)).toBe("96.1%");
    expect(f.dateTime(null)).toBe("—");
  });

  it("successful: today and wall times are read in the zone", () => {
    expect(todayIn("Asia/Shanghai", new Date("2026-11-22T16:30:00Z"))).toBe("2026-11-23");
    expect(todayIn("UTC", new Date("2026-11-22T16:30:00Z"))).toBe("2026-11-22");
    expect(wallTimeToIso("2026-11-23T00:30", "Asia/Shanghai")).toBe("2026-11-22T16:30:00.000Z");
    expect(wallTimeToIso("", "Asia/Shanghai")).toBeNull();
    expect(wallTimeToIso("nonsense", "Asia/Shanghai")).toBeNull();
  });
});
