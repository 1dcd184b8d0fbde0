import { Migration } from "@mikro-orm/migrations";

/**
 * Covering indexes for the reports that read rows rather than the rollup: the complaint classification (by
 * day received) and collection as of an earlier day (bills by due date). They hold every column those
 * queries need, so PostgreSQL can answer from the index alone.
 */
export class Migration20261122040000_report_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index ticket_complaints_report on ticket (tenant_id, received_at)
         include (office_id, severity, complaint_class, validity, channel, complainant_count) where type = 'COMPLAINT';`,
    );
    this.addSql(
      `create index bill_due_report on bill (tenant_id, due_on) include (office_id, unit_id, amount_cents, paid_cents);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists ticket_complaints_report;`);
    this.addSql(`drop index if exists bill_due_report;`);
  }
}
