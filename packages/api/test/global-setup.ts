import type { TestProject } from "vitest/node";
import { createTestDatabase } from "./harness/test-database";

/** One real PostgreSQL database for the whole run, migrated, and dropped at the end. */
export default async function setup(project: TestProject) {
  const db = await createTestDatabase();
  project.provide("adminDatabaseUrl", db.adminUrl);
  project.provide("appDatabaseUrl", db.appUrl);
  return db.drop;
}
