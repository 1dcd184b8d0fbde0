import type { Client } from "pg";
import competencyModel from "../modules/competency/competency-model.json";

/**
 * Realistic data for the benchmarks, written set-based by the database itself (generate_series), with triggers
 * off for the bulk load, then vacuumed and analysed as autovacuum would leave it. Per tenant: `offices`
 * management offices, each with a property of `unitsPerOffice` units (an owner for each), a manager and four
 * staff; `months` of requests (about one per unit and month) with their timelines, follow-ups for every
 * resolution, spot checks of 1%, monthly bills with payments (≈ 95% paid) and quarterly competency assessments
 * of every staff member. Deterministic for a seed.
 */
export interface TenantDataShape {
  offices: number;
  unitsPerOffice: number;
  months: number;
  tickets: number;
}

/** The whole data set: `tenants` groups of one shape. */
export interface BenchScale extends TenantDataShape {
  tenants: number;
}

/**
 * The benchmark's scale: `factor` 1 is two groups of 25 offices with 1,667 units each and a year of requests —
 * one million tickets. The factor scales the units (so the tickets); each dimension can be set on its own.
 */
export function benchScale(
  factor: number,
  overrides: Partial<Omit<BenchScale, "tickets">> & { ticketsPerUnitMonth?: number } = {},
): BenchScale {
  const tenants = overrides.tenants ?? 2;
  const offices = overrides.offices ?? 25;
  const unitsPerOffice = overrides.unitsPerOffice ?? Math.max(1, Math.round(1_667 * factor));
  const months = overrides.months ?? 12;
  const perUnitMonth = overrides.ticketsPerUnitMonth ?? 1;
  return { tenants, offices, unitsPerOffice, months, tickets: Math.round(offices * unitsPerOffice * months * perUnitMonth) };
}

/** The report benchmark's single large group: `tickets` a year over max(6, tickets / 20,000) offices. */
export function reportDataShape(tickets: number): TenantDataShape {
  const offices = Math.max(6, Math.round(tickets / 20_000));
  return { tickets, offices, unitsPerOffice: Math.max(1, Math.round(tickets / 12 / offices)), months: 12 };
}

const INDICATORS = competencyModel.groups.flatMap((g) => g.indicators.map((i) => i.code));

/** Staff per office: index 0 is the office manager, 1–4 are office staff (receivers and assignees). */
const STAFF_PER_OFFICE = 5;

export interface GeneratedTenant {
  /** Office ids in code order (O001, O002, …). */
  officeIds: string[];
}

export async function generateTenantData(
  admin: Client,
  tenantId: string,
  shape: TenantDataShape,
  log: (text: string) => void,
  options: { seed?: number; managerPasswordHash?: string; emailDomain?: string } = {},
): Promise<GeneratedTenant> {
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const started = Date.now();
    const result = await admin.query(sql, params);
    log(`${label}: ${(result.rowCount ?? 0).toLocaleString("en")} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  const domain = options.emailDomain ?? "bench.test";
  await admin.query("begin");
  await admin.query("select setseed($1)", [options.seed ?? 0.42]);
  // Bulk load: skip triggers (the overdue queue, event sequencing, foreign-key checks) — the data is consistent
  // by construction; what the triggers maintain is rebuilt below.
  await admin.query("set local session_replication_role = replica");
  const [head] = (
    await admin.query<{ id: string }>("select id from office where tenant_id = $1 and kind = 'HEAD_OFFICE'", [tenantId])
  ).rows;
  await step(
    "offices",
    `insert into office (tenant_id, id, parent_id, kind, code, name)
     select $1, gen_random_uuid(), $2, 'OFFICE', 'O' || lpad(g::text, 3, '0'), '管理处 ' || g from generate_series(1, $3) g`,
    [tenantId, head!.id, shape.offices],
  );
  await admin.query(
    `create temporary table bench_office on commit drop as
     select row_number() over (order by code) as n, id, code, gen_random_uuid() as property
       from office where tenant_id = $1 and kind = 'OFFICE'`,
    [tenantId],
  );
  await admin.query(
    `create temporary table bench_staff on commit drop as
     select o.n, k, gen_random_uuid() as id, o.id as office_id, o.code from bench_office o cross join generate_series(0, $1 - 1) k`,
    [STAFF_PER_OFFICE],
  );
  await admin.query("create index on bench_staff (n, k)");
  await step(
    "staff",
    `insert into staff (tenant_id, id, office_id, email, name, role, password_hash)
     select $1, id, office_id, lower(code) || '.' || case when k = 0 then 'manager' else 'staff' || k end || '@' || $2,
            case when k = 0 then '主任 ' || code else '客服 ' || code || '-' || k end,
            case when k = 0 then 'OFFICE_MANAGER' else 'OFFICE_STAFF' end,
            case when k = 0 and $3::text is not null then $3 else 'x' end
       from bench_staff`,
    [tenantId, domain, options.managerPasswordHash ?? null],
  );
  await step(
    "properties",
    `insert into property (tenant_id, id, office_id, name) select $1, property, id, '小区 ' || code from bench_office`,
    [tenantId],
  );
  await admin.query(
    `create temporary table bench_unit on commit drop as
     select o.n, g as k, gen_random_uuid() as id, gen_random_uuid() as customer, o.property, o.id as office_id
       from bench_office o cross join generate_series(0, $1 - 1) g`,
    [shape.unitsPerOffice],
  );
  await admin.query("create index on bench_unit (n, k)");
  await step(
    "units",
    `insert into unit (tenant_id, id, property_id, building, number, floor, area_centi_m2)
     select $1, id, property, (1 + k / 100)::text || '栋', (k % 100)::text, 1 + (k % 100) / 4, 6000 + (random() * 10000)::int
       from bench_unit order by n, k`,
    [tenantId],
  );
  await step(
    "customers (one owner per unit)",
    `insert into customer (tenant_id, id, office_id, name, phone, kind)
     select $1, customer, office_id, '业主 ' || n || '-' || k, '139' || lpad((n * 100000 + k)::text, 8, '0'), 'OWNER'
       from bench_unit order by n, k`,
    [tenantId],
  );
  await step(
    "customer units",
    `insert into customer_unit (tenant_id, customer_id, unit_id, relation) select $1, customer, id, 'OWNER' from bench_unit`,
    [tenantId],
  );
  await step(
    "tickets",
    `insert into ticket (tenant_id, id, number, office_id, property_id, unit_id, customer_id, anonymous, contact_name, contact_phone,
                         type, channel, severity, complaint_class, validity, status, content, complainant_count, received_at,
                         receiver_id, assignee_id, department, first_replied_at, reply_due_at, resolve_due_at, resolved_at,
                         resolution, resolved_by_id, closed_at, rejected_at, created_at, updated_at)
     select $1, gen_random_uuid(), o.code || '-' || r.g, o.id, u.property, u.id, case when not r.anonymous then u.customer end,
            r.anonymous, case when not r.anonymous then '业主 ' || u.n || '-' || u.k end,
            case when not r.anonymous then '139' || lpad((u.n * 100000 + u.k)::text, 8, '0') end,
            r.type, r.channel,
            case r.type when 'COMPLAINT' then (array['SIMPLE', 'GENERAL', 'COMPLEX'])[1 + r.g % 3]
                        when 'REPAIR' then (array['MINOR', 'MEDIUM', 'MAJOR'])[1 + r.g % 3]
                        when 'HELP' then (array['URGENT', 'NORMAL'])[1 + r.g % 2] end,
            case when r.type = 'COMPLAINT' then (array['MINOR', 'GENERAL', 'GENERAL', 'IMPORTANT', 'MAJOR'])[1 + r.g % 5] end,
            case when r.type = 'COMPLAINT' and r.open then null when r.type = 'COMPLAINT' and r.rejected then 'INVALID'
                 when r.type = 'COMPLAINT' then 'VALID' end,
            r.status, '客户诉求 ' || r.g, 1 + (r.g % 50 = 0)::int * 4, r.received, rs.id,
            case when r.status <> 'NEW' and not r.rejected then asg.id end,
            case when r.status <> 'NEW' and r.type = 'REPAIR' then '工程部' end,
            case when not r.open or r.c < 0.7 then r.received + r.c * interval '3 hours' end,
            r.received + interval '2 hours', r.received + interval '1 day',
            case when not r.open and not r.rejected then r.received + r.d * interval '30 hours' end,
            case when not r.open and not r.rejected then '已处理' end,
            case when not r.open and not r.rejected then asg.id end,
            case when not r.open and not r.rejected then r.received + r.d * interval '30 hours' + interval '2 days' end,
            case when r.rejected then r.received + interval '4 hours' end,
            r.received, r.received
       from (select s.*,
                    case when not s.open then case when s.rejected then 'REJECTED' else 'CLOSED' end
                         when s.c < 0.1 then 'NEW' when s.c < 0.25 then 'ASSIGNED' else 'IN_PROGRESS' end as status
               from (select g, received, c, d, e, f < 0.03 as anonymous,
                            case when a < 0.40 then 'REPAIR' when a < 0.55 then 'COMPLAINT' when a < 0.70 then 'CONSULTATION'
                                 when a < 0.80 then 'HELP' when a < 0.88 then 'SUGGESTION' when a < 0.95 then 'COORDINATION' else 'QUALITY' end as type,
                            (array['PHONE', 'PHONE', 'VISIT', 'ONLINE', 'LETTER'])[1 + floor(b * 5)::int] as channel,
                            received > now() - interval '3 days' and c < 0.5 as open,
                            a between 0.40 and 0.55 and d < 0.05 as rejected
                       from (select g, random() as a, random() as b, random() as c, random() as d, random() as e, random() as f,
                                    now() - random() * ($3 * interval '30.4375 days') as received
                               from generate_series(1, $2) g) q) s) r
       join bench_office o on o.n = 1 + r.g % $4
       join bench_unit u on u.n = o.n and u.k = floor(r.e * $5)::int
       join bench_staff rs on rs.n = o.n and rs.k = 1 + r.g % 4
       join bench_staff asg on asg.n = o.n and asg.k = 1 + (r.g / 4) % 4
      -- In the order they would have arrived, as a real table is laid out on disk.
      order by r.received`,
    [tenantId, shape.tickets, shape.months, shape.offices, shape.unitsPerOffice],
  );
  // The timeline (also the group's event log): registration, assignment, resolution or rejection, closing —
  // sequenced in time order as the commit-time trigger would have.
  await step(
    "ticket events",
    `insert into ticket_event (tenant_id, ticket_id, office_id, kind, actor_id, at, changes, note, seq)
     select $1, ticket_id, office_id, kind, actor_id, at, changes, note, row_number() over (order by at, ticket_id, kind)
       from (select id as ticket_id, office_id, 'CREATED' as kind, receiver_id as actor_id, received_at as at,
                    jsonb_build_object('status', jsonb_build_array(null, 'NEW'), 'type', jsonb_build_array(null, type),
                                       'channel', jsonb_build_array(null, channel)) as changes, null as note
               from ticket where tenant_id = $1
             union all
             select id, office_id, 'ASSIGNED', receiver_id, received_at + interval '20 minutes',
                    jsonb_build_object('status', jsonb_build_array('NEW', 'ASSIGNED'), 'assignee', jsonb_build_array(null, assignee_id)), null
               from ticket where tenant_id = $1 and assignee_id is not null
             union all
             select id, office_id, 'RESOLVED', resolved_by_id, resolved_at,
                    jsonb_build_object('status', jsonb_build_array('IN_PROGRESS', 'RESOLVED')), resolution
               from ticket where tenant_id = $1 and resolved_at is not null
             union all
             select id, office_id, 'REJECTED', receiver_id, rejected_at,
                    jsonb_build_object('status', jsonb_build_array('NEW', 'REJECTED')), '无效投诉'
               from ticket where tenant_id = $1 and rejected_at is not null
             union all
             select id, office_id, 'CLOSED', null, closed_at, jsonb_build_object('status', jsonb_build_array('RESOLVED', 'CLOSED')), null
               from ticket where tenant_id = $1 and closed_at is not null) e
      order by at, ticket_id, kind`,
    [tenantId],
  );
  await admin.query(
    `insert into event_counter (tenant_id, last) select $1, coalesce(max(seq), 0) from ticket_event where tenant_id = $1
     on conflict (tenant_id) do update set last = excluded.last`,
    [tenantId],
  );
  await step(
    "follow-ups",
    `insert into follow_up (tenant_id, id, ticket_id, office_id, round, status, due_at, exemption, satisfaction, method,
                            attempt_count, completed_at, assignee_id, created_at, updated_at)
     select $1, gen_random_uuid(), id, office_id, 1, status, resolved_at + interval '3 days',
            case when status = 'EXEMPTED' then 'ANONYMOUS' end,
            case when status = 'COMPLETED' then
              case when s < 0.60 then 'VERY_SATISFIED' when s < 0.955 then 'SATISFIED' when s < 0.985 then 'NEUTRAL' else 'DISSATISFIED' end end,
            case when status = 'COMPLETED' then 'PHONE' end,
            (status = 'COMPLETED')::int,
            case when status <> 'PENDING' then resolved_at + s * interval '3 days' end, receiver_id, resolved_at, resolved_at
       from (select id, office_id, resolved_at, receiver_id, random() as s,
                    case when anonymous then 'EXEMPTED' when random() < 0.03 then 'PENDING' else 'COMPLETED' end as status
               from ticket where tenant_id = $1 and resolved_at is not null) t
      order by resolved_at`,
    [tenantId],
  );
  const sampleId = (
    await admin.query<{ id: string }>(
      `insert into spot_check_sample (tenant_id, id, sampler, period_from, period_to, seed, population, sample_size, drawn_at, drawn_by_id)
       select $1, gen_random_uuid(), 'GENERAL_OFFICE', now() - interval '1 year', now(), 1, 0, 0, now(), id
         from bench_staff where k = 0 limit 1
       returning id`,
      [tenantId],
    )
  ).rows[0]!.id;
  await step(
    "spot checks",
    `insert into spot_check (tenant_id, id, sample_id, ticket_id, follow_up_id, office_id, status, satisfaction, agrees, checked_at, followed_up_at)
     select $1, gen_random_uuid(), $2, ticket_id, id, office_id, 'DONE', satisfaction, random() < 0.9, completed_at + interval '5 days', completed_at
       from follow_up where tenant_id = $1 and status = 'COMPLETED' and random() < 0.01`,
    [tenantId, sampleId],
  );
  const fee = (
    await admin.query<{ id: string }>(
      `insert into fee_item (tenant_id, id, code, name, basis, rate_cents) values ($1, gen_random_uuid(), 'MGMT', '物业管理费', 'PER_M2', 280) returning id`,
      [tenantId],
    )
  ).rows[0]!.id;
  await step(
    "billing periods",
    `insert into billing_period (tenant_id, id, code, starts_on, ends_on, due_on)
     select $1, gen_random_uuid(), to_char(m, 'YYYY-MM'), m, m + interval '1 month', m + interval '14 days'
       from generate_series(date_trunc('month', now()) - ($2 - 1) * interval '1 month', date_trunc('month', now()), interval '1 month') m`,
    [tenantId, shape.months],
  );
  await step(
    "bills",
    `insert into bill (tenant_id, id, office_id, property_id, unit_id, customer_id, fee_item_id, period_id, amount_cents, paid_cents, due_on, created_at, updated_at)
     select $1, gen_random_uuid(), u.office_id, u.property, u.id, u.customer, $2, bp.id, amount,
            case when random() < 0.95 and bp.due_on < now() then amount else 0 end, bp.due_on, bp.starts_on, bp.starts_on
       from bench_unit u
       join unit un on un.tenant_id = $1 and un.id = u.id
       cross join billing_period bp
       cross join lateral (select (280::bigint * un.area_centi_m2 + 50) / 100 as amount) a
      where bp.tenant_id = $1
      order by bp.due_on`,
    [tenantId, fee],
  );
  await step(
    "payments",
    `insert into payment (tenant_id, id, bill_id, office_id, amount_cents, method, paid_on, recorded_by_id, created_at, updated_at)
     select b.tenant_id, gen_random_uuid(), b.id, b.office_id, b.paid_cents, 'WECHAT',
            least(current_date, b.due_on + (random() * 20)::int - 10), s.id, b.due_on, b.due_on
       from bill b join bench_staff s on s.office_id = b.office_id and s.k = 1
      where b.tenant_id = $1 and b.paid_cents > 0
      order by b.due_on`,
    [tenantId],
  );
  // Every quarter of the period, each office manager assesses their staff on every indicator of the default model.
  await admin.query(
    `create temporary table bench_assessment on commit drop as
     select gen_random_uuid() as id, s.id as staff_id, s.office_id, m.id as assessor_id,
            to_char(q, 'YYYY') || '-Q' || to_char(q, 'Q') as period, q::date as period_start, (q + interval '3 months')::date as period_end
       from bench_staff s
       join bench_staff m on m.n = s.n and m.k = 0
       cross join generate_series(date_trunc('quarter', now()) - (greatest(1, $1 / 3) - 1) * interval '3 months',
                                  date_trunc('quarter', now()), interval '3 months') q
      where s.k > 0`,
    [shape.months],
  );
  await step(
    "competency assessments",
    `insert into competency_assessment (tenant_id, id, staff_id, office_id, assessor_id, period, period_start, period_end, comment)
     select $1, id, staff_id, office_id, assessor_id, period, period_start, period_end, '季度评估' from bench_assessment`,
    [tenantId],
  );
  await step(
    "competency ratings",
    `insert into competency_rating (tenant_id, assessment_id, indicator_code, rating)
     select $1, a.id, code, 2 + floor(random() * 4)::int from bench_assessment a cross join unnest($2::text[]) code`,
    [tenantId, INDICATORS],
  );
  // Triggers were off for the load: build the report rollups (days, months, units per property) from the rows, as
  // a repair would — `report_rebuild` repairs the months (and folds their deltas) and rebuilds the unit counts
  // itself, since the triggers on the day table stay off in this session too.
  await step("report rollup", "select report_rebuild($1)", [tenantId]);
  const officeIds = (await admin.query<{ id: string }>("select id from bench_office order by n")).rows.map((r) => r.id);
  await admin.query("commit");
  return { officeIds };
}

/** Tables the generator fills in bulk: their secondary indexes are built after the load instead of row by row. */
const BULK_TABLES = ["ticket", "ticket_event", "follow_up", "spot_check", "bill", "payment", "customer", "customer_unit", "unit"];

/**
 * Runs a bulk load with the secondary indexes of the bulk tables dropped, then recreates them from their own
 * definitions (as the migrations made them): building an index once is several times faster than maintaining it
 * for every inserted row. Indexes that back constraints (primary keys, unique constraints) stay.
 */
export async function withIndexesDeferred<T>(admin: Client, log: (text: string) => void, load: () => Promise<T>): Promise<T> {
  const { rows } = await admin.query<{ name: string; definition: string }>(
    `select i.indexname as name, i.indexdef as definition
       from pg_indexes i
      where i.schemaname = current_schema() and i.tablename = any($1)
        and not exists (select 1 from pg_constraint c where c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
    [BULK_TABLES],
  );
  for (const index of rows) await admin.query(`drop index ${admin.escapeIdentifier(index.name)}`);
  const result = await load();
  const started = Date.now();
  await admin.query("set maintenance_work_mem = '512MB'");
  for (const index of rows) await admin.query(index.definition);
  await admin.query("reset maintenance_work_mem");
  log(`${rows.length} indexes built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Statistics and visibility maps as autovacuum would leave them after a load. */
export async function vacuumAnalyze(admin: Client, log: (text: string) => void): Promise<void> {
  const started = Date.now();
  await admin.query(
    `vacuum (analyze) ticket, ticket_event, follow_up, spot_check, bill, payment, unit, customer, customer_unit, property, office,
     staff, competency_assessment, competency_rating, report_office_day, report_office_month, report_office_month_delta, report_property_units`,
  );
  log(`vacuum analyze: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
