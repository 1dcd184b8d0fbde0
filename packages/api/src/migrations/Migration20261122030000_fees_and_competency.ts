import { Migration } from "@mikro-orm/migrations";
import { tenantTableSecurity } from "./rls";
import { DEFAULT_VIOLATION_TYPES } from "../modules/staff-assessment/default-violation-types";

const METHODS = `'CASH', 'WECHAT', 'ALIPAY', 'BANK_TRANSFER', 'CARD', 'OTHER'`;

/**
 * Fees (fee items, billing periods, bills, payments with counter-entry reversals, dunning notices), the
 * competency model with assessments, and the monthly staff assessment (violation/bonus catalogue and entries).
 * Money is integer cents (分) throughout; a bill's `paid_cents` is kept equal to the sum of its payments.
 */
export class Migration20261122030000_fees_and_competency extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table fee_item (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        code text not null check (code ~ '^[A-Za-z0-9_-]{1,32}$'),
        name text not null check (length(trim(name)) between 1 and 100),
        basis text not null check (basis in ('PER_M2', 'FIXED')),
        rate_cents bigint not null check (rate_cents >= 0),
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, code)
      );`);
    this.addSql(tenantTableSecurity("fee_item", "select, insert, update"));

    this.addSql(`
      create table billing_period (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        code text not null check (code ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        starts_on date not null,
        ends_on date not null check (ends_on > starts_on),
        due_on date not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, code)
      );`);
    this.addSql(tenantTableSecurity("billing_period", "select, insert, update"));

    this.addSql(`
      create table bill (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        office_id uuid not null,
        property_id uuid not null,
        unit_id uuid not null,
        fee_item_id uuid not null,
        period_id uuid not null,
        customer_id uuid,
        amount_cents bigint not null check (amount_cents >= 0),
        paid_cents bigint not null default 0 check (paid_cents >= 0 and paid_cents <= amount_cents),
        due_on date not null,
        source text not null default 'GENERATED' check (source in ('GENERATED', 'IMPORTED')),
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, unit_id, fee_item_id, period_id),
        foreign key (tenant_id, office_id) references office (tenant_id, id),
        foreign key (tenant_id, property_id) references property (tenant_id, id),
        foreign key (tenant_id, unit_id) references unit (tenant_id, id),
        foreign key (tenant_id, fee_item_id) references fee_item (tenant_id, id),
        foreign key (tenant_id, period_id) references billing_period (tenant_id, id),
        foreign key (tenant_id, customer_id) references customer (tenant_id, id)
      );`);
    this.addSql(`create index bill_office_due on bill (tenant_id, office_id, due_on);`);
    this.addSql(`create index bill_unit on bill (tenant_id, unit_id, due_on);`);
    this.addSql(`create index bill_period on bill (tenant_id, period_id);`);
    this.addSql(`create index bill_open on bill (tenant_id, office_id, due_on) where paid_cents < amount_cents;`);
    this.addSql(tenantTableSecurity("bill", "select, insert, update"));

    // Payments are never deleted or changed: a mistaken one is cancelled by a counter-entry (negative amount).
    this.addSql(`
      create table payment (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        bill_id uuid not null,
        office_id uuid not null,
        amount_cents bigint not null check (amount_cents <> 0),
        method text not null check (method in (${METHODS})),
        receipt_number text,
        paid_on date not null,
        reverses_payment_id uuid,
        note text,
        recorded_by_id uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, reverses_payment_id),
        check ((reverses_payment_id is null) = (amount_cents > 0)),
        foreign key (tenant_id, bill_id) references bill (tenant_id, id),
        foreign key (tenant_id, office_id) references office (tenant_id, id),
        foreign key (tenant_id, reverses_payment_id) references payment (tenant_id, id),
        foreign key (tenant_id, recorded_by_id) references staff (tenant_id, id)
      );`);
    this.addSql(
      `create unique index payment_receipt on payment (tenant_id, receipt_number) where reverses_payment_id is null and receipt_number is not null;`,
    );
    this.addSql(`create index payment_bill on payment (tenant_id, bill_id);`);
    this.addSql(`create index payment_office_paid on payment (tenant_id, office_id, paid_on);`);
    this.addSql(tenantTableSecurity("payment", "select, insert"));

    this.addSql(`
      create table dunning_notice (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        office_id uuid not null,
        unit_id uuid not null,
        customer_id uuid,
        sent_on date not null,
        method text not null check (method in ('LETTER', 'SMS', 'PHONE', 'VISIT', 'NOTICE_BOARD')),
        outstanding_cents bigint not null check (outstanding_cents >= 0),
        bill_count integer not null,
        note text,
        recorded_by_id uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, office_id) references office (tenant_id, id),
        foreign key (tenant_id, unit_id) references unit (tenant_id, id),
        foreign key (tenant_id, customer_id) references customer (tenant_id, id),
        foreign key (tenant_id, recorded_by_id) references staff (tenant_id, id)
      );`);
    this.addSql(`create index dunning_unit on dunning_notice (tenant_id, unit_id, sent_on);`);
    this.addSql(`create index dunning_office on dunning_notice (tenant_id, office_id, sent_on);`);
    this.addSql(tenantTableSecurity("dunning_notice", "select, insert"));

    // The competency model: absent rows mean the default model (shared/domain/competency-model.json).
    this.addSql(`
      create table competency_indicator (
        tenant_id uuid not null references tenant (id),
        code text not null check (code ~ '^[A-Z0-9_]{1,40}$'),
        position integer not null,
        group_code text not null,
        group_name_zh text not null,
        group_name_en text not null,
        group_weight numeric(6, 2) not null check (group_weight > 0),
        name_zh text not null,
        name_en text not null,
        weight_in_group numeric(6, 2) not null check (weight_in_group > 0),
        combined_weight numeric(6, 2) not null check (combined_weight > 0),
        primary key (tenant_id, code)
      );`);
    this.addSql(tenantTableSecurity("competency_indicator", "select, insert, update, delete"));

    this.addSql(`
      create table competency_assessment (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        staff_id uuid not null,
        office_id uuid not null,
        assessor_id uuid not null,
        period text not null check (period ~ '^\\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$'),
        period_start date not null,
        period_end date not null,
        comment text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, staff_id, assessor_id, period),
        check (staff_id <> assessor_id),
        foreign key (tenant_id, staff_id) references staff (tenant_id, id),
        foreign key (tenant_id, office_id) references office (tenant_id, id),
        foreign key (tenant_id, assessor_id) references staff (tenant_id, id)
      );`);
    this.addSql(`create index competency_assessment_staff on competency_assessment (tenant_id, staff_id, period_start);`);
    this.addSql(`create index competency_assessment_office on competency_assessment (tenant_id, office_id, period_start);`);
    this.addSql(tenantTableSecurity("competency_assessment", "select, insert, update"));

    this.addSql(`
      create table competency_rating (
        tenant_id uuid not null references tenant (id),
        assessment_id uuid not null,
        indicator_code text not null,
        rating smallint not null check (rating between 1 and 5),
        primary key (tenant_id, assessment_id, indicator_code),
        foreign key (tenant_id, assessment_id) references competency_assessment (tenant_id, id)
      );`);
    this.addSql(tenantTableSecurity("competency_rating", "select, insert, update, delete"));

    this.addSql(`
      create table violation_type (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        code text not null check (code ~ '^[A-Z0-9_]{1,40}$'),
        name text not null,
        kind text not null check (kind in ('DEDUCTION', 'BONUS')),
        severity text check (severity in ('LIGHT', 'MODERATE', 'SEVERE')),
        points integer not null check (points between 1 and 100),
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, code)
      );`);
    this.addSql(tenantTableSecurity("violation_type", "select, insert, update"));

    this.addSql(`
      create table staff_assessment_entry (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        staff_id uuid not null,
        office_id uuid not null,
        month date not null check (extract(day from month) = 1),
        violation_type_id uuid not null,
        points integer not null check (points <> 0),
        occurred_on date not null,
        note text,
        recorded_by_id uuid not null,
        voided_at timestamptz,
        voided_by_id uuid,
        void_reason text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, staff_id) references staff (tenant_id, id),
        foreign key (tenant_id, office_id) references office (tenant_id, id),
        foreign key (tenant_id, violation_type_id) references violation_type (tenant_id, id),
        foreign key (tenant_id, recorded_by_id) references staff (tenant_id, id),
        foreign key (tenant_id, voided_by_id) references staff (tenant_id, id)
      );`);
    this.addSql(`create index staff_assessment_month on staff_assessment_entry (tenant_id, office_id, month);`);
    this.addSql(`create index staff_assessment_staff on staff_assessment_entry (tenant_id, staff_id, month);`);
    this.addSql(tenantTableSecurity("staff_assessment_entry", "select, insert, update"));

    // Existing groups get the default catalogue (new groups get it at onboarding).
    this.addSql(`alter table violation_type no force row level security;`);
    this.addSql(`alter table tenant no force row level security;`);
    for (const v of DEFAULT_VIOLATION_TYPES) {
      this.addSql(
        `insert into violation_type (tenant_id, id, code, name, kind, severity, points)
         select id, gen_random_uuid(), '${v.code}', '${v.name.replace(/'/g, "''")}', '${v.kind}', ${v.severity ? `'${v.severity}'` : "null"}, ${v.points}
           from tenant on conflict do nothing;`,
      );
    }
    this.addSql(`alter table violation_type force row level security;`);
    this.addSql(`alter table tenant force row level security;`);
  }

  override async down(): Promise<void> {
    for (const table of [
      "staff_assessment_entry",
      "violation_type",
      "competency_rating",
      "competency_assessment",
      "competency_indicator",
      "dunning_notice",
      "payment",
      "bill",
      "billing_period",
      "fee_item",
    ]) {
      this.addSql(`drop table if exists ${table} cascade;`);
    }
  }
}
