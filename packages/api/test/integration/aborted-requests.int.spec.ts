import { connect } from "node:net";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../../src/common/logger";
import { ok, startTestApi, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";

interface LogEntry {
  level: string;
  message: string;
}

/** Sends a GraphQL POST on a raw socket and returns a function that cuts the connection. */
function sendThenHangUp(url: string, token: string, body: unknown): () => void {
  const { hostname, port, pathname } = new URL(url);
  const payload = JSON.stringify(body);
  const socket = connect(Number(port), hostname);
  socket.on("error", () => undefined);
  socket.write(
    `POST ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\n` +
      `Authorization: Bearer ${token}\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
  );
  return () => socket.destroy();
}

describe("a client that hangs up mid-request", () => {
  let t: TestApi;
  let f: TenantFixture;
  const log: LogEntry[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => log.push({ level: "warn", message }),
    error: (message) => log.push({ level: "error", message }),
  };

  beforeAll(async () => {
    // A database of its own: the test locks a table.
    t = await startTestApi({ ownDatabase: true, logger });
    f = await createTenantFixture(t, "hangup");
  });
  afterAll(() => t.stop());

  it("successful: its registration still runs to the end and is stored once, with nothing logged as an error", async () => {
    const locker = new Client({ connectionString: t.api.orm.config.get("clientUrl") });
    await locker.connect();
    try {
      // Hold the registration inside its transaction until the client is gone.
      await locker.query("begin; lock table ticket in exclusive mode");
      const hangUp = sendThenHangUp(t.url, f.tokens.staffA, {
        query: `mutation($o: ID!) { registerTicket(input: { type: HELP, channel: PHONE, officeId: $o, content: "挂断后仍登记",
          idempotencyKey: "hangup-1" }) { id } }`,
        variables: { o: f.officeA },
      });
      const waiting = async () =>
        Number(
          (
            await locker.query(
              "select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()",
            )
          ).rows[0].n,
        );
      const deadline = Date.now() + 10_000;
      while ((await waiting()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await waiting()).toBeGreaterThan(0);
      log.length = 0;
      hangUp();
      await new Promise((r) => setTimeout(r, 200));
      await locker.query("commit");
    } finally {
      await locker.end();
    }
    const search = `{ tickets(first: 5, filter: { search: "挂断后仍登记" }) { totalCount } }`;
    const deadline = Date.now() + 10_000;
    let stored = 0;
    while (stored === 0 && Date.now() < deadline) {
      stored = ok(await t.gql(search, {}, { token: f.tokens.managerA })).tickets.totalCount;
      if (!stored) await new Promise((r) => setTimeout(r, 50));
    }
    expect(stored).toBe(1);
    expect(log.filter((e) => e.level === "error")).toEqual([]);
  });
});
