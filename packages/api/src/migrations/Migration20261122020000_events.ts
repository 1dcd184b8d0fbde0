import { Migration } from "@mikro-orm/migrations";
import { APP_ROLE, tenantTableSecurity } from "./rls";

const OPEN = `('NEW', 'ASSIGNED', 'IN_PROGRESS')`;

/**
 * The ticket event log as a lossless feed, and the queue that wakes the overdue sweep.
 *
 * Event sequence numbers are assigned per tenant when the writing transaction commits (a deferred trigger under
 * the tenant's counter-row lock), so they become visible in sequence order: a reader that has seen N can
 * never later find a smaller one. The same trigger notifies listeners (LISTEN/NOTIFY, delivered at commit).
 *
 * `ticket_due` holds, per open ticket, the next instant a rule of time applies (due soon, overdue, hard limit,
 * a month-old complaint). It is a platform queue, not tenant data: it has no row-level security, and the app
 * role has no privileges on it at all — it is only reached through the definer functions below.
 */
export class Migration20261122020000_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table event_counter (
        tenant_id uuid primary key references tenant (id),
        last bigint not null
      );`);
    this.addSql(tenantTableSecurity("event_counter", "select"));

    this.addSql(`alter table ticket_event add column seq bigint;`);
    this.addSql(`create unique index ticket_event_seq on ticket_event (tenant_id, seq);`);

    // Backfill under the owner's own policy bypass for this transaction only.
    for (const table of ["ticket_event", "event_counter", "ticket"])
      this.addSql(`alter table ${table} no force row level security;`);
    this.addSql(`
      update ticket_event e set seq = n.rn
        from (select tenant_id, id, row_number() over (partition by tenant_id order by id) as rn from ticket_event) n
       where e.tenant_id = n.tenant_id and e.id = n.id;`);
    this.addSql(`insert into event_counter (tenant_id, last) select tenant_id, max(seq) from ticket_event group by tenant_id;`);

    this.addSql(`
      create function assign_event_seq() returns trigger
        language plpgsql security definer set search_path = public
      as $$
      declare next_seq bigint;
      begin
        if new.seq is not null then return null; end if;
        insert into event_counter as c (tenant_id, last) values (new.tenant_id, 1)
          on conflict (tenant_id) do update set last = c.last + 1
          returning last into next_seq;
        update ticket_event set seq = next_seq where tenant_id = new.tenant_id and id = new.id;
        perform pg_notify('ticket_events', json_build_object('t', new.tenant_id, 's', next_seq)::text);
        return null;
      end $$;`);
    this.addSql(`
      create constraint trigger ticket_event_seq_at_commit after insert on ticket_event
        deferrable initially deferred for each row execute function assign_event_seq();`);

    this.addSql(`
      alter table ticket
        add column reply_due_soon_at timestamptz,
        add column resolve_due_soon_at timestamptz,
        add column reply_overdue_at timestamptz,
        add column resolve_overdue_at timestamptz,
        add column hard_limit_passed_at timestamptz;`);

    this.addSql(`
      create table ticket_due (
        tenant_id uuid not null,
        ticket_id uuid not null,
        next_at timestamptz not null,
        primary key (tenant_id, ticket_id),
        foreign key (tenant_id, ticket_id) references ticket (tenant_id, id) on delete cascade
      );`);
    this.addSql(`create index ticket_due_next on ticket_due (next_at);`);
    this.addSql(`revoke all on ticket_due from public;`);

    // When a deadline of `due` is "due soon": the ratio of its active time (pauses excluded) has passed.
    this.addSql(`
      create function due_soon_instant(received timestamptz, due timestamptz, paused_seconds integer, ratio numeric)
        returns timestamptz language sql immutable
      as $$ select received + make_interval(secs => paused_seconds)
                 + (due - received - make_interval(secs => paused_seconds)) * ratio $$;`);

    this.addSql(`
      create function next_ticket_check(t ticket, ratio numeric) returns timestamptz
        language sql stable
      as $$
        select case when t.status not in ${OPEN} or t.paused_at is not null then null else least(
          case when t.first_replied_at is null and t.reply_due_at is not null then
            case when t.reply_due_soon_at is null then due_soon_instant(t.received_at, t.reply_due_at, t.paused_seconds, ratio)
                 when t.reply_overdue_at is null then t.reply_due_at end end,
          case when t.resolve_due_at is not null then
            case when t.resolve_due_soon_at is null then due_soon_instant(t.received_at, t.resolve_due_at, t.paused_seconds, ratio)
                 when t.resolve_overdue_at is null then t.resolve_due_at end end,
          case when t.hard_limit_at is not null and t.hard_limit_passed_at is null then t.hard_limit_at end,
          case when t.type = 'COMPLAINT' and t.complaint_class <> 'MAJOR'
               then t.received_at + interval '30 days' + make_interval(secs => t.paused_seconds) end
        ) end $$;`);

    this.addSql(`
      create function schedule_ticket_check() returns trigger
        language plpgsql security definer set search_path = public
      as $$
      declare ratio numeric; next timestamptz;
      begin
        select coalesce((select due_soon_ratio from service_policy where tenant_id = new.tenant_id), 0.75) into ratio;
        next := next_ticket_check(new, ratio);
        if next is null then
          delete from ticket_due where tenant_id = new.tenant_id and ticket_id = new.id;
        else
          insert into ticket_due (tenant_id, ticket_id, next_at) values (new.tenant_id, new.id, next)
            on conflict (tenant_id, ticket_id) do update set next_at = excluded.next_at;
        end if;
        return null;
      end $$;`);
    this.addSql(`
      create trigger ticket_schedule_check after insert or update on ticket
        for each row execute function schedule_ticket_check();`);

    // Tickets whose next rule of time has come, locked for this transaction (others skip them).
    this.addSql(`
      create function claim_due_tickets(at timestamptz, max_rows integer)
        returns table (tenant_id uuid, ticket_id uuid)
        language sql security definer set search_path = public
      as $$
        select d.tenant_id, d.ticket_id from ticket_due d
         where d.next_at <= at order by d.next_at limit max_rows for update skip locked $$;`);
    // A ticket the sweep could not advance is looked at again later rather than spun on.
    this.addSql(`
      create function postpone_ticket_check(tenant uuid, ticket uuid, until timestamptz) returns void
        language sql security definer set search_path = public
      as $$ update ticket_due set next_at = until where tenant_id = tenant and ticket_id = ticket and next_at < until $$;`);
    for (const fn of [
      "claim_due_tickets(timestamptz, integer)",
      "postpone_ticket_check(uuid, uuid, timestamptz)",
      "assign_event_seq()",
      "schedule_ticket_check()",
    ]) {
      this.addSql(`revoke all on function ${fn} from public;`);
    }
    this.addSql(`grant execute on function claim_due_tickets(timestamptz, integer) to ${APP_ROLE};`);
    this.addSql(`grant execute on function postpone_ticket_check(uuid, uuid, timestamptz) to ${APP_ROLE};`);

    // Schedule every ticket already open (the trigger applies from now on).
    this.addSql(`
      insert into ticket_due (tenant_id, ticket_id, next_at)
      select t.tenant_id, t.id, next_ticket_check(t, coalesce(p.due_soon_ratio, 0.75))
        from ticket t left join service_policy p on p.tenant_id = t.tenant_id
       where next_ticket_check(t, coalesce(p.due_soon_ratio, 0.75)) is not null;`);
    for (const table of ["ticket_event", "event_counter", "ticket"])
      this.addSql(`alter table ${table} force row level security;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists ticket_schedule_check on ticket;`);
    this.addSql(`drop trigger if exists ticket_event_seq_at_commit on ticket_event;`);
    this.addSql(`drop function if exists postpone_ticket_check(uuid, uuid, timestamptz);`);
    this.addSql(`drop function if exists claim_due_tickets(timestamptz, integer);`);
    this.addSql(`drop function if exists schedule_ticket_check();`);
    this.addSql(`drop function if exists next_ticket_check(ticket, numeric);`);
    this.addSql(`drop function if exists due_soon_instant(timestamptz, timestamptz, integer, numeric);`);
    this.addSql(`drop function if exists assign_event_seq();`);
    this.addSql(`drop table if exists ticket_due;`);
    this.addSql(
      `alter table ticket drop column reply_due_soon_at, drop column resolve_due_soon_at, drop column reply_overdue_at, drop column resolve_overdue_at, drop column hard_limit_passed_at;`,
    );
    this.addSql(`drop index if exists ticket_event_seq;`);
    this.addSql(`alter table ticket_event drop column seq;`);
    this.addSql(`drop table if exists event_counter;`);
  }
}
