import type { AppConfig } from "../../src/config";
import { withoutPerCallerLimits, type SecurityConfig } from "../../src/security/security.config";

export const TEST_PLATFORM_SECRET = "test-platform-operator-secret";

/**
 * The API's configuration in tests (no vitest imports here: global setups use it too). Tests act as many users
 * from one address in quick succession, so per-caller rate and sign-in limits are lifted unless a test sets them
 * (the security tests do); the query limits and socket caps are the defaults.
 */
export function testConfig(
  overrides: Partial<Omit<AppConfig, "security">> & { security?: Partial<SecurityConfig> } = {},
): AppConfig {
  const { security, ...rest } = overrides;
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
    ...rest,
    security: { ...withoutPerCallerLimits(), ...security },
  };
}
