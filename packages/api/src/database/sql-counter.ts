import { AsyncLocalStorage } from "node:async_hooks";
import { DefaultLogger, type LogContext, type LoggerNamespace } from "@mikro-orm/core";

interface Counter {
  statements: number;
}

const storage = new AsyncLocalStorage<Counter>();

/** Runs `fn` with a fresh SQL statement counter for everything it awaits (one GraphQL request, one job run). */
export function countSqlStatements<T>(fn: () => T): T {
  return storage.run({ statements: 0 }, fn);
}

/** Statements executed so far in the current counted scope, or undefined outside one. */
export function currentSqlStatementCount(): number | undefined {
  return storage.getStore()?.statements;
}

/**
 * MikroORM logger that counts every statement (queries, BEGIN/COMMIT, savepoints, raw execute) into the
 * current scope, and prints them only when query logging is asked for. Tests and benchmarks read the count.
 */
export class CountingLogger extends DefaultLogger {
  override isEnabled(namespace: LoggerNamespace, context?: LogContext): boolean {
    return namespace === "query" || super.isEnabled(namespace, context);
  }

  override logQuery(context: { query: string } & LogContext): void {
    const counter = storage.getStore();
    if (counter) counter.statements++;
    if (super.isEnabled("query", context)) super.logQuery(context);
  }
}
