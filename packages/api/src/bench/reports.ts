import "reflect-metadata";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { Client } from "pg";
import { startApi } from "../app";
import { REPO_ROOT, type AppConfig } from "../config";
import { createLogger } from "../common/logger";
import { machine, percentile, startBenchDatabase } from "./bench-database";
import { updateReadmeSection } from "./readme-section";
import { generateTenantData, reportDataShape, vacuumAnalyze, withIndexesDeferred } from "./bench-data";
import { withoutPerCallerLimits } from "../security/security.config";

/**
 * Report benchmark (not a test): `officeComparison` for a year at BENCH_TICKETS tickets (default one
 * million), through the whole stack (HTTP, auth, tenant transaction, row-level security, SQL, JSON), next to a
 * plain `SELECT count(*)` over the same ticket table on the same server, as a ratio. Run with
 * `pnpm --filter @psp/api bench:reports`.
 */
const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SECRET = "bench-platform-secret-0123456789";

const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);

async function timed(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; min: number; p90: number }> {
  for (let i = 0; i < 2; i++) await fn(); // warm caches and plans
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), min: times[0]!, p90: percentile(times, 90) };
}

async function main(): Promise<void> {
  const db = await startBenchDatabase("reports");
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
  const admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  try {
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
    const tenantId = (
      await gql(
        `mutation($i: CreateTenantInput!) { createTenant(input: $i) { tenant { id } } }`,
        { i: { name: "Bench", slug: "bench", admin: { email: "admin@bench.test", name: "Admin", password } } },
        { "x-platform-operator-secret": SECRET },
      )
    ).createTenant.tenant.id;
    const size = reportDataShape(TICKETS);
    progress(
      `generating ${size.tickets.toLocaleString()} tickets in ${size.offices} offices with ${(size.unitsPerOffice * size.offices).toLocaleString()} units…`,
    );
    const generationStarted = Date.now();
    await withIndexesDeferred(admin, progress, () => generateTenantData(admin, tenantId, size, progress));
    await vacuumAnalyze(admin, progress);
    const generationSeconds = (Date.now() - generationStarted) / 1000;
    const token = (
      await gql(`mutation { login(tenantSlug: "bench", email: "admin@bench.test", password: "${password}") { token } }`)
    ).login.token;
    const auth = { authorization: `Bearer ${token}` };

    const today = DateTime.now().setZone("Asia/Shanghai").startOf("day");
    const year = { from: today.minus({ years: 1 }).toISODate(), to: today.plus({ days: 1 }).toISODate() };
    const month = { from: today.minus({ months: 1 }).toISODate(), to: today.plus({ days: 1 }).toISODate() };
    const comparisonQuery = `query($from: LocalDate!, $to: LocalDate!) { officeComparison(from: $from, to: $to) {
      rows { officeId units satisfaction { value } followUpRate { value } collectionRate { value } replyCompliance { value }
             resolveCompliance { value } overdueNow complaintsPer100Units repairsPer100Units overduePer100Units spotCheckDisagreement { value } belowTarget }
      total { tickets satisfaction { numerator denominator } } } }`;
    const check = await gql(comparisonQuery, year, auth);
    const counted = check.officeComparison.total.tickets as number;
    progress(`officeComparison covers ${counted.toLocaleString()} tickets in ${check.officeComparison.rows.length} offices`);

    const total = (await admin.query<{ total: string }>("select count(*) as total from ticket")).rows[0]!.total;
    const countStar = await timed(RUNS, () => admin.query("select count(*) from ticket"));
    const comparisonYear = await timed(RUNS, () => gql(comparisonQuery, year, auth));
    const comparisonMonth = await timed(RUNS, () => gql(comparisonQuery, month, auth));
    const biQuery = `query($from: LocalDate!, $to: LocalDate!) { slaReport(from: $from, to: $to, groupBy: [OFFICE, MONTH]) { officeId month replyCompliance { value } resolveCompliance { value } } }`;
    const slaByOfficeMonth = await timed(RUNS, () => gql(biQuery, year, auth));

    const ratio = comparisonYear.median / countStar.median;
    const result = {
      when: new Date().toISOString(),
      machine: machine(),
      database: db.description,
      tickets: Number(total),
      offices: size.offices,
      units: size.unitsPerOffice * size.offices,
      generationSeconds,
      runs: RUNS,
      countStarMs: countStar,
      officeComparisonYearMs: comparisonYear,
      officeComparisonMonthMs: comparisonMonth,
      slaReportByOfficeAndMonthYearMs: slaByOfficeMonth,
      ratioYearToCountStar: ratio,
    };
    const dir = path.join(REPO_ROOT, "bench-results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "reports.json"), JSON.stringify(result, null, 2) + "\n");
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    const lines = [
      `| ${Number(total).toLocaleString("en")} tickets, ${size.offices} offices, ${(size.unitsPerOffice * size.offices).toLocaleString("en")} units (${db.description}) | median of ${RUNS} |`,
      "| --- | --- |",
      `| \`SELECT count(*) FROM ticket\` (baseline) | ${ms(countStar.median)} |`,
      `| \`officeComparison\`, a year, over HTTP | ${ms(comparisonYear.median)} (**${ratio.toFixed(1)}×** the count) |`,
      `| \`officeComparison\`, a month | ${ms(comparisonMonth.median)} |`,
      `| \`slaReport\` by office and month, a year | ${ms(slaByOfficeMonth.median)} |`,
      "",
      `Measured ${result.when.slice(0, 10)} on ${result.machine}; data generated in ${generationSeconds.toFixed(0)} s. Raw numbers: \`bench-results/reports.json\`.`,
    ];
    process.stdout.write(`\n${lines.join("\n")}\n`);
    await updateReadmeSection("reports", lines.join("\n"));
  } finally {
    await admin.end();
    await api.stop();
    // BENCH_KEEP=1 leaves the database for EXPLAIN sessions.
    if (process.env.BENCH_KEEP) progress(`kept: ${db.adminUrl}`);
    else await db.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
