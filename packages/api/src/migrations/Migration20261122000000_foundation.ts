import { Migration } from "@mikro-orm/migrations";
import { APP_ROLE, tenantTableSecurity } from "./rls";

/**
 * Tenants, the office tree, properties, units, customers, staff and API tokens.
 *
 * Every tenant table has `tenant_id`, a primary key that starts with it (the Citus distribution column), and
 * references other tenant tables through `(tenant_id, …)` so the database refuses a row that points into
 * another tenant. Row-level security is enabled and forced on each table in the same statement batch that
 * creates it.
 */
export class Migration20261122000000_foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      do $$ begin
        if not exists (select from pg_roles where rolname = '${APP_ROLE}') then
          create role ${APP_ROLE} nologin nosuperuser nobypassrls nocreatedb nocreaterole;
        end if;
      end $$;`);
    this.addSql(`grant usage on schema public to ${APP_ROLE};`);

    // Reads as NULL when unset or set to '' (a setting once set in a session reverts to '' after its
    // transaction ends, not to NULL), so every policy fails closed.
    this.addSql(`
      create function app_current_tenant_id() returns uuid
        language sql stable parallel safe
        as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;`);
    this.addSql(`
      create function app_current_tenant_slug() returns text
        language sql stable parallel safe
        as $$ select nullif(current_setting('app.tenant_slug', true), '') $$;`);

    this.addSql(`
      create table tenant (
        id uuid primary key,
        name text not null check (length(trim(name)) between 1 and 200),
        slug text not null unique check (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$'),
        time_zone text not null default 'Asia/Shanghai',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    // A tenant sees its own row; login may also read the row whose slug it was given (the slug is what users
    // type to sign in, so it reveals nothing they do not already know).
    this.addSql(`alter table tenant enable row level security;`);
    this.addSql(`alter table tenant force row level security;`);
    this.addSql(`
      create policy tenant_self on tenant
        using (id = app_current_tenant_id() or slug = app_current_tenant_slug())
        with check (id = app_current_tenant_id());`);
    this.addSql(`grant select, insert, update on tenant to ${APP_ROLE};`);

    this.addSql(`
      create table calendar_day (
        tenant_id uuid not null references tenant (id),
        day date not null,
        kind text not null check (kind in ('HOLIDAY', 'WORKDAY')),
        name text not null default '',
        primary key (tenant_id, day)
      );`);
    this.addSql(tenantTableSecurity("calendar_day", "select, insert, update, delete"));

    this.addSql(`
      create table office (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        parent_id uuid,
        kind text not null check (kind in ('HEAD_OFFICE', 'OFFICE')),
        code text not null check (code ~ '^[A-Za-z0-9_-]{1,32}$'),
        name text not null check (length(trim(name)) between 1 and 200),
        address text,
        phone text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, parent_id) references office (tenant_id, id),
        unique (tenant_id, code),
        check ((kind = 'HEAD_OFFICE') = (parent_id is null))
      );`);
    this.addSql(`create unique index office_one_head_office on office (tenant_id) where kind = 'HEAD_OFFICE';`);
    this.addSql(`create index office_parent on office (tenant_id, parent_id);`);
    this.addSql(tenantTableSecurity("office", "select, insert, update"));

    this.addSql(`
      create table property (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        office_id uuid not null,
        name text not null check (length(trim(name)) between 1 and 200),
        address text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, office_id) references office (tenant_id, id)
      );`);
    this.addSql(`create index property_office on property (tenant_id, office_id, name, id);`);
    this.addSql(tenantTableSecurity("property", "select, insert, update"));

    this.addSql(`
      create table unit (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        property_id uuid not null,
        building text not null check (length(trim(building)) between 1 and 50),
        number text not null check (length(trim(number)) between 1 and 50),
        floor integer,
        area_centi_m2 integer not null default 0 check (area_centi_m2 >= 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, property_id) references property (tenant_id, id),
        unique (tenant_id, property_id, building, number)
      );`);
    this.addSql(tenantTableSecurity("unit", "select, insert, update"));

    this.addSql(`
      create table customer (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        office_id uuid not null,
        name text not null check (length(trim(name)) between 1 and 100),
        phone text,
        kind text not null check (kind in ('OWNER', 'TENANT', 'RESIDENT', 'OTHER')),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, office_id) references office (tenant_id, id)
      );`);
    this.addSql(`create index customer_office on customer (tenant_id, office_id, name, id);`);
    this.addSql(`create index customer_phone on customer (tenant_id, phone);`);
    this.addSql(tenantTableSecurity("customer", "select, insert, update"));

    this.addSql(`
      create table customer_unit (
        tenant_id uuid not null references tenant (id),
        customer_id uuid not null,
        unit_id uuid not null,
        relation text not null check (relation in ('OWNER', 'TENANT', 'RESIDENT')),
        created_at timestamptz not null default now(),
        primary key (tenant_id, customer_id, unit_id),
        foreign key (tenant_id, customer_id) references customer (tenant_id, id),
        foreign key (tenant_id, unit_id) references unit (tenant_id, id)
      );`);
    this.addSql(`create index customer_unit_unit on customer_unit (tenant_id, unit_id);`);
    this.addSql(tenantTableSecurity("customer_unit", "select, insert, delete"));

    this.addSql(`
      create table staff (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        office_id uuid not null,
        email text not null check (email = lower(email) and email ~ '^[^@\\s]+@[^@\\s]+$'),
        name text not null check (length(trim(name)) between 1 and 100),
        phone text,
        role text not null check (role in ('HEAD_OFFICE_ADMIN', 'HEAD_OFFICE_MANAGER', 'OFFICE_MANAGER', 'OFFICE_STAFF')),
        password_hash text not null,
        active boolean not null default true,
        session_version integer not null default 0,
        last_login_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, office_id) references office (tenant_id, id),
        unique (tenant_id, email)
      );`);
    this.addSql(`create index staff_office on staff (tenant_id, office_id, name, id);`);
    this.addSql(tenantTableSecurity("staff", "select, insert, update"));

    this.addSql(`
      create table api_token (
        tenant_id uuid not null references tenant (id),
        id uuid not null,
        name text not null check (length(trim(name)) between 1 and 100),
        token_hash text not null,
        token_prefix text not null,
        office_id uuid,
        created_by_id uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by_id uuid,
        primary key (tenant_id, id),
        unique (tenant_id, token_hash),
        foreign key (tenant_id, office_id) references office (tenant_id, id),
        foreign key (tenant_id, created_by_id) references staff (tenant_id, id),
        foreign key (tenant_id, revoked_by_id) references staff (tenant_id, id)
      );`);
    this.addSql(`create index api_token_created on api_token (tenant_id, created_at, id);`);
    this.addSql(tenantTableSecurity("api_token", "select, insert, update"));
  }

  override async down(): Promise<void> {
    for (const table of [
      "api_token",
      "staff",
      "customer_unit",
      "customer",
      "unit",
      "property",
      "office",
      "calendar_day",
      "tenant",
    ]) {
      this.addSql(`drop table if exists ${table} cascade;`);
    }
    this.addSql(`drop function if exists app_current_tenant_slug();`);
    this.addSql(`drop function if exists app_current_tenant_id();`);
    this.addSql(`revoke usage on schema public from ${APP_ROLE};`);
  }
}
