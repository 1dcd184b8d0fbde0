import type { MikroORM } from "@mikro-orm/postgresql";
import type { SessionTokens } from "../auth/jwt";
import type { AppConfig } from "../config";
import type { Logger } from "../common/logger";

/** Long-lived services shared by every request of one API instance. */
export interface AppServices {
  orm: MikroORM;
  config: AppConfig;
  logger: Logger;
  sessions: SessionTokens;
  /** Current time; replaceable so deadline logic can be tested at chosen instants. */
  now: () => Date;
}
