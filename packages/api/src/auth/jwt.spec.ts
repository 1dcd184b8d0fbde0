import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../common/errors/app-error";
import { SessionTokens } from "./jwt";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const staff = { id: "0190b6a4-0000-7000-8000-000000000001", tenantId: "0190b6a4-0000-7000-8000-000000000002", sessionVersion: 3 };
const codeOf = (result: unknown) => (result instanceof AppError ? result.reason : null);

describe("session tokens", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("successful: a token verifies to its claims, the second time from what the first check proved", async () => {
    const tokens = new SessionTokens(SECRET, 3600);
    const { token, expiresAt } = await tokens.issue(staff);
    const first = await tokens.verify(token);
    expect(first).toEqual({ staffId: staff.id, tenantId: staff.tenantId, sessionVersion: 3, expiresAt });
    expect(await tokens.verify(token)).toEqual(first);
  });

  it("failing: a token altered after a valid one was checked is still refused", async () => {
    const tokens = new SessionTokens(SECRET, 3600);
    const { token } = await tokens.issue(staff);
    await tokens.verify(token);
    const [header, payload, signature] = token.split(".");
    const forged = JSON.parse(Buffer.from(payload!, "base64url").toString());
    forged.sv = 99;
    const altered = `${header}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`;
    expect(codeOf(await tokens.verify(altered))).toBe("INVALID_TOKEN");
    expect(codeOf(await tokens.verify(`${token}x`))).toBe("INVALID_TOKEN");
    expect(codeOf(await new SessionTokens(`${SECRET}-other`, 3600).verify(token))).toBe("INVALID_TOKEN");
  });

  it("failing: a token checked while valid is refused as expired once its time is up", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T08:00:00Z"));
    const tokens = new SessionTokens(SECRET, 60);
    const { token } = await tokens.issue(staff, new Date());
    expect(codeOf(await tokens.verify(token))).toBeNull();
    vi.setSystemTime(new Date("2026-12-01T08:01:00Z"));
    expect(codeOf(await tokens.verify(token))).toBe("TOKEN_EXPIRED");
    // And a token first seen after its expiry is refused by the signature check itself.
    expect(codeOf(await new SessionTokens(SECRET, 60).verify(token))).toBe("TOKEN_EXPIRED");
  });
});
