import type { IncomingMessage } from "node:http";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function hostOf(origin: string): { host: string; hostname: string } | undefined {
  try {
    const url = new URL(origin);
    return { host: url.host.toLowerCase(), hostname: url.hostname.toLowerCase() };
  } catch {
    return undefined;
  }
}

/**
 * Which pages may open a WebSocket to the API (browsers always send Origin on an upgrade; a page of another
 * site must not ride on a user's browser). Allowed: the API's own origin (the console it serves), the origins
 * in CORS_ORIGINS, and — only when CORS_ORIGINS is not set — pages on this machine (the Vite dev server).
 * Clients that are not browsers send no Origin and are allowed; they still need a valid token.
 */
export function originAllowed(req: IncomingMessage, corsOrigins: string[] | true): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const from = hostOf(origin);
  if (!from) return false;
  if (from.host === (req.headers.host ?? "").toLowerCase()) return true;
  if (corsOrigins === true) return LOOPBACK.has(from.hostname);
  return corsOrigins.some((allowed) => allowed.replace(/\/$/, "").toLowerCase() === origin.replace(/\/$/, "").toLowerCase());
}
