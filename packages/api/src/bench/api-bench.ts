import "reflect-metadata";
import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { hashPassword } from "../auth/password";
import { REPO_ROOT } from "../config";
import { benchScale, generateTenantData, vacuumAnalyze, withIndexesDeferred, type BenchScale } from "./bench-data";
import { machine, percentile, startBenchDatabase } from "./bench-database";
import { API_ENV, API_NODE_FLAGS, BENCH_SECRET } from "./bench-server";
import { dataOf, gqlClient, runScenario, type GqlClient, type LoadResult, type LoadScenario } from "./load-scenario";
import { updateReadmeSection } from "./readme-section";
import type { Receipt } from "./subscriber-swarm";

/**
 * The API under load (not a test; `pnpm bench`): generates a realistic database (BENCH_SCALE, default one
 * million tickets in two groups), starts the API on it in a process of its own, and measures with autocannon on
 * loopback a trivial query (the stack's ceiling), ticket by id, an office's live board, a BI page of 100 tickets
 * with their relations, the head office's comparison of offices, and ticket registration while boards are
 * subscribed (with commit-to-delivery latency). Writes bench-results/api.json and the README table.
 */
const env = process.env;
const num = (name: string) => (env[name] === undefined ? undefined : Number(env[name]));
const DURATION = num("BENCH_DURATION") ?? 10;
const WARMUP = num("BENCH_WARMUP") ?? 3;
const SUBSCRIBERS = num("BENCH_SUBSCRIBERS") ?? 1000;
const FANOUT_RATE = num("BENCH_FANOUT_RATE") ?? 10;
/** BENCH_ONLY=name,name: only these scenarios (for A/B work; nothing is published). */
const ONLY = env.BENCH_ONLY ? new Set(env.BENCH_ONLY.split(",").map((s) => s.trim())) : null;
/** BENCH_ROUNDS: measure each scenario this many times per build (order alternating); the median round counts. */
const ROUNDS = Math.max(1, num("BENCH_ROUNDS") ?? 1);
const PASSWORD = "bench-password-123";

const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);

const CARD_FIELDS = `id number type channel severity status content contactName customerName unitLabel receivedAt replyDueAt
  resolveDueAt replyOverdue resolveOverdue timeUsed paused escalated receiverName assigneeName department reopenCount`;

export const BOARD_QUERY = `query($o: ID!) { board(officeId: $o) {
  asOfSequence counts { newTickets inProgress overdue total }
  newTickets { ${CARD_FIELDS} } inProgress { ${CARD_FIELDS} } overdue { ${CARD_FIELDS} } } }`;

/** What a BI tool pulls: a window of tickets with everything they refer to. */
export const BI_PAGE_QUERY = `query($from: DateTimeISO, $to: DateTimeISO, $first: Int!) {
  tickets(first: $first, orderBy: CREATED_ASC, filter: { createdFrom: $from, createdTo: $to, types: [COMPLAINT, REPAIR, HELP] }) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id number type channel severity status complaintClass validity content anonymous contactName receivedAt replyDueAt
      resolveDueAt resolvedAt closedAt replyOverdue resolveOverdue replyMet resolveMet reopenCount
      office { id code name } property { id name } unit { id building number } customer { id name phone }
      receiver { id name } assignee { id name } resolvedBy { id name }
      followUps { id status satisfaction method completedAt } spotChecks { id agrees satisfaction }
    }
  }
}`;

const TICKET_BY_ID = `query($id: ID!) { ticket(id: $id) {
  id number type channel severity status content contactName receivedAt replyDueAt resolveDueAt version } }`;

const OFFICE_COMPARISON = `query($from: LocalDate!, $to: LocalDate!) { officeComparison(from: $from, to: $to) {
  rows { officeId units satisfaction { value } followUpRate { value } collectionRate { value } replyCompliance { value }
         resolveCompliance { value } overdueNow complaintsPer100Units repairsPer100Units overduePer100Units
         spotCheckDisagreement { value } belowTarget }
  total { tickets } } }`;

const REGISTER = `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { id number office { id } } }`;

/** A board screen's subscription: every event of its office with the card to redraw. */
const BOARD_SUBSCRIPTION = `subscription($o: ID) { ticketEvents(officeId: $o) { sequence kind at ticketId officeId
  ticket { ${CARD_FIELDS} } } }`;

interface Child {
  process: ChildProcess;
  ask: <T>(message: object, reply: string) => Promise<T>;
}

function child(file: string, envVars: Record<string, string> = {}, execArgv: string[] = [], dir = __dirname): Child {
  const proc = fork(path.join(dir, file), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, ...envVars },
    execArgv,
  });
  return {
    process: proc,
    ask: (message, reply) =>
      new Promise((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`${file} exited with ${code}`));
        const on = (m: { type: string }) => {
          if (m.type !== reply) return;
          proc.off("message", on);
          proc.off("exit", onExit);
          resolve(m as never);
        };
        proc.on("message", on);
        proc.once("exit", onExit);
        if (Object.keys(message).length) proc.send(message);
      }),
  };
}

async function stopChild(c: Child, message: object): Promise<void> {
  if (c.process.exitCode !== null) return;
  const exited = new Promise((r) => c.process.once("exit", r));
  c.process.send(message);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (c.process.exitCode === null) c.process.kill();
}

const wall = () => performance.timeOrigin + performance.now();
const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

interface Deliveries {
  subscribers: number;
  events: number;
  deliveries: number;
  expected: number;
  /** From the writer receiving the acknowledgement of the commit to a subscriber receiving the event. */
  commitToDeliveryMs: { p50: number; p99: number; max: number };
  /** From the event's server time (before the commit) to delivery: an upper bound. */
  eventToDeliveryMs: { p50: number; p99: number };
  serverMemoryPerSubscriberKiB: number;
}

/** Writes under load with board screens subscribed: autocannon registers tickets, a child process holds the boards. */
async function writesWithBoards(
  client: GqlClient,
  wsUrl: string,
  server: Child,
  token: string,
  officeIds: string[],
  targets: { officeId: string; unitId: string; customerId: string }[],
  scenario: Pick<LoadScenario, "name" | "label" | "connections" | "overallRate">,
): Promise<{ load: LoadResult; deliveries: Deliveries }> {
  const memoryBefore = await server.ask<{ usage: NodeJS.MemoryUsage }>({ type: "memory" }, "memory");
  const swarm = child("subscriber-swarm.js");
  try {
    const connected = await swarm.ask<{ total: number; failed: number }>(
      { type: "connect", config: { wsUrl, token, officeIds, query: BOARD_SUBSCRIPTION }, count: SUBSCRIBERS },
      "connected",
    );
    if (connected.failed) throw new Error(`${connected.failed} of ${connected.total} subscribers failed to connect`);
    const memoryAfter = await server.ask<{ usage: NodeJS.MemoryUsage }>({ type: "memory" }, "memory");
    // How many boards watch each office: every ticket registered there must reach that many.
    const watchers = new Map<string, number>();
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const o = officeIds[i % officeIds.length]!;
      watchers.set(o, (watchers.get(o) ?? 0) + 1);
    }
    const eligible = targets.filter((t) => watchers.has(t.officeId));
    const acknowledged = new Map<string, { at: number; office: string }>();
    let n = 0;
    const load = await runScenario(
      client,
      {
        ...scenario,
        durationSeconds: DURATION,
        token,
        request: () => {
          const t = pick(eligible);
          const input = { type: "REPAIR", channel: "PHONE", officeId: t.officeId, unitId: t.unitId, customerId: t.customerId };
          return { query: REGISTER, variables: { i: { ...input, content: `bench ${n++}` } } };
        },
        onBody: (body) => {
          const at = wall();
          const ticket = (JSON.parse(body) as { data?: { registerTicket?: { id: string; office: { id: string } } } }).data
            ?.registerTicket;
          if (ticket) acknowledged.set(ticket.id, { at, office: ticket.office.id });
        },
      },
      WARMUP,
    );
    // Only the measured run's tickets count (the probe's and the warm-up's were delivered too).
    let expected = 0;
    for (const { office } of acknowledged.values()) expected += watchers.get(office) ?? 0;
    type Receipts = Record<string, Receipt>;
    const received = (receipts: Receipts) => {
      let count = 0;
      for (const id of acknowledged.keys()) count += receipts[id]?.times.length ?? 0;
      return count;
    };
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const { receipts } = await swarm.ask<{ receipts: Receipts }>({ type: "peek" }, "peek");
      if (received(receipts) >= expected) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const { receipts } = await swarm.ask<{ receipts: Receipts }>({ type: "report" }, "report");
    const commit: number[] = [];
    const fromEvent: number[] = [];
    for (const [id, ack] of acknowledged) {
      for (const t of receipts[id]?.times ?? []) {
        commit.push(Math.max(0, t - ack.at));
        fromEvent.push(Math.max(0, t - receipts[id]!.at));
      }
    }
    commit.sort((a, b) => a - b);
    fromEvent.sort((a, b) => a - b);
    return {
      load,
      deliveries: {
        subscribers: SUBSCRIBERS,
        events: acknowledged.size,
        deliveries: received(receipts),
        expected,
        commitToDeliveryMs: { p50: percentile(commit, 50), p99: percentile(commit, 99), max: commit.at(-1) ?? NaN },
        eventToDeliveryMs: { p50: percentile(fromEvent, 50), p99: percentile(fromEvent, 99) },
        serverMemoryPerSubscriberKiB: (memoryAfter.usage.rss - memoryBefore.usage.rss) / 1024 / SUBSCRIBERS,
      },
    };
  } finally {
    await stopChild(swarm, { type: "close" });
  }
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const loadBefore = os.loadavg();
  const scale: BenchScale = benchScale(num("BENCH_SCALE") ?? 1, {
    tenants: num("BENCH_TENANTS"),
    offices: num("BENCH_OFFICES"),
    unitsPerOffice: num("BENCH_UNITS"),
    months: num("BENCH_MONTHS"),
  });
  progress(
    `scale: ${scale.tenants} groups × ${scale.offices} offices × ${scale.unitsPerOffice} units × ${scale.months} months = ` +
      `${(scale.tickets * scale.tenants).toLocaleString("en")} tickets`,
  );
  const db = await startBenchDatabase("api");
  const server = child("bench-server.js", { ...API_ENV, BENCH_APP_DATABASE_URL: db.appUrl }, ["--expose-gc", ...API_NODE_FLAGS]);
  // BENCH_COMPARE=<dist/bench of another build>: the same scenarios against that build too, interleaved.
  const other = env.BENCH_COMPARE
    ? child(
        "bench-server.js",
        { ...API_ENV, BENCH_APP_DATABASE_URL: db.appUrl },
        ["--expose-gc", ...API_NODE_FLAGS],
        path.resolve(env.BENCH_COMPARE),
      )
    : null;
  const admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  try {
    const { url, wsUrl } = await server.ask<{ url: string; wsUrl: string }>({}, "ready");
    const client = gqlClient(url);
    const managerHash = await hashPassword(PASSWORD);
    const generationStarted = Date.now();
    const groups: { slug: string; tenantId: string; officeIds: string[] }[] = [];
    await withIndexesDeferred(admin, progress, async () => {
      for (let g = 1; g <= scale.tenants; g++) {
        const slug = `bench${g}`;
        const tenantId = dataOf(
          await client.post(
            {
              query: `mutation($i: CreateTenantInput!) { createTenant(input: $i) { tenant { id } } }`,
              variables: {
                i: { name: `Bench ${g}`, slug, admin: { email: `admin@${slug}.test`, name: "Admin", password: PASSWORD } },
              },
            },
            undefined,
            { "x-platform-operator-secret": BENCH_SECRET },
          ),
        ).createTenant.tenant.id as string;
        progress(`group ${slug}: generating ${scale.tickets.toLocaleString("en")} tickets`);
        const { officeIds } = await generateTenantData(admin, tenantId, scale, progress, {
          seed: g / (scale.tenants + 1),
          managerPasswordHash: managerHash,
          emailDomain: `${slug}.test`,
        });
        groups.push({ slug, tenantId, officeIds });
      }
    });
    await vacuumAnalyze(admin, progress);
    const generationSeconds = (Date.now() - generationStarted) / 1000;
    progress(`data generated in ${generationSeconds.toFixed(0)} s`);

    const [main] = groups;
    const login = async (email: string) =>
      dataOf(
        await client.post({
          query: `mutation($e: String!, $p: String!) { login(tenantSlug: "${main!.slug}", email: $e, password: $p) { token } }`,
          variables: { e: email, p: PASSWORD },
        }),
      ).login.token as string;
    const adminToken = await login(`admin@${main!.slug}.test`);
    const managerToken = await login(`o001.manager@${main!.slug}.test`);
    const biToken = dataOf(
      await client.post({ query: `mutation { createApiToken(input: { name: "BI" }) { token } }` }, adminToken),
    ).createApiToken.token as string;
    const office = main!.officeIds[0]!;
    const ticketIds = (
      await admin.query<{ id: string }>(
        "select id from ticket where tenant_id = $1 and office_id = $2 order by random() limit 2000",
        [main!.tenantId, office],
      )
    ).rows.map((r) => r.id);
    const writeTargets = (
      await admin.query<{ office_id: string; unit_id: string; customer_id: string }>(
        `select c.office_id, cu.unit_id, c.id as customer_id from customer c
           join customer_unit cu on cu.tenant_id = c.tenant_id and cu.customer_id = c.id
          where c.tenant_id = $1 order by random() limit 5000`,
        [main!.tenantId],
      )
    ).rows.map((r) => ({ officeId: r.office_id, unitId: r.unit_id, customerId: r.customer_id }));
    const { rows: span } = await admin.query<{ first: Date; last: Date }>(
      "select min(created_at) as first, max(created_at) as last from ticket where tenant_id = $1",
      [main!.tenantId],
    );
    const first = span[0]!.first.getTime();
    const last = span[0]!.last.getTime();
    const today = new Date();
    const yearAgo = new Date(today.getTime() - 365 * 86_400_000);
    const tomorrow = new Date(today.getTime() + 86_400_000);

    if (env.BENCH_PAUSE) {
      // For EXPLAIN sessions: the generated database and the API stay up until the process is interrupted.
      const session = {
        url,
        adminUrl: db.adminUrl,
        adminToken,
        managerToken,
        biToken,
        office,
        appUrl: db.appUrl,
        ticketIds: ticketIds.slice(0, 20),
      };
      writeFileSync(env.BENCH_PAUSE, JSON.stringify(session, null, 2));
      progress(`paused; session in ${env.BENCH_PAUSE}`);
      await new Promise((resolve) => process.once("SIGINT", resolve));
      return;
    }
    const scenarios: LoadScenario[] = [
      {
        name: "baseline",
        label: "baseline: `{ __typename }` (no sign-in, no SQL)",
        connections: 32,
        durationSeconds: DURATION,
        request: () => ({ query: "{ __typename }" }),
      },
      {
        name: "ticketById",
        label: "ticket by id (office manager)",
        connections: 32,
        durationSeconds: DURATION,
        token: managerToken,
        request: () => ({ query: TICKET_BY_ID, variables: { id: pick(ticketIds) } }),
      },
      {
        name: "board",
        label: "office board (open tickets with receiver, assignee, customer, unit)",
        connections: 8,
        durationSeconds: DURATION,
        token: managerToken,
        request: () => ({ query: BOARD_QUERY, variables: { o: office } }),
      },
      {
        name: "biPage",
        label: "BI page: 100 tickets with all relations, filtered by type and a created window",
        connections: 4,
        durationSeconds: DURATION,
        token: biToken,
        request: () => {
          const from = first + Math.random() * (last - first - 30 * 86_400_000);
          return {
            query: BI_PAGE_QUERY,
            variables: { first: 100, from: new Date(from).toISOString(), to: new Date(from + 30 * 86_400_000).toISOString() },
          };
        },
      },
      {
        name: "officeComparison",
        label: "head office: officeComparison, a year",
        connections: 4,
        durationSeconds: DURATION,
        token: adminToken,
        request: () => ({ query: OFFICE_COMPARISON, variables: { from: isoDay(yearAgo), to: isoDay(tomorrow) } }),
      },
    ];
    interface Target {
      name: string;
      server: Child;
      client: GqlClient;
      wsUrl: string;
      results: LoadResult[];
      deliveries: Record<string, Deliveries>;
    }
    const targets: Target[] = [{ name: "current", server, client, wsUrl, results: [], deliveries: {} }];
    if (other) {
      const ready = await other.ask<{ url: string; wsUrl: string }>({}, "ready");
      targets.unshift({
        name: "compared",
        server: other,
        client: gqlClient(ready.url),
        wsUrl: ready.wsUrl,
        results: [],
        deliveries: {},
      });
    }
    const show = (t: Target, r: LoadResult) =>
      progress(
        `  ${targets.length > 1 ? `${t.name}: ` : ""}${r.requestsPerSecond.toFixed(0)} req/s, p50 ${r.latencyMs.p50} ms, ` +
          `p99 ${r.latencyMs.p99} ms, ${r.sqlStatements} SQL statements, ${r.failures} failures`,
      );
    // Each round runs every build once, in alternating order, so drift on a shared machine hits both alike.
    const inRounds = async <R extends { load: LoadResult }>(
      measure: (t: Target) => Promise<R>,
      keep: (t: Target, r: R) => void,
    ) => {
      const rounds = new Map<Target, R[]>(targets.map((t) => [t, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const t of round % 2 ? [...targets].reverse() : targets) rounds.get(t)!.push(await measure(t));
      }
      for (const t of targets) {
        const sorted = rounds.get(t)!.sort((a, b) => a.load.requestsPerSecond - b.load.requestsPerSecond);
        keep(t, sorted[Math.floor(sorted.length / 2)]!);
      }
    };
    for (const scenario of scenarios.filter((s) => !ONLY || ONLY.has(s.name))) {
      progress(`measuring ${scenario.name} (${scenario.connections} connections, ${DURATION} s)`);
      await inRounds(
        async (t) => {
          const load = await runScenario(t.client, scenario, WARMUP);
          show(t, load);
          return { load };
        },
        (t, r) => t.results.push(r.load),
      );
    }
    const writeScenarios = [
      {
        officeIds: main!.officeIds,
        scenario: {
          name: "writesWithBoards",
          label: `register tickets while ${SUBSCRIBERS} boards (all offices) are subscribed`,
          connections: 8,
        },
      },
      {
        officeIds: [office],
        scenario: {
          name: "fanOut",
          label: `register tickets at ${FANOUT_RATE}/s, each to ${SUBSCRIBERS} boards of one office`,
          connections: 2,
          overallRate: FANOUT_RATE,
        },
      },
    ];
    for (const { officeIds, scenario } of writeScenarios.filter((w) => !ONLY || ONLY.has(w.scenario.name))) {
      progress(`${scenario.label}`);
      await inRounds(
        async (t) => {
          const measured = await writesWithBoards(t.client, t.wsUrl, t.server, adminToken, officeIds, writeTargets, scenario);
          show(t, measured.load);
          const d = measured.deliveries.commitToDeliveryMs;
          progress(`  commit → delivery p50 ${d.p50.toFixed(1)} ms, p99 ${d.p99.toFixed(1)} ms`);
          return measured;
        },
        (t, measured) => {
          t.results.push(measured.load);
          t.deliveries[scenario.name] = measured.deliveries;
        },
      );
    }
    const current = targets.at(-1)!;
    const results = current.results;
    if (other) {
      const before = targets[0]!;
      const lines = [
        `| scenario | req/s compared → current | p99 ms compared → current | SQL statements compared → current |`,
        "| --- | --- | --- | --- |",
        ...before.results.map((b, i) => {
          const a = current.results[i]!;
          return `| ${a.label} | ${b.requestsPerSecond.toFixed(0)} → ${a.requestsPerSecond.toFixed(0)} | ${b.latencyMs.p99} → ${a.latencyMs.p99} | ${b.sqlStatements} → ${a.sqlStatements} |`;
        }),
        ...Object.keys(current.deliveries).map((name) => {
          const b = before.deliveries[name]!.commitToDeliveryMs;
          const a = current.deliveries[name]!.commitToDeliveryMs;
          return `| ${name}: commit → delivery p50 / p99 ms | ${b.p50.toFixed(1)} / ${b.p99.toFixed(1)} → ${a.p50.toFixed(1)} / ${a.p99.toFixed(1)} | | |`;
        }),
      ];
      mkdirSync(path.join(REPO_ROOT, "bench-results"), { recursive: true });
      writeFileSync(
        path.join(REPO_ROOT, "bench-results", "api-compare.json"),
        JSON.stringify(
          { measuredAt: new Date().toISOString(), compared: env.BENCH_COMPARE, targets },
          (k, v) => (k === "server" || k === "client" ? undefined : v),
          2,
        ) + "\n",
      );
      process.stdout.write(`\n${lines.join("\n")}\n`);
    }

    // A partial run, or a comparison (two builds share the machine), is for the comparison only: nothing published.
    if (other || ONLY) return;
    const spread = { deliveries: current.deliveries.writesWithBoards! };
    const fanout = { deliveries: current.deliveries.fanOut! };
    const baseline = results[0]!.requestsPerSecond;
    const report = {
      measuredAt: new Date().toISOString(),
      machine: machine(),
      loadAverageBefore: loadBefore,
      database: db.description,
      scale,
      totalTickets: scale.tickets * scale.tenants,
      generationSeconds,
      durationSeconds: DURATION,
      scenarios: results.map((r) => ({ ...r, ratioToBaseline: r.requestsPerSecond / baseline })),
      writesWithBoards: spread.deliveries,
      fanOut: fanout.deliveries,
      totalSeconds: (Date.now() - startedAt) / 1000,
    };
    const table = readmeTable(report);
    process.stdout.write(`\n${table}\n`);
    const dir = path.join(REPO_ROOT, "bench-results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "api.json"), JSON.stringify(report, null, 2) + "\n");
    await updateReadmeSection("api", table);
  } finally {
    if (other) await stopChild(other, { type: "stop" });
    await stopChild(server, { type: "stop" });
    await admin.end();
    await db.stop();
  }
}

function readmeTable(report: {
  measuredAt: string;
  machine: string;
  loadAverageBefore: number[];
  database: string;
  totalTickets: number;
  scale: BenchScale;
  generationSeconds: number;
  durationSeconds: number;
  scenarios: (LoadResult & { ratioToBaseline: number })[];
  writesWithBoards: Deliveries;
  fanOut: Deliveries;
  totalSeconds: number;
}): string {
  const f0 = (x: number) => (Number.isFinite(x) ? x.toLocaleString("en", { maximumFractionDigits: 0 }) : "–");
  const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");
  const shared = report.loadAverageBefore[0]! > 0.5;
  const d = (x: Deliveries) =>
    `${f1(x.commitToDeliveryMs.p50)} / ${f1(x.commitToDeliveryMs.p99)} ms (${f0(x.deliveries)} of ${f0(x.expected)} deliveries)`;
  return [
    `${f0(report.totalTickets)} tickets (${report.scale.tenants} groups × ${report.scale.offices} offices × ` +
      `${f0(report.scale.unitsPerOffice)} units × ${report.scale.months} months, generated in ${f0(report.generationSeconds)} s), ` +
      `${report.database}; ${report.durationSeconds} s per row after a warm-up, autocannon on loopback.`,
    "",
    "| scenario | connections | req/s | × baseline | latency median / p99 | SQL statements per request |",
    "| --- | --- | --- | --- | --- | --- |",
    ...report.scenarios.map(
      (s) =>
        `| ${s.label} | ${s.connections} | ${f0(s.requestsPerSecond)} | ${s.ratioToBaseline.toFixed(3)} | ` +
        `${f1(s.latencyMs.p50)} / ${f1(s.latencyMs.p99)} ms | ${s.sqlStatements ?? "–"}${s.failures ? ` (${s.failures} failed)` : ""} |`,
    ),
    "",
    `Commit → delivery (median / p99): while writing with ${report.writesWithBoards.subscribers} boards spread over the offices ` +
      `${d(report.writesWithBoards)}; to ${report.fanOut.subscribers} boards of one office ${d(report.fanOut)}. ` +
      `Server RSS growth per subscribed board ≈ ${f0(report.writesWithBoards.serverMemoryPerSubscriberKiB)} KiB ` +
      "(`bench:events` measures memory per subscriber properly).",
    "",
    `Measured ${report.measuredAt.slice(0, 10)} on ${report.machine} in ${f0(report.totalSeconds / 60)} min` +
      (shared
        ? `, on a shared machine (load average ${report.loadAverageBefore[0]!.toFixed(1)} before the run): compare the ratios, not the absolute figures.`
        : ".") +
      " Raw numbers: `bench-results/api.json`.",
  ].join("\n");
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
