import pino from "pino";
import type { LogLevel } from "../config";

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Structured JSON logs (pino); errors are serialised with their stack, which only the log ever sees. */
export function createLogger(level: LogLevel, name = "api"): Logger {
  const log = pino({ name, level, serializers: { error: pino.stdSerializers.err } });
  return {
    debug: (message, fields) => log.debug(fields ?? {}, message),
    info: (message, fields) => log.info(fields ?? {}, message),
    warn: (message, fields) => log.warn(fields ?? {}, message),
    error: (message, fields) => log.error(fields ?? {}, message),
  };
}
