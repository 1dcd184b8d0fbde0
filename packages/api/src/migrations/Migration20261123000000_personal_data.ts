import { Migration } from "@mikro-orm/migrations";
import { tenantTableSecurity } from "./rls";

/**
 * Personal data: sensitive customer notes (health, elderly living alone — 空巢老人) that only the staff of the
 * customer's office may read, and the access log recording every unmasked read of personal data. The log is
 * append-only for the API: its role may insert and select, never update or delete. Only staff ever read
 * personal data unmasked (API tokens see masked numbers and no notes), so every entry names a staff member.
 */
export class Migration20261123000000_personal_data extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table customer_sensitive_note (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        customer_id uuid not null,
        category text not null check (category in ('ELDERLY_LIVING_ALONE', 'HEALTH', 'MOBILITY', 'FAMILY_SITUATION', 'OTHER')),
        text text not null check (length(trim(text)) between 1 and 2000),
        created_by_id uuid not null,
        updated_by_id uuid,
        archived_at timestamptz,
        archived_by_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, customer_id) references customer (tenant_id, id),
        foreign key (tenant_id, created_by_id) references staff (tenant_id, id),
        foreign key (tenant_id, updated_by_id) references staff (tenant_id, id),
        foreign key (tenant_id, archived_by_id) references staff (tenant_id, id),
        check ((archived_at is null) = (archived_by_id is null))
      );`);
    this.addSql(`create index customer_sensitive_note_customer on customer_sensitive_note (tenant_id, customer_id, created_at);`);
    // Notes are archived, never deleted: what staff were told about a resident stays on record.
    this.addSql(tenantTableSecurity("customer_sensitive_note", "select, insert, update"));

    this.addSql(`
      create table personal_data_access (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        at timestamptz not null,
        staff_id uuid not null,
        field text not null check (field in ('CUSTOMER_PHONE', 'TICKET_CONTACT_PHONE', 'SENSITIVE_NOTE')),
        record_id uuid not null,
        customer_id uuid,
        office_id uuid not null,
        basis text not null check (basis in ('OWN_OFFICE', 'SPOT_CHECK', 'ESCALATION')),
        request_id text not null check (length(request_id) between 1 and 100),
        operation_name text check (length(operation_name) <= 200),
        primary key (tenant_id, id),
        foreign key (tenant_id, staff_id) references staff (tenant_id, id),
        foreign key (tenant_id, customer_id) references customer (tenant_id, id),
        foreign key (tenant_id, office_id) references office (tenant_id, id)
      );`);
    // Newest first, and narrowed by whose data was read or by whom.
    this.addSql(`create index personal_data_access_at on personal_data_access (tenant_id, at desc, id desc);`);
    this.addSql(`create index personal_data_access_customer on personal_data_access (tenant_id, customer_id, at desc);`);
    this.addSql(`create index personal_data_access_staff on personal_data_access (tenant_id, staff_id, at desc);`);
    this.addSql(`create index personal_data_access_record on personal_data_access (tenant_id, record_id, at desc);`);
    this.addSql(`create index personal_data_access_request on personal_data_access (tenant_id, request_id);`);
    this.addSql(tenantTableSecurity("personal_data_access", "select, insert"));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists personal_data_access cascade;`);
    this.addSql(`drop table if exists customer_sensitive_note cascade;`);
  }
}
