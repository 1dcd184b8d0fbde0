import { Client } from "pg";
import WebSocket from "ws";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Logger } from "../../src/common/logger";
import { prepareDatabase } from "../../src/database/bootstrap";
import { startTestApi, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";
import { wsConnect, type WsConnection } from "../harness/ws-client";

/** What must never reach a caller: SQL, database names, file paths, stack frames. */
const LEAKS =
  /select |office_gone|column "|relation "|does not exist|postgres|psp_|\/work\/|\/tmp\/|\.ts:|\.js:|node_modules|\n\s+at |stack/i;

interface LogEntry {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

function capturingLogger(entries: LogEntry[]): Logger {
  const push = (level: string) => (message: string, fields?: Record<string, unknown>) => entries.push({ level, message, fields });
  return { debug: push("debug"), info: push("info"), warn: push("warn"), error: push("error") };
}

const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/**
 * A database of its own whose `office` table disappears after set-up: every query reading offices then
 * fails inside PostgreSQL, a real internal error with SQL in its message.
 */
describe("error masking", () => {
  const database = `psp_mask_${randomBytes(4).toString("hex")}`;
  const adminUrl = withDatabase(inject("adminDatabaseUrl"), database);
  const log: LogEntry[] = [];
  let t: TestApi;
  let f: TenantFixture;
  let ws: WsConnection;

  beforeAll(async () => {
    const { appUrl } = await prepareDatabase({
      adminUrl,
      appUrl: withDatabase(inject("appDatabaseUrl"), database),
      appRolePassword: "unused",
    });
    t = await startTestApi({
      databaseUrl: appUrl,
      logger: capturingLogger(log),
      config: { security: { maxPayloadBytes: 4096 } },
    });
    f = await createTenantFixture(t, "mask");
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query("alter table office rename to office_gone");
    await admin.end();
    ws = wsConnect(t.wsUrl, f.tokens.admin);
    await ws.connected;
  }, 120_000);
  afterAll(async () => {
    await ws?.dispose();
    await t?.stop();
    const maintenance = new Client({ connectionString: withDatabase(inject("adminDatabaseUrl"), "postgres") });
    await maintenance.connect();
    await maintenance.query(`drop database if exists ${maintenance.escapeIdentifier(database)} with (force)`);
    await maintenance.end();
  });

  function expectMasked(error: { message: string; extensions?: Record<string, any> } | undefined) {
    expect(error?.message).toMatch(/^Internal error\. Quote reference [0-9a-f-]{36} when reporting it\.$/);
    expect(error?.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", correlationId: expect.any(String) });
    const entry = log.find((e) => e.level === "error" && e.fields?.correlationId === error!.extensions!.correlationId);
    expect(entry, "the log has the detail under the same correlation id").toBeDefined();
    expect(String((entry!.fields!.error as Error).message)).toMatch(/relation "office" does not exist/);
  }

  it.each(["HTTP", "WebSocket"])(
    "failing: a database failure reaches a %s caller as a generic message with a correlation id",
    async (transport) => {
      const query = `{ offices { nodes { id name } } }`;
      const result = transport === "HTTP" ? await t.gql(query, {}, { token: f.tokens.admin }) : await ws.run(query);
      expectMasked(result.errors?.[0]);
      expect(JSON.stringify(result)).not.toMatch(LEAKS);
    },
  );

  it("failing: parse and validation errors over the WebSocket are answered, masked of internals, and the socket stays open", async () => {
    const syntax = await ws.run(`{ tenant { slug `);
    expect(syntax.errors?.[0]?.extensions).toEqual({ code: "GRAPHQL_PARSE_FAILED" });
    const invalid = await ws.run(`{ tenant { nosuchfield } }`);
    expect(invalid.errors?.[0]?.extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
    const unknownOperation = await ws.run(`query A { tenant { slug } } query B { tenant { slug } }`);
    expect(unknownOperation.errors?.[0]?.extensions?.code).toBe("OPERATION_RESOLUTION_FAILURE");
    for (const r of [syntax, invalid, unknownOperation]) expect(JSON.stringify(r)).not.toMatch(LEAKS);
    expect((await ws.run(`{ tenant { slug } }`)).data).toEqual({ tenant: { slug: f.slug } });
  });

  async function raw(init: RequestInit & { path?: string }) {
    const response = await fetch(init.path ? new URL(init.path, t.url) : t.url, init);
    const text = await response.text();
    expect(response.headers.get("content-type")).toMatch(/application\/(graphql-response\+)?json/);
    expect(text).not.toMatch(/<html|<pre>|<!DOCTYPE/i);
    expect(text).not.toMatch(LEAKS);
    return {
      status: response.status,
      body: JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: any }[] },
    };
  }

  it.each([
    [
      "malformed JSON",
      { body: `{"query": "{ __typename }"`, headers: { "content-type": "application/json" } },
      400,
      "MALFORMED_JSON",
    ],
    [
      "a body over the limit",
      {
        body: JSON.stringify({ query: `{ __typename }`, variables: { x: "x".repeat(5000) } }),
        headers: { "content-type": "application/json" },
      },
      413,
      "BODY_TOO_LARGE",
    ],
    [
      "an unknown content encoding",
      { body: "{}", headers: { "content-type": "application/json", "content-encoding": "bogus" } },
      415,
      "UNSUPPORTED_ENCODING",
    ],
    [
      "an unsupported charset",
      { body: "{}", headers: { "content-type": "application/json; charset=latin9" } },
      415,
      "UNSUPPORTED_CHARSET",
    ],
  ])("failing: %s gets a GraphQL-shaped JSON error, not an HTML page", async (_label, init, status, reason) => {
    const { status: got, body } = await raw({ method: "POST", ...init });
    expect(got).toBe(status);
    expect(body.errors?.[0]?.extensions).toEqual({ code: "BAD_REQUEST", reason });
  });

  it("failing: a POST that is not JSON, and a GET without a preflight header, get Apollo's JSON 400; a proper GET runs", async () => {
    const text = await raw({ method: "POST", body: "{ __typename }", headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(400);
    expect(text.body.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
    const csrf = await raw({ method: "GET", path: "/graphql?query=%7B__typename%7D" });
    expect(csrf.status).toBe(400);
    const get = await raw({
      method: "GET",
      path: "/graphql?query=%7B__typename%7D",
      headers: { "apollo-require-preflight": "true" },
    });
    expect(get.status).toBe(200);
    expect(get.body.data).toEqual({ __typename: "Query" });
  });

  it("failing: a WebSocket message over the size limit closes that socket with 1009, nothing else", async () => {
    const socket = new WebSocket(t.wsUrl, "graphql-transport-ws");
    await new Promise((resolve) => socket.once("open", resolve));
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    socket.send(
      JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${f.tokens.admin}`, pad: "x".repeat(5000) } }),
    );
    expect(await closed).toBe(1009);
    expect((await ws.run(`{ tenant { slug } }`)).data).toEqual({ tenant: { slug: f.slug } });
  });
  // Last: it breaks authentication for the rest of this file's database.
  it("failing: a connection whose authentication fails inside the database is closed with 1013 (retry) and a reference, no detail", async () => {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query("alter table staff rename to staff_gone");
    await admin.end();
    const socket = new WebSocket(t.wsUrl, "graphql-transport-ws");
    await new Promise((resolve) => socket.once("open", resolve));
    const closed = new Promise<[number, string]>((resolve) =>
      socket.once("close", (code, reason) => resolve([code, String(reason)])),
    );
    socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${f.tokens.admin}` } }));
    const [code, reason] = await closed;
    expect(code).toBe(1013);
    const reference = /reference ([0-9a-f-]{36})/.exec(reason)?.[1];
    expect(reference).toBeDefined();
    expect(reason).not.toMatch(LEAKS);
    expect(log.some((e) => e.level === "error" && e.fields?.correlationId === reference)).toBe(true);
  });
});
