import { DriverException } from "@mikro-orm/core";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, serviceUnavailable } from "./database-unavailable";

const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["server shutting down (fast shutdown)", pgError("57P01", "terminating connection due to administrator command")],
    ["crash shutdown", pgError("57P02")],
    ["server starting up", pgError("57P03", "the database system is starting up")],
    ["connection failure", pgError("08006")],
    ["too many connections", pgError("53300")],
    ["statement timeout", pgError("57014", "canceling statement due to statement timeout")],
    ["connection refused", pgError("ECONNREFUSED")],
    ["connection lost mid-query", new Error("Connection terminated unexpectedly")],
    ["pool exhausted", new Error("Knex: Timeout acquiring a connection. The pool is probably full.")],
    ["wrapped by the ORM", new DriverException(pgError("57P01"))],
    ["wrapped by GraphQL", { originalError: pgError("ECONNRESET") }],
  ])("%s: yes", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["unique violation", pgError("23505")],
    ["row-level security", pgError("42501")],
    ["protocol violation (our bug)", pgError("08P01")],
    ["a plain bug", new TypeError("x is undefined")],
    ["nothing", undefined],
  ])("%s: no", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("tells the caller to retry, and HTTP clients when", () => {
    const error = serviceUnavailable();
    expect(error.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", reason: "DATABASE_UNAVAILABLE", retryAfterSeconds: 2 });
    expect((error.extensions.http as { status: number; headers: Map<string, string> }).status).toBe(503);
    expect((error.extensions.http as { headers: Map<string, string> }).headers.get("retry-after")).toBe("2");
  });
});
