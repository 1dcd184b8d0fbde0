import "reflect-metadata";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { MikroORM } from "@mikro-orm/postgresql";
import express from "express";
import proxyAddr from "proxy-addr";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SessionTokens } from "./auth/jwt";
import { createErrorFormatter } from "./common/errors/format-error";
import { createLogger, type Logger } from "./common/logger";
import type { AppConfig } from "./config";
import type { AppServices } from "./context/app-services";
import { PrincipalCache } from "./context/principal-cache";
import type { Context } from "./context/context.type";
import { DEFAULT_DATABASE_LIMITS, initOrm } from "./database/orm";
import { buildAppSchema } from "./schema";
import { graphqlHttpHandler, isGraphqlPath } from "./server/graphql-http";
import { buildHttpContext } from "./server/http-context";
import { rejectHttpSubscriptions } from "./server/http-subscriptions";
import { serveConsole } from "./server/static-console";
import { transactionPlugin } from "./server/transaction-plugin";
import { attachWebSocketServer } from "./server/ws-server";
import { EventHub } from "./modules/events/event-hub";
import { PgListener } from "./modules/events/pg-listener";
import { LiveSessions, REVOCATION_CHANNEL, type Revocation } from "./modules/session/live-sessions";
import { OverdueSweeper } from "./modules/tickets/overdue-sweeper";
import { MonthFold } from "./modules/reports/month-fold";
import { queryLimitsPlugin } from "./security/query-limits/apollo-query-limits";
import { OperationChecks } from "./security/query-limits/operation-checks";
import { spendHttpBudget } from "./security/rate-limits/http-rate-limit";
import { LoginThrottle } from "./security/rate-limits/login-throttle";
import { RequestRateLimiter } from "./security/rate-limits/request-rate-limiter";
import { drainInstance } from "./server/lifecycle/drain-instance";
import { HttpDrain } from "./server/lifecycle/http-drain";
import { mountHealth, Readiness } from "./server/lifecycle/readiness";

/** How long an operation whose client left may still run before its unit of work is rolled back regardless. */
const ABANDONED_REQUEST_GRACE_MS = 60_000;

/** Channel the commit-time trigger of ticket_event notifies (see the events migration). */
const EVENT_CHANNEL = "ticket_events";

export interface ApiOptions {
  config: AppConfig;
  /** Connection string of the app role (not owner, not superuser). */
  databaseUrl: string;
  logger?: Logger;
  now?: () => Date;
  /** ORM-level tenant filter; false only to prove row-level security holds alone. */
  ormTenantFilter?: boolean;
  /** Adds `extensions.sqlStatements` to every response (tests, benchmarks). */
  exposeSqlCount?: boolean;
  /** Serve the built console from packages/web/dist. */
  serveWebConsole?: boolean;
  poolMax?: number;
  /** Run the overdue sweep and the month rollup's fold in this instance (default on); and how often. */
  sweeper?: boolean;
  sweepIntervalMs?: number;
  /** How often subscribed tenants are checked for events a lost notification would hide (default 10 s). */
  resyncIntervalMs?: number;
}

export interface RunningApi {
  url: string;
  wsUrl: string;
  httpServer: Server;
  orm: MikroORM;
  services: AppServices;
  consoleServed: boolean;
  listener: PgListener;
  sweeper: OverdueSweeper | null;
  monthFold: MonthFold | null;
  stop: () => Promise<void>;
}

/** Starts one API instance: GraphQL over HTTP and graphql-ws on the same port, plus the console if built. */
export async function startApi(options: ApiOptions): Promise<RunningApi> {
  const logger = options.logger ?? createLogger(options.config.logLevel);
  const orm = await initOrm({
    clientUrl: options.databaseUrl,
    ormTenantFilter: options.ormTenantFilter,
    poolMax: options.poolMax,
    limits: { ...DEFAULT_DATABASE_LIMITS, ...options.config.databaseLimits },
    driverLog: (message) => logger.debug("database driver", { message }),
  });
  const now = options.now ?? (() => new Date());
  const services: AppServices = {
    orm,
    config: options.config,
    logger,
    sessions: new SessionTokens(options.config.jwtSecret, options.config.jwtTtlSeconds),
    now,
    events: new EventHub(orm, logger, now),
    liveSessions: new LiveSessions(),
    rateLimiter: new RequestRateLimiter(options.config.security),
    loginThrottle: new LoginThrottle(orm, options.config.security),
    principals: new PrincipalCache(),
  };
  // Committed events and session revocations of every instance arrive here (LISTEN/NOTIFY).
  const listener = new PgListener({
    url: options.databaseUrl,
    channels: [EVENT_CHANNEL, REVOCATION_CHANNEL],
    logger,
    onConnected: () => services.events.resync(),
    onNotification: (channel, payload) => {
      try {
        const message = JSON.parse(payload) as { t: string; s: number } & Revocation;
        if (channel === EVENT_CHANNEL) services.events.notified(message.t, Number(message.s));
        else {
          services.principals.forget(message);
          services.liveSessions.revoke(message);
        }
      } catch (error) {
        logger.warn("unreadable notification", { channel, payload, error });
      }
    },
  });
  listener.start();
  const resync = setInterval(() => services.events.resync(), options.resyncIntervalMs ?? 10_000);
  resync.unref();
  const sweeper = options.sweeper === false ? null : new OverdueSweeper(orm, logger, now, options.sweepIntervalMs ?? 1000);
  sweeper?.start();
  const monthFold = options.sweeper === false ? null : new MonthFold(orm, logger, options.sweepIntervalMs ?? 1000);
  monthFold?.start();
  const schema = await buildAppSchema();
  const formatError = createErrorFormatter(logger);
  const security = options.config.security;
  const checks = new OperationChecks(schema, security);

  const app = express();
  app.disable("x-powered-by");
  // A GraphQL response is never revalidated by its ETag: hashing every body (100 KB for a BI page) is waste.
  app.set("etag", false);
  app.set("trust proxy", security.trustProxy);
  const httpServer = createServer();
  const httpDrain = new HttpDrain(httpServer);
  const readiness = new Readiness();
  const clientAddress = (req: IncomingMessage) => proxyAddr(req, app.get("trust proxy fn"));
  const ws = attachWebSocketServer(httpServer, schema, services, formatError, { checks, clientAddress });

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Not left to NODE_ENV (Apollo's default is off in production): the query limits decide who may read the schema.
    introspection: true,
    // The process's own signal handling drains the instance (readiness, in-flight work, then 1012 to sockets).
    // Apollo's handlers, on by default outside NODE_ENV=test, stopped it first: sockets got 1001 and no drain.
    stopOnTerminationSignals: false,
    parseOptions: checks.parseOptions,
    validationRules: checks.rules,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      queryLimitsPlugin(checks),
      // No field uses @cacheControl; the default plugin walks every resolved field to compute a policy anyway.
      ApolloServerPluginCacheControlDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await ws.dispose();
            },
          };
        },
      },
      transactionPlugin(logger, options.exposeSqlCount ?? false),
      rejectHttpSubscriptions(),
    ],
  });
  await apollo.start();

  mountHealth(app, orm, readiness);
  const graphql = graphqlHttpHandler({
    apollo,
    corsOrigins: options.config.corsOrigins,
    maxPayloadBytes: security.maxPayloadBytes,
    logger,
    context: async (req, res) => {
      const context = await buildHttpContext(services, req, clientAddress(req));
      // Safety net: a response that ends without Apollo's hooks still releases its transaction. A client that goes
      // away mid-request does not cut the operation short: it runs to its end and is committed or rolled back by
      // the transaction plugin like any other (a retry with its idempotency key then finds it); only a unit of
      // work still open long after that is rolled back here.
      res.on("close", () => {
        const release = () => void context.session?.db.close(false).catch(() => undefined);
        if (res.writableFinished) release();
        else setTimeout(release, ABANDONED_REQUEST_GRACE_MS).unref();
      });
      await spendHttpBudget(context, res);
      return context;
    },
  });
  httpServer.on("request", (req, res) => (isGraphqlPath(req.url) ? graphql(req, res) : app(req, res)));
  const consoleServed = options.serveWebConsole ? serveConsole(app) : false;

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", reject);
      httpServer.listen(options.config.port, options.config.host, () => {
        httpServer.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    // Nothing may keep running when the port cannot be had: release what was started, then say why.
    clearInterval(resync);
    await sweeper?.stop();
    await monthFold?.stop();
    await apollo.stop().catch(() => undefined);
    await listener.stop();
    services.principals.close();
    await orm.close(true);
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(
        `Port ${options.config.port} on ${options.config.host} is already in use: stop the other process or start with PORT=<another port>.`,
      );
    }
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  const host = options.config.host.includes(":") ? `[${options.config.host}]` : options.config.host;
  return {
    url: `http://${host}:${port}/graphql`,
    wsUrl: `ws://${host}:${port}/graphql`,
    httpServer,
    orm,
    services,
    consoleServed,
    listener,
    sweeper,
    monthFold,
    stop: async () => {
      await drainInstance({
        readiness,
        http: httpDrain,
        ws,
        logger,
        delayMs: security.shutdownDelayMs,
        graceMs: security.shutdownGraceMs,
      });
      clearInterval(resync);
      await sweeper?.stop();
      await monthFold?.stop();
      await apollo.stop();
      await listener.stop();
      services.principals.close();
      await orm.close(true);
    },
  };
}
