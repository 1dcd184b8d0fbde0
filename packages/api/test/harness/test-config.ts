import type { AppConfig } from "../../src/config";

export const TEST_PLATFORM_SECRET = "test-platform-operator-secret";

/** The API's configuration in tests (no vitest imports here: global setups use it too). */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    host: "127.0.0.1",
    dataDir: "/nonexistent",
    jwtSecret: "test-jwt-secret-that-is-long-enough-123",
    jwtTtlSeconds: 3600,
    platformOperatorSecret: TEST_PLATFORM_SECRET,
    demoData: false,
    logLevel: (process.env.TEST_LOG_LEVEL as AppConfig["logLevel"]) ?? "silent",
    corsOrigins: true,
    ...overrides,
  };
}
