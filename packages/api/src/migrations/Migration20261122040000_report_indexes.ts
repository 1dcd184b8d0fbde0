import { Migration } from "@mikro-orm/migrations";

/**
 * Covering indexes for the reports: each report reads one time range of one table, and these hold every
 * column it needs, so PostgreSQL answers from the index alone (an index-only scan) and never visits the rows.
 */
export class Migration20261122040000_report_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index ticket_received_report on ticket (tenant_id, received_at)
         include (office_id, type, channel, severity, complaint_class, validity, complainant_count);`,
    );
    this.addSql(
      `create index ticket_reply_due_report on ticket (tenant_id, reply_due_at)
         include (office_id, first_replied_at, status, paused_at) where reply_due_at is not null;`,
    );
    this.addSql(
      `create index ticket_resolve_due_report on ticket (tenant_id, resolve_due_at)
         include (office_id, resolved_at, status, paused_at) where resolve_due_at is not null;`,
    );
    this.addSql(`create index follow_up_created_report on follow_up (tenant_id, created_at) include (office_id, status);`);
    this.addSql(`drop index follow_up_completed;`);
    this.addSql(
      `create index follow_up_completed on follow_up (tenant_id, completed_at) include (office_id, satisfaction) where status = 'COMPLETED';`,
    );
    this.addSql(
      `create index spot_check_done_report on spot_check (tenant_id, follow_up_id) include (office_id, satisfaction, agrees) where status = 'DONE';`,
    );
    this.addSql(
      `create index bill_due_report on bill (tenant_id, due_on) include (office_id, unit_id, amount_cents, paid_cents);`,
    );
  }

  override async down(): Promise<void> {
    for (const index of [
      "ticket_received_report",
      "ticket_reply_due_report",
      "ticket_resolve_due_report",
      "follow_up_created_report",
      "spot_check_done_report",
      "bill_due_report",
    ]) {
      this.addSql(`drop index if exists ${index};`);
    }
    this.addSql(`drop index if exists follow_up_completed;`);
    this.addSql(`create index follow_up_completed on follow_up (tenant_id, completed_at) where status = 'COMPLETED';`);
  }
}
