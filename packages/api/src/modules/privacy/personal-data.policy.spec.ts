import { describe, expect, it } from "vitest";
import { Role } from "../../auth/roles";
import type { Viewer } from "../../context/viewer";
import { maySearchPhones, maySeeSensitiveNotes, residentPhoneBasis, seesStaffPhones } from "./personal-data.policy";
import { AccessBasis } from "./privacy.enums";

const OFFICE = "office-a";
const HEAD = "head";
const staff = (role: Role, officeId: string): Viewer => ({
  kind: "STAFF",
  tenantId: "t",
  staff: { id: `s-${role}` } as Viewer["staff"],
  apiToken: null,
  role,
  officeId,
  seesAllOffices: role === Role.HEAD_OFFICE_ADMIN || role === Role.HEAD_OFFICE_MANAGER,
  readOnly: false,
  expiresAt: null,
});
const token: Viewer = { ...staff(Role.HEAD_OFFICE_ADMIN, HEAD), kind: "API_TOKEN", staff: null, role: null, officeId: null };
const inScope = (visible: string[]) => async (id: string) => visible.includes(id);
const ticket = (escalated: boolean, pending: boolean) => ({ escalated, pendingSpotCheck: async () => pending });

describe("who reads residents' numbers in full", () => {
  it.each([
    ["office staff of the customer's office", staff(Role.OFFICE_STAFF, OFFICE), [OFFICE], undefined, AccessBasis.OWN_OFFICE],
    ["office manager of the customer's office", staff(Role.OFFICE_MANAGER, OFFICE), [OFFICE], undefined, AccessBasis.OWN_OFFICE],
    ["office staff of another office", staff(Role.OFFICE_STAFF, "office-b"), ["office-b"], undefined, null],
    ["head-office admin, customer", staff(Role.HEAD_OFFICE_ADMIN, HEAD), [OFFICE], undefined, null],
    ["head-office manager, plain ticket", staff(Role.HEAD_OFFICE_MANAGER, HEAD), [OFFICE], ticket(false, false), null],
    [
      "head-office manager, pending spot check",
      staff(Role.HEAD_OFFICE_MANAGER, HEAD),
      [OFFICE],
      ticket(false, true),
      AccessBasis.SPOT_CHECK,
    ],
    [
      "head-office admin, escalated ticket",
      staff(Role.HEAD_OFFICE_ADMIN, HEAD),
      [OFFICE],
      ticket(true, false),
      AccessBasis.ESCALATION,
    ],
    ["BI token, escalated ticket with a pending spot check", token, [OFFICE], ticket(true, true), null],
  ])("%s", async (_label, viewer, visible, need, basis) => {
    expect(await residentPhoneBasis(viewer, OFFICE, inScope(visible), need)).toBe(basis);
  });

  it("nobody reads a number whose office is unknown", async () => {
    expect(await residentPhoneBasis(staff(Role.OFFICE_STAFF, OFFICE), null, inScope([OFFICE]))).toBeNull();
  });

  it("only those who see numbers in full may search by them", () => {
    expect(maySearchPhones(staff(Role.OFFICE_STAFF, OFFICE))).toBe(true);
    expect(maySearchPhones(staff(Role.OFFICE_MANAGER, OFFICE))).toBe(true);
    expect(maySearchPhones(staff(Role.HEAD_OFFICE_MANAGER, HEAD))).toBe(false);
    expect(maySearchPhones(token)).toBe(false);
  });
});

describe("who reads sensitive notes", () => {
  it.each([
    ["office staff of the customer's office", staff(Role.OFFICE_STAFF, OFFICE), true],
    ["office manager of the customer's office", staff(Role.OFFICE_MANAGER, OFFICE), true],
    ["manager of another (e.g. parent) office", staff(Role.OFFICE_MANAGER, "parent"), false],
    ["head-office admin", staff(Role.HEAD_OFFICE_ADMIN, HEAD), false],
    ["BI token", token, false],
  ])("%s: %s", (_label, viewer, allowed) => {
    expect(maySeeSensitiveNotes(viewer, OFFICE)).toBe(allowed);
  });

  it("staff work numbers: staff yes, BI tokens no", () => {
    expect(seesStaffPhones(staff(Role.OFFICE_STAFF, OFFICE))).toBe(true);
    expect(seesStaffPhones(token)).toBe(false);
  });
});
