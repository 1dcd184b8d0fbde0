import express, { type Express } from "express";
import { existsSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../config";

/** Serves the built web console (packages/web/dist) with client-side routing fallback, when it was built. */
export function serveConsole(app: Express, distDir = path.join(REPO_ROOT, "packages/web/dist")): boolean {
  const index = path.join(distDir, "index.html");
  if (!existsSync(index)) return false;
  app.use(express.static(distDir, { index: false, maxAge: "1h" }));
  app.get(/^(?!\/graphql|\/health).*/, (_req, res) => res.sendFile(index));
  return true;
}
