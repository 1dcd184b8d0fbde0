import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";

function wsClient(url: string, authorization?: string): { client: Client; closed: Promise<number> } {
  let onClosed: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => (onClosed = resolve));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: authorization ? { authorization: `Bearer ${authorization}` } : {},
    on: { closed: (event) => onClosed((event as { code: number }).code) },
  });
  return { client, closed };
}

async function once(client: Client, query: string): Promise<unknown> {
  const iterator = client.iterate({ query });
  const first = await iterator.next();
  await iterator.return?.();
  return first.value;
}

describe("graphql-ws endpoint on the API port", () => {
  let t: TestApi;
  let f: TenantFixture;

  beforeAll(async () => {
    t = await startTestApi();
    f = await createTenantFixture(t, "ws");
  });
  afterAll(() => t.stop());

  it("successful: authenticates in the handshake with the HTTP token and runs operations scoped to the caller", async () => {
    const { client } = wsClient(t.wsUrl, f.tokens.managerA);
    try {
      const result = (await once(client, `{ me { role office { id } } offices { nodes { id } } }`)) as { data: any };
      expect(result.data.me).toEqual({ role: "OFFICE_MANAGER", office: { id: f.officeA } });
      expect(result.data.offices.nodes).toEqual([{ id: f.officeA }]);
    } finally {
      await client.dispose();
    }
  });

  it("failing: errors over the socket are masked like HTTP ones (stable code, no stack)", async () => {
    const { client } = wsClient(t.wsUrl, f.tokens.staffA);
    try {
      const result = (await once(client, `{ office(id: "not-a-uuid") { id } }`)) as { errors: any[] };
      expect(result.errors[0].extensions).toMatchObject({ code: "NOT_FOUND", reason: "OFFICE_NOT_FOUND" });
      expect(JSON.stringify(result)).not.toMatch(/stack|\.ts:|at /);
    } finally {
      await client.dispose();
    }
  });

  it.each([
    ["no token", undefined],
    ["a forged token", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"],
  ])("failing: a connection with %s is refused with 4403", async (_label, token) => {
    const { client, closed } = wsClient(t.wsUrl, token);
    client
      .iterate({ query: "{ me { kind } }" })
      .next()
      .catch(() => undefined);
    expect(await closed).toBe(4403);
    await client.dispose();
  });
});
