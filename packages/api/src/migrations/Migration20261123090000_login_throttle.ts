import { Migration } from "@mikro-orm/migrations";
import { APP_ROLE } from "./rls";

/**
 * Failed sign-in counts shared by every API instance (rate-limiter-flexible's PostgreSQL store layout). Not a
 * tenant table: keys are SHA-256 hashes of "group + email" or of an address, so it holds no personal data and
 * no tenant's rows; the app role may read and write it (the library's statements run as that role).
 */
export class Migration20261123090000_login_throttle extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table login_throttle (
      key varchar(255) primary key,
      points integer not null default 0,
      expire bigint
    );`);
    this.addSql(`create index login_throttle_expire on login_throttle (expire);`);
    this.addSql(`grant select, insert, update, delete on login_throttle to ${APP_ROLE};`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists login_throttle;`);
  }
}
