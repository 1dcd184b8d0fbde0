import "reflect-metadata";
import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startApi } from "../app";
import { REPO_ROOT, type AppConfig } from "../config";
import { createLogger } from "../common/logger";
import { machine, percentile, startBenchDatabase } from "./bench-database";
import { updateReadmeSection } from "./readme-section";
import { withoutPerCallerLimits } from "../security/security.config";
import type { Receipt } from "./subscriber-swarm";

/**
 * Live-board benchmark (not a test): commit-to-delivery latency of ticket events to many subscribers of one
 * API instance, and how many subscribers the instance holds with what memory each. Subscribers live in a child
 * process so the server's memory is its own. Run with `pnpm bench:events` (node --expose-gc).
 */
const LATENCY_SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 50);
const CAPACITY_STEPS = (process.env.BENCH_CAPACITY ?? "2500,5000,10000").split(",").map(Number);
const SECRET = "bench-platform-secret-0123456789";

const gc = () => (global as { gc?: () => void }).gc?.();
const mib = (bytes: number) => bytes / 2 ** 20;

function ask<T>(child: ChildProcess, message: object, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type === reply) {
        child.off("message", on);
        resolve(m as T);
      }
    };
    child.on("message", on);
    child.send(message);
  });
}

async function main(): Promise<void> {
  const db = await startBenchDatabase("events");
  const config: AppConfig = {
    port: 0,
    host: "127.0.0.1",
    dataDir: "/nonexistent",
    jwtSecret: "bench-jwt-secret-that-is-long-enough-123",
    jwtTtlSeconds: 3600 * 4,
    platformOperatorSecret: SECRET,
    demoData: false,
    logLevel: "warn",
    corsOrigins: true,
    // One token stands for every board screen of the run.
    security: withoutPerCallerLimits({ sockets: true }),
  };
  const api = await startApi({ config, databaseUrl: db.appUrl, logger: createLogger("warn"), sweeper: false, poolMax: 10 });
  const gql = async (query: string, variables: object = {}, headers: Record<string, string> = {}) => {
    const res = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const password = "bench-password-123";
  const created = await gql(
    `mutation($i: CreateTenantInput!) { createTenant(input: $i) { headOffice { id } } }`,
    { i: { name: "Bench", slug: "bench", admin: { email: "admin@bench.test", name: "Admin", password } } },
    { "x-platform-operator-secret": SECRET },
  );
  void created;
  const token = (
    await gql(`mutation { login(tenantSlug: "bench", email: "admin@bench.test", password: "${password}") { token } }`)
  ).login.token;
  const auth = { authorization: `Bearer ${token}` };
  const officeId = (await gql(`mutation { createOffice(input: { name: "Bench office", code: "BE" }) { id } }`, {}, auth))
    .createOffice.id;

  const child = fork(path.join(__dirname, "subscriber-swarm.js"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);
  const swarm = { wsUrl: api.wsUrl, token, officeIds: [officeId] };

  gc();
  const base = process.memoryUsage();
  const memoryAt = (n: number) => {
    gc();
    const m = process.memoryUsage();
    return {
      subscribers: n,
      rssMiB: mib(m.rss),
      heapMiB: mib(m.heapUsed),
      perSubscriberKiB: n ? (m.rss - base.rss) / 1024 / n : 0,
      heapPerSubscriberKiB: n ? (m.heapUsed - base.heapUsed) / 1024 / n : 0,
    };
  };

  // Phase 1: latency to LATENCY_SUBSCRIBERS subscribers.
  progress(`connecting ${LATENCY_SUBSCRIBERS} subscribers`);
  const connected = await ask<{ total: number; failed: number }>(
    child,
    { type: "connect", config: swarm, count: LATENCY_SUBSCRIBERS },
    "connected",
  );
  progress(`connected ${connected.total} (${connected.failed} failed)`);
  const memory = [memoryAt(LATENCY_SUBSCRIBERS)];
  progress("registering tickets");
  const committed = new Map<string, number>();
  for (let i = 0; i < EVENTS; i++) {
    const data = await gql(
      `mutation($o: ID) { registerTicket(input: { type: REPAIR, channel: PHONE, officeId: $o, content: "bench ${i}" }) { id } }`,
      { o: officeId },
      auth,
    );
    committed.set(data.registerTicket.id, performance.timeOrigin + performance.now());
    await new Promise((r) => setTimeout(r, 40));
  }
  const expected = EVENTS * LATENCY_SUBSCRIBERS;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { n } = await ask<{ n: number }>(child, { type: "count" }, "count");
    if (n >= expected || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const { receipts, lost } = await ask<{ receipts: Record<string, Receipt>; lost: number }>(child, { type: "report" }, "report");
  if (lost) progress(`${lost} subscribers lost their socket after connecting`);
  const latencies: number[] = [];
  const lastSubscriber: number[] = [];
  let delivered = 0;
  for (const [ticketId, { times }] of Object.entries(receipts)) {
    const at = committed.get(ticketId);
    if (at === undefined) continue;
    delivered += times.length;
    for (const t of times) latencies.push(Math.max(0, t - at));
    lastSubscriber.push(Math.max(0, Math.max(...times) - at));
  }
  latencies.sort((x, y) => x - y);
  lastSubscriber.sort((x, y) => x - y);

  // Phase 2: how many subscribers one instance holds, and what each costs.
  const capacity: { subscribers: number; connected: number; failed: number; allDelivered: boolean }[] = [];
  let total = LATENCY_SUBSCRIBERS;
  for (const step of CAPACITY_STEPS.filter((s) => s > total)) {
    const res = await ask<{ total: number; failed: number }>(
      child,
      { type: "connect", config: swarm, count: step - total },
      "connected",
    );
    total = res.total;
    memory.push(memoryAt(total));
    const { lost: lostSoFar } = await ask<{ lost: number }>(child, { type: "report" }, "report");
    if (lostSoFar) progress(`${lostSoFar} subscribers lost their socket after connecting`);
    for (let i = 0; i < 3; i++) {
      await gql(
        `mutation($o: ID) { registerTicket(input: { type: HELP, channel: PHONE, officeId: $o, content: "capacity ${i}" }) { id } }`,
        { o: officeId },
        auth,
      );
    }
    const until = Date.now() + 60_000;
    let n = 0;
    while (Date.now() < until) {
      n = (await ask<{ n: number }>(child, { type: "count" }, "count")).n;
      if (n >= 3 * total) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    capacity.push({
      subscribers: step,
      connected: total - res.failed,
      failed: res.failed,
      allDelivered: n >= 3 * (total - res.failed),
    });
  }

  const exited = new Promise((r) => child.once("exit", r));
  child.send({ type: "close" });
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  child.kill();
  await api.stop();
  await db.stop();

  const result = {
    measuredAt: new Date().toISOString(),
    machine: machine(),
    database: db.description,
    latency: {
      subscribers: LATENCY_SUBSCRIBERS,
      events: EVENTS,
      deliveries: delivered,
      expectedDeliveries: expected,
      medianMs: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.at(-1) ?? NaN,
      lastSubscriberMedianMs: percentile(lastSubscriber, 50),
      lastSubscriberP99Ms: percentile(lastSubscriber, 99),
    },
    memory,
    capacity,
  };
  const dir = path.join(REPO_ROOT, "bench-results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "live-events.json"), JSON.stringify(result, null, 2));
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");
  const table = [
    `Live board events, one API instance (${result.machine}; ${result.database}; measured ${result.measuredAt.slice(0, 10)}):`,
    "",
    "| measure | value |",
    "|---|---|",
    `| commit → delivery, ${LATENCY_SUBSCRIBERS} subscribers, ${EVENTS} events: median / p99 / max | ${f(result.latency.medianMs)} / ${f(result.latency.p99Ms)} / ${f(result.latency.maxMs)} ms |`,
    `| commit → delivery to the last of the ${LATENCY_SUBSCRIBERS}: median / p99 | ${f(result.latency.lastSubscriberMedianMs)} / ${f(result.latency.lastSubscriberP99Ms)} ms |`,
    `| deliveries received / expected | ${delivered} / ${expected} |`,
    ...memory.map(
      (m) =>
        `| server memory at ${m.subscribers} subscribers: RSS / heap, per subscriber (RSS / heap) | ${f(m.rssMiB)} / ${f(m.heapMiB)} MiB, ${f(m.perSubscriberKiB)} / ${f(m.heapPerSubscriberKiB)} KiB |`,
    ),
    ...capacity.map(
      (c) =>
        `| ${c.subscribers} subscribers held: connected, all events delivered | ${c.connected} (${c.failed} failed), ${c.allDelivered ? "yes" : "no"} |`,
    ),
  ].join("\n");
  process.stdout.write(table + "\n");
  await updateReadmeSection("live-events", table);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
