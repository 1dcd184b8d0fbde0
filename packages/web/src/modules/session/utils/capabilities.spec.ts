import { describe, expect, it } from "vitest";
import { capabilitiesOf, homePath } from "./capabilities";

describe("capabilitiesOf", () => {
  it("successful: head-office roles compare offices, spot-check and choose any office's board", () => {
    for (const role of ["HEAD_OFFICE_ADMIN", "HEAD_OFFICE_MANAGER"] as const) {
      expect(capabilitiesOf(role, true)).toEqual({
        compareOffices: true,
        spotCheck: true,
        chooseBoardOffice: true,
        registerTickets: true,
        mustChooseOffice: true,
      });
      expect(homePath(role, true)).toBe("/dashboard");
    }
  });

  it("failing: office roles get no comparison, no spot checks and only their own board", () => {
    for (const role of ["OFFICE_MANAGER", "OFFICE_STAFF"] as const) {
      const c = capabilitiesOf(role, false);
      expect(c.compareOffices).toBe(false);
      expect(c.spotCheck).toBe(false);
      expect(c.chooseBoardOffice).toBe(false);
      expect(c.registerTickets).toBe(true);
    }
    expect(homePath("OFFICE_MANAGER", false)).toBe("/board");
    expect(homePath("OFFICE_STAFF", false)).toBe("/tickets");
  });

  it("failing: a read-only session registers nothing and draws no samples", () => {
    const c = capabilitiesOf("HEAD_OFFICE_MANAGER", true, true);
    expect(c.registerTickets).toBe(false);
    expect(c.spotCheck).toBe(false);
  });
});
