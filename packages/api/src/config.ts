import { z } from "zod";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DatabaseLimits } from "./database/orm";
import { securityConfigFrom, securityEnvSchema, type SecurityConfig } from "./security/security.config";

/** The repository root, found from this file whether it runs from `src/` (tests) or `dist/` (product). */
export const REPO_ROOT = path.resolve(__dirname, "../../..");

const envSchema = z
  .object({
    DATABASE_URL: z.string().url().optional(),
    APP_DATABASE_URL: z.string().url().optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default("127.0.0.1"),
    DATA_DIR: z.string().optional(),
    JWT_SECRET: z.string().min(32, "JWT_SECRET must be at least 32 characters").optional(),
    JWT_TTL_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(12 * 3600),
    PLATFORM_OPERATOR_SECRET: z.string().min(16, "PLATFORM_OPERATOR_SECRET must be at least 16 characters").optional(),
    DEMO_DATA: z
      .enum(["true", "false", "1", "0"])
      .default("true")
      .transform((v) => v === "true" || v === "1"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    CORS_ORIGINS: z.string().optional(),
    DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
    DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  })
  .merge(securityEnvSchema);

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** Everything the API needs to run, validated once at boot. */
export interface AppConfig {
  /** Connection for migrations and role set-up (table owner). Absent: an embedded PostgreSQL is started. */
  adminDatabaseUrl?: string;
  /** Connection the API uses at run time: a role that owns nothing and cannot bypass row-level security. */
  appDatabaseUrl?: string;
  port: number;
  host: string;
  dataDir: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  platformOperatorSecret: string;
  demoData: boolean;
  logLevel: LogLevel;
  corsOrigins: string[] | true;
  /** Query limits, rate limits, socket caps and shutdown timing (see security/security.config.ts). */
  security: SecurityConfig;
  /** Bounds on waiting for the database; unset ones take `DEFAULT_DATABASE_LIMITS`. */
  databaseLimits?: Partial<DatabaseLimits>;
}

interface StoredSecrets {
  jwtSecret: string;
  platformOperatorSecret: string;
  appRolePassword: string;
  embeddedSuperuserPassword: string;
}

/**
 * Secrets the operator did not provide are generated once and kept in the data folder, so a restart keeps
 * sessions valid and the embedded database reachable without any manual step.
 */
export function loadStoredSecrets(dataDir: string): StoredSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, "utf8")) as StoredSecrets;
  }
  const secrets: StoredSecrets = {
    jwtSecret: randomBytes(32).toString("base64url"),
    platformOperatorSecret: randomBytes(24).toString("base64url"),
    appRolePassword: randomBytes(18).toString("base64url"),
    embeddedSuperuserPassword: randomBytes(18).toString("base64url"),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

const dropUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR ?? path.join(REPO_ROOT, ".data"));
  const stored = loadStoredSecrets(dataDir);
  return {
    adminDatabaseUrl: e.DATABASE_URL,
    appDatabaseUrl: e.APP_DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    jwtSecret: e.JWT_SECRET ?? stored.jwtSecret,
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    platformOperatorSecret: e.PLATFORM_OPERATOR_SECRET ?? stored.platformOperatorSecret,
    demoData: e.DEMO_DATA,
    logLevel: e.LOG_LEVEL,
    corsOrigins: e.CORS_ORIGINS ? e.CORS_ORIGINS.split(",").map((s) => s.trim()) : true,
    security: securityConfigFrom(e),
    databaseLimits: dropUndefined({
      acquireTimeoutMs: e.DB_ACQUIRE_TIMEOUT_MS,
      connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    }),
  };
}
