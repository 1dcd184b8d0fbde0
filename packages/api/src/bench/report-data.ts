import type { Client } from "pg";

/**
 * A year of work for a large group, for the report benchmark: `tickets` requests spread over
 * max(6, tickets / 20,000) offices (one ticket per unit and month, so units = tickets / 12), follow-ups for
 * every resolution, spot checks of 1% of them, and a year of monthly bills with payments (≈ 95% paid).
 * Written set-based by the database itself (generate_series), with triggers off for the bulk load, then
 * vacuumed and analysed as autovacuum would leave it. Deterministic for a seed.
 */
export interface ReportDataSize {
  tickets: number;
  offices: number;
  units: number;
}

export function reportDataSize(tickets: number): ReportDataSize {
  const offices = Math.max(6, Math.round(tickets / 20_000));
  return { tickets, offices, units: Math.max(offices, Math.round(tickets / 12)) };
}

export async function generateReportData(
  admin: Client,
  tenantId: string,
  size: ReportDataSize,
  log: (text: string) => void,
): Promise<void> {
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const started = Date.now();
    const result = await admin.query(sql, params);
    log(`${label}: ${result.rowCount ?? 0} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  await admin.query("begin");
  await admin.query("select setseed(0.42)");
  // Bulk load: skip triggers (the overdue queue, foreign-key checks) — the data is consistent by construction.
  await admin.query("set local session_replication_role = replica");
  const [head] = (
    await admin.query<{ id: string }>("select id from office where tenant_id = $1 and kind = 'HEAD_OFFICE'", [tenantId])
  ).rows;
  await step(
    "offices",
    `insert into office (tenant_id, id, parent_id, kind, code, name)
     select $1, gen_random_uuid(), $2, 'OFFICE', 'O' || lpad(g::text, 3, '0'), '管理处 ' || g from generate_series(1, $3) g`,
    [tenantId, head!.id, size.offices],
  );
  await admin.query(
    `create temporary table bench_office on commit drop as
     select row_number() over (order by code) as n, id, code, gen_random_uuid() as receiver, gen_random_uuid() as property
       from office where tenant_id = $1 and kind = 'OFFICE'`,
    [tenantId],
  );
  await step(
    "staff",
    `insert into staff (tenant_id, id, office_id, email, name, role, password_hash)
     select $1, receiver, id, lower(code) || '.staff@bench.test', '客服 ' || code, 'OFFICE_STAFF', 'x' from bench_office`,
    [tenantId],
  );
  await step(
    "properties",
    `insert into property (tenant_id, id, office_id, name) select $1, property, id, '小区 ' || code from bench_office`,
    [tenantId],
  );
  await step(
    "units",
    `insert into unit (tenant_id, id, property_id, building, number, area_centi_m2)
     select $1, gen_random_uuid(), o.property, (1 + g / 100)::text || '栋', (g % 100)::text, 6000 + (random() * 10000)::int
       from bench_office o cross join generate_series(0, $2 - 1) g`,
    [tenantId, Math.ceil(size.units / size.offices)],
  );
  await step(
    "tickets",
    `insert into ticket (tenant_id, id, number, office_id, type, channel, severity, complaint_class, validity, status, content,
                         complainant_count, received_at, receiver_id, first_replied_at, reply_due_at, resolve_due_at, resolved_at,
                         closed_at, rejected_at, created_at, updated_at)
     select $1, gen_random_uuid(), o.code || '-' || r.g, o.id, r.type, r.channel,
            case r.type when 'COMPLAINT' then (array['SIMPLE', 'GENERAL', 'COMPLEX'])[1 + r.g % 3]
                        when 'REPAIR' then (array['MINOR', 'MEDIUM', 'MAJOR'])[1 + r.g % 3]
                        when 'HELP' then (array['URGENT', 'NORMAL'])[1 + r.g % 2] end,
            case when r.type = 'COMPLAINT' then (array['MINOR', 'GENERAL', 'GENERAL', 'IMPORTANT', 'MAJOR'])[1 + r.g % 5] end,
            case when r.type = 'COMPLAINT' and r.open then null when r.type = 'COMPLAINT' and r.rejected then 'INVALID'
                 when r.type = 'COMPLAINT' then 'VALID' end,
            case when r.open then 'IN_PROGRESS' when r.rejected then 'REJECTED' else 'CLOSED' end,
            '客户诉求 ' || r.g, 1 + (r.g % 50 = 0)::int * 4, r.received, o.receiver,
            case when not r.open or r.c < 0.7 then r.received + r.c * interval '3 hours' end,
            r.received + interval '2 hours', r.received + interval '1 day',
            case when not r.open and not r.rejected then r.received + r.d * interval '30 hours' end,
            case when not r.open and not r.rejected then r.received + r.d * interval '30 hours' + interval '2 days' end,
            case when r.rejected then r.received + interval '4 hours' end,
            r.received, r.received
       from (select g, received, c, d,
                    case when a < 0.40 then 'REPAIR' when a < 0.55 then 'COMPLAINT' when a < 0.70 then 'CONSULTATION'
                         when a < 0.80 then 'HELP' when a < 0.88 then 'SUGGESTION' when a < 0.95 then 'COORDINATION' else 'QUALITY' end as type,
                    (array['PHONE', 'PHONE', 'VISIT', 'ONLINE', 'LETTER'])[1 + floor(b * 5)::int] as channel,
                    received > now() - interval '3 days' and c < 0.5 as open,
                    a between 0.40 and 0.55 and d < 0.05 as rejected
               from (select g, random() as a, random() as b, random() as c, random() as d,
                            now() - random() * interval '365 days' as received
                       from generate_series(1, $2) g) s) r
       join bench_office o on o.n = 1 + r.g % $3
      -- In the order they would have arrived, as a real table is laid out on disk.
      order by r.received`,
    [tenantId, size.tickets, size.offices],
  );
  await step(
    "follow-ups",
    `insert into follow_up (tenant_id, id, ticket_id, office_id, round, status, due_at, exemption, satisfaction, method,
                            attempt_count, completed_at, created_at, updated_at)
     select $1, gen_random_uuid(), id, office_id, 1, status, resolved_at + interval '3 days',
            case when status = 'EXEMPTED' then 'ANONYMOUS' end,
            case when status = 'COMPLETED' then
              case when s < 0.60 then 'VERY_SATISFIED' when s < 0.955 then 'SATISFIED' when s < 0.985 then 'NEUTRAL' else 'DISSATISFIED' end end,
            case when status = 'COMPLETED' then 'PHONE' end,
            (status = 'COMPLETED')::int,
            case when status <> 'PENDING' then resolved_at + s * interval '3 days' end, resolved_at, resolved_at
       from (select id, office_id, resolved_at, random() as s,
                    case when random() < 0.03 then 'EXEMPTED' when random() < 0.03 then 'PENDING' else 'COMPLETED' end as status
               from ticket where tenant_id = $1 and resolved_at is not null) t
      order by resolved_at`,
    [tenantId],
  );
  const sampleId = (
    await admin.query<{ id: string }>(
      `insert into spot_check_sample (tenant_id, id, sampler, period_from, period_to, seed, population, sample_size, drawn_at, drawn_by_id)
       select $1, gen_random_uuid(), 'GENERAL_OFFICE', now() - interval '1 year', now(), 1, 0, 0, now(), receiver from bench_office limit 1
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
       from generate_series(date_trunc('month', now()) - interval '11 months', date_trunc('month', now()), interval '1 month') m`,
    [tenantId],
  );
  await step(
    "bills",
    `insert into bill (tenant_id, id, office_id, property_id, unit_id, fee_item_id, period_id, amount_cents, paid_cents, due_on, created_at, updated_at)
     select $1, gen_random_uuid(), p.office_id, p.id, u.id, $2, bp.id, amount, case when random() < 0.95 and bp.due_on < now() then amount else 0 end,
            bp.due_on, bp.starts_on, bp.starts_on
       from unit u
       join property p on p.tenant_id = u.tenant_id and p.id = u.property_id
       cross join billing_period bp
       cross join lateral (select (280::bigint * u.area_centi_m2 + 50) / 100 as amount) a
      where u.tenant_id = $1 and bp.tenant_id = $1
      order by bp.due_on`,
    [tenantId, fee],
  );
  await step(
    "payments",
    `insert into payment (tenant_id, id, bill_id, office_id, amount_cents, method, paid_on, recorded_by_id, created_at, updated_at)
     select b.tenant_id, gen_random_uuid(), b.id, b.office_id, b.paid_cents, 'WECHAT',
            least(current_date, b.due_on + (random() * 20)::int - 10), o.receiver, b.due_on, b.due_on
       from bill b join bench_office o on o.id = b.office_id
      where b.tenant_id = $1 and b.paid_cents > 0
      order by b.due_on`,
    [tenantId],
  );
  // Triggers were off for the load: build the report rollup from the rows, as a repair would.
  await step("report rollup", "select report_rebuild($1)", [tenantId]);
  await admin.query("commit");
  const started = Date.now();
  await admin.query("vacuum (analyze) ticket, follow_up, spot_check, bill, payment, unit, property, office, report_office_day");
  log(`vacuum analyze: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
