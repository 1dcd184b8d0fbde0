import autocannon from "autocannon";

/** One GraphQL request of a load scenario. */
export interface GqlRequest {
  query: string;
  variables?: Record<string, unknown>;
}

export interface LoadScenario {
  name: string;
  /** What is measured, for the README table. */
  label: string;
  connections: number;
  /** A fresh request for every call (random ids, windows…). */
  request: () => GqlRequest;
  token?: string;
  /** Requests per second across all connections; default: as fast as the server answers. */
  overallRate?: number;
  durationSeconds: number;
  /** Called with every response body (e.g. to note when a write was acknowledged). */
  onBody?: (body: string) => void;
}

export interface LoadResult {
  name: string;
  label: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** SQL statements the API sent to the database for one request of the scenario (extensions.sqlStatements). */
  sqlStatements: number | null;
  /** Responses that were not 2xx, carried GraphQL errors, or never came. */
  failures: number;
}

export interface GqlClient {
  url: string;
  /** One request outside the load, for its data and SQL statement count. */
  post: (request: GqlRequest, token?: string, headers?: Record<string, string>) => Promise<GqlResponse>;
}

export interface GqlResponse {
  data?: any;
  errors?: unknown[];
  extensions?: { sqlStatements?: number };
}

export function gqlClient(url: string): GqlClient {
  return {
    url,
    post: async (request, token, headers = {}) => {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify(request),
      });
      return (await res.json()) as GqlResponse;
    },
  };
}

/** The data of a response; throws with the errors otherwise (a benchmark of failing requests measures nothing). */
export function dataOf(response: GqlResponse): any {
  if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data;
}

function run(
  url: string,
  scenario: LoadScenario,
  durationSeconds: number,
  onBody?: (body: string) => void,
): Promise<autocannon.Result & { graphqlErrors: number }> {
  let graphqlErrors = 0;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (scenario.token) headers.authorization = `Bearer ${scenario.token}`;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: "POST",
        headers,
        connections: scenario.connections,
        duration: durationSeconds,
        overallRate: scenario.overallRate,
        requests: [
          {
            method: "POST",
            setupRequest: (req) => ({ ...req, body: JSON.stringify(scenario.request()) }),
            onResponse: (_status, body) => {
              // A cheap look instead of parsing every answer: the load generator shares the CPU with the server.
              if (body.includes('"errors":')) graphqlErrors++;
              onBody?.(body);
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(Object.assign(result, { graphqlErrors }))),
    );
  });
}

/**
 * Runs a scenario with autocannon on loopback: a request outside the load first (it must succeed), a short
 * warm-up (plans, caches, JIT, a token's first use), another request outside the load for the SQL statement
 * count of a typical request, then the measured run.
 */
export async function runScenario(client: GqlClient, scenario: LoadScenario, warmupSeconds = 3): Promise<LoadResult> {
  dataOf(await client.post(scenario.request(), scenario.token));
  if (warmupSeconds > 0) await run(client.url, scenario, warmupSeconds);
  const probe = await client.post(scenario.request(), scenario.token);
  dataOf(probe);
  const result = await run(client.url, scenario, scenario.durationSeconds, scenario.onBody);
  return {
    name: scenario.name,
    label: scenario.label,
    connections: scenario.connections,
    durationSeconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.average,
    },
    sqlStatements: probe.extensions?.sqlStatements ?? null,
    failures: result.non2xx + result.errors + result.graphqlErrors,
  };
}
