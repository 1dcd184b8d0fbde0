import { Migration } from "@mikro-orm/migrations";
import { tenantTableSecurity } from "./rls";

const TYPES = `'COMPLAINT', 'SUGGESTION', 'HELP', 'COORDINATION', 'REPAIR', 'CONSULTATION', 'QUALITY'`;
const CHANNELS = `'PHONE', 'VISIT', 'LETTER', 'ONLINE'`;
const SEVERITIES = `'SIMPLE', 'GENERAL', 'COMPLEX', 'MINOR', 'MEDIUM', 'MAJOR', 'URGENT', 'NORMAL'`;
const DEADLINE_KINDS = `'MINUTES', 'HOURS', 'SAME_DAY', 'CALENDAR_DAYS', 'WORKING_DAYS'`;
const SATISFACTION = `'VERY_SATISFIED', 'SATISFIED', 'NEUTRAL', 'DISSATISFIED', 'VERY_DISSATISFIED'`;
const OPEN = `status in ('NEW', 'ASSIGNED', 'IN_PROGRESS')`;

/**
 * Customer requests (tickets) with their SLA deadlines and append-only timeline, follow-up tasks with their
 * attempts, spot-check samples, and each group's service policy (SLA rules, follow-up and spot-check settings).
 */
export class Migration20261122010000_tickets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);

    this.addSql(`
      create table service_policy (
        tenant_id uuid primary key references tenant (id),
        follow_up_due_days integer not null check (follow_up_due_days between 0 and 60),
        due_soon_ratio numeric(4, 3) not null check (due_soon_ratio > 0 and due_soon_ratio < 1),
        spot_check_rates jsonb not null,
        updated_at timestamptz not null default now(),
        updated_by_id uuid,
        foreign key (tenant_id, updated_by_id) references staff (tenant_id, id)
      );`);
    this.addSql(tenantTableSecurity("service_policy", "select, insert, update, delete"));

    this.addSql(`
      create table sla_rule (
        tenant_id uuid not null references tenant (id),
        position integer not null check (position >= 0),
        ticket_type text not null check (ticket_type in (${TYPES})),
        severity text check (severity in (${SEVERITIES})),
        channel text check (channel in (${CHANNELS})),
        reply_kind text check (reply_kind in (${DEADLINE_KINDS})),
        reply_amount integer check (reply_amount >= 0),
        resolve_kind text check (resolve_kind in (${DEADLINE_KINDS})),
        resolve_amount integer check (resolve_amount >= 0),
        hard_limit_kind text check (hard_limit_kind in (${DEADLINE_KINDS})),
        hard_limit_amount integer check (hard_limit_amount >= 0),
        note text,
        primary key (tenant_id, position)
      );`);
    this.addSql(tenantTableSecurity("sla_rule", "select, insert, update, delete"));

    this.addSql(`
      create table ticket_counter (
        tenant_id uuid not null references tenant (id),
        office_id uuid not null,
        day date not null,
        last integer not null,
        primary key (tenant_id, office_id, day),
        foreign key (tenant_id, office_id) references office (tenant_id, id)
      );`);
    this.addSql(tenantTableSecurity("ticket_counter", "select, insert, update"));

    this.addSql(`
      create table ticket (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        number text not null,
        office_id uuid not null,
        property_id uuid,
        unit_id uuid,
        customer_id uuid,
        type text not null check (type in (${TYPES})),
        channel text not null check (channel in (${CHANNELS})),
        severity text check (severity in (${SEVERITIES})),
        complaint_class text check (complaint_class in ('MAJOR', 'IMPORTANT', 'GENERAL', 'MINOR')),
        validity text check (validity in ('VALID', 'INVALID')),
        validity_reason text,
        status text not null check (status in ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REJECTED')),
        anonymous boolean not null default false,
        contact_name text,
        contact_phone text,
        content text not null check (length(trim(content)) between 1 and 5000),
        complainant_count integer not null default 1 check (complainant_count between 1 and 100000),
        received_at timestamptz not null,
        receiver_id uuid not null,
        assignee_id uuid,
        department text,
        instruction text,
        first_replied_at timestamptz,
        reply_due_at timestamptz,
        resolve_due_at timestamptz,
        hard_limit_at timestamptz,
        resolved_at timestamptz,
        resolution text,
        resolved_by_id uuid,
        closed_at timestamptz,
        rejected_at timestamptz,
        escalated_at timestamptz,
        escalation_reason text,
        paused_at timestamptz,
        pause_reason text check (pause_reason in ('CUSTOMER_NOT_HOME', 'WAITING_FOR_PARTS', 'WAITING_FOR_CUSTOMER_DECISION', 'OTHER')),
        paused_seconds integer not null default 0 check (paused_seconds >= 0),
        reopen_count integer not null default 0,
        extension_count integer not null default 0,
        idempotency_key text,
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, number),
        unique (tenant_id, idempotency_key),
        check ((type = 'COMPLAINT') = (complaint_class is not null)),
        foreign key (tenant_id, office_id) references office (tenant_id, id),
        foreign key (tenant_id, property_id) references property (tenant_id, id),
        foreign key (tenant_id, unit_id) references unit (tenant_id, id),
        foreign key (tenant_id, customer_id) references customer (tenant_id, id),
        foreign key (tenant_id, receiver_id) references staff (tenant_id, id),
        foreign key (tenant_id, assignee_id) references staff (tenant_id, id),
        foreign key (tenant_id, resolved_by_id) references staff (tenant_id, id)
      );`);
    this.addSql(`create index ticket_office_created on ticket (tenant_id, office_id, created_at desc, id desc);`);
    this.addSql(`create index ticket_created on ticket (tenant_id, created_at desc, id desc);`);
    this.addSql(`create index ticket_open_by_office on ticket (tenant_id, office_id, status, created_at) where ${OPEN};`);
    this.addSql(`create index ticket_reply_due on ticket (tenant_id, reply_due_at) where ${OPEN} and first_replied_at is null;`);
    this.addSql(`create index ticket_resolve_due on ticket (tenant_id, resolve_due_at) where ${OPEN};`);
    this.addSql(`create index ticket_resolved on ticket (tenant_id, resolved_at) where resolved_at is not null;`);
    this.addSql(`create index ticket_receiver on ticket (tenant_id, receiver_id, created_at desc);`);
    this.addSql(
      `create index ticket_assignee on ticket (tenant_id, assignee_id, created_at desc) where assignee_id is not null;`,
    );
    this.addSql(`create index ticket_customer on ticket (tenant_id, customer_id) where customer_id is not null;`);
    this.addSql(`create index ticket_unit on ticket (tenant_id, unit_id) where unit_id is not null;`);
    this.addSql(`create index ticket_content_trgm on ticket using gin (content gin_trgm_ops);`);
    this.addSql(tenantTableSecurity("ticket", "select, insert, update"));

    // The timeline: append-only (no update or delete grant), so no entry is ever lost.
    this.addSql(`
      create table ticket_event (
        tenant_id uuid not null references tenant (id),
        id bigint generated always as identity,
        ticket_id uuid not null,
        office_id uuid not null,
        kind text not null,
        actor_id uuid,
        at timestamptz not null,
        changes jsonb not null default '{}',
        note text,
        primary key (tenant_id, id),
        foreign key (tenant_id, ticket_id) references ticket (tenant_id, id),
        foreign key (tenant_id, office_id) references office (tenant_id, id),
        foreign key (tenant_id, actor_id) references staff (tenant_id, id)
      );`);
    this.addSql(`create index ticket_event_ticket on ticket_event (tenant_id, ticket_id, id);`);
    this.addSql(tenantTableSecurity("ticket_event", "select, insert"));

    this.addSql(`
      create table follow_up (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        ticket_id uuid not null,
        office_id uuid not null,
        round integer not null check (round >= 1),
        status text not null check (status in ('PENDING', 'COMPLETED', 'EXEMPTED')),
        due_at timestamptz not null,
        assignee_id uuid,
        exemption text check (exemption in ('RESOLVED_ON_SPOT_CONFIRMED', 'ANONYMOUS', 'SENSITIVE')),
        exemption_note text,
        satisfaction text check (satisfaction in (${SATISFACTION})),
        comment text,
        method text check (method in ('HOME_VISIT', 'PHONE', 'ONLINE')),
        attempt_count integer not null default 0,
        completed_at timestamptz,
        completed_by_id uuid,
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, ticket_id, round),
        check ((status = 'COMPLETED') = (satisfaction is not null)),
        check ((status = 'EXEMPTED') = (exemption is not null)),
        foreign key (tenant_id, ticket_id) references ticket (tenant_id, id),
        foreign key (tenant_id, office_id) references office (tenant_id, id),
        foreign key (tenant_id, assignee_id) references staff (tenant_id, id),
        foreign key (tenant_id, completed_by_id) references staff (tenant_id, id)
      );`);
    this.addSql(`create index follow_up_office_status on follow_up (tenant_id, office_id, status, due_at);`);
    this.addSql(`create index follow_up_completed on follow_up (tenant_id, completed_at) where status = 'COMPLETED';`);
    this.addSql(`create index follow_up_assignee on follow_up (tenant_id, assignee_id, status) where assignee_id is not null;`);
    this.addSql(tenantTableSecurity("follow_up", "select, insert, update"));

    this.addSql(`
      create table follow_up_attempt (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        follow_up_id uuid not null,
        at timestamptz not null,
        by_id uuid not null,
        method text not null check (method in ('HOME_VISIT', 'PHONE', 'ONLINE')),
        outcome text not null check (outcome in ('REACHED', 'NO_ANSWER', 'REFUSED')),
        note text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, follow_up_id) references follow_up (tenant_id, id),
        foreign key (tenant_id, by_id) references staff (tenant_id, id)
      );`);
    this.addSql(`create index follow_up_attempt_follow_up on follow_up_attempt (tenant_id, follow_up_id, at);`);
    this.addSql(tenantTableSecurity("follow_up_attempt", "select, insert"));

    this.addSql(`
      create table spot_check_sample (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        sampler text not null check (sampler in ('HEAD_OFFICE_MANAGEMENT', 'GENERAL_OFFICE')),
        period_from timestamptz not null,
        period_to timestamptz not null check (period_to > period_from),
        seed integer not null,
        population integer not null,
        sample_size integer not null,
        drawn_at timestamptz not null,
        drawn_by_id uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, sampler, period_from, period_to),
        foreign key (tenant_id, drawn_by_id) references staff (tenant_id, id)
      );`);
    this.addSql(tenantTableSecurity("spot_check_sample", "select, insert"));

    this.addSql(`
      create table spot_check (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        sample_id uuid not null,
        ticket_id uuid not null,
        follow_up_id uuid not null,
        office_id uuid not null,
        status text not null check (status in ('PENDING', 'DONE')),
        satisfaction text check (satisfaction in (${SATISFACTION})),
        comment text,
        agrees boolean,
        checked_at timestamptz,
        checked_by_id uuid,
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, sample_id, ticket_id),
        check ((status = 'DONE') = (satisfaction is not null and agrees is not null)),
        foreign key (tenant_id, sample_id) references spot_check_sample (tenant_id, id),
        foreign key (tenant_id, ticket_id) references ticket (tenant_id, id),
        foreign key (tenant_id, follow_up_id) references follow_up (tenant_id, id),
        foreign key (tenant_id, office_id) references office (tenant_id, id),
        foreign key (tenant_id, checked_by_id) references staff (tenant_id, id)
      );`);
    this.addSql(`create index spot_check_office on spot_check (tenant_id, office_id, status);`);
    this.addSql(`create index spot_check_ticket on spot_check (tenant_id, ticket_id);`);
    this.addSql(tenantTableSecurity("spot_check", "select, insert, update"));
  }

  override async down(): Promise<void> {
    for (const table of [
      "spot_check",
      "spot_check_sample",
      "follow_up_attempt",
      "follow_up",
      "ticket_event",
      "ticket",
      "ticket_counter",
      "sla_rule",
      "service_policy",
    ]) {
      this.addSql(`drop table if exists ${table} cascade;`);
    }
  }
}
