import type { MigrationObject } from "@mikro-orm/core";
import { Migration20261122000000_foundation } from "./Migration20261122000000_foundation";
import { Migration20261122010000_tickets } from "./Migration20261122010000_tickets";
import { Migration20261122020000_events } from "./Migration20261122020000_events";
import { Migration20261122030000_fees_and_competency } from "./Migration20261122030000_fees_and_competency";
import { Migration20261122040000_report_indexes } from "./Migration20261122040000_report_indexes";
import { Migration20261122050000_report_rollups } from "./Migration20261122050000_report_rollups";
import { Migration20261123090000_login_throttle } from "./Migration20261123090000_login_throttle";
import { Migration20261123000000_personal_data } from "./Migration20261123000000_personal_data";
import { Migration20261201000000_report_month_rollup } from "./Migration20261201000000_report_month_rollup";

/** Every migration in order; listed explicitly so the same list runs from `src/` (tests) and `dist/`. */
export const migrationsList: MigrationObject[] = [
  { name: "Migration20261122000000_foundation", class: Migration20261122000000_foundation },
  { name: "Migration20261122010000_tickets", class: Migration20261122010000_tickets },
  { name: "Migration20261122020000_events", class: Migration20261122020000_events },
  { name: "Migration20261122030000_fees_and_competency", class: Migration20261122030000_fees_and_competency },
  { name: "Migration20261122040000_report_indexes", class: Migration20261122040000_report_indexes },
  { name: "Migration20261122050000_report_rollups", class: Migration20261122050000_report_rollups },
  { name: "Migration20261123090000_login_throttle", class: Migration20261123090000_login_throttle },
  { name: "Migration20261123000000_personal_data", class: Migration20261123000000_personal_data },
  { name: "Migration20261201000000_report_month_rollup", class: Migration20261201000000_report_month_rollup },
];
