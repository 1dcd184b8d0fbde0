import type { EntityManager } from "@mikro-orm/postgresql";
import { DateTime } from "luxon";
import { v7 as uuidv7 } from "uuid";
import { Role } from "../auth/roles";
import { tenantIdOf } from "../common/entities/tenant-owned.entity";
import { BillingPeriod } from "../modules/billing/billing-period.entity";
import { DunningMethod, FeeBasis, PaymentMethod } from "../modules/billing/billing.enums";
import { insertBills } from "../modules/billing/billing.service";
import { DunningNotice } from "../modules/billing/dunning-notice.entity";
import { FeeItem } from "../modules/billing/fee-item.entity";
import { Property } from "../modules/property/property.entity";
import { Staff } from "../modules/staff/staff.entity";
import { Office, OfficeKind } from "../modules/tenancy/office.entity";
import type { SeededRandom } from "./random";

const ZONE = "Asia/Shanghai";
const DAY_MS = 86_400_000;

/** How an office's customers pay: most offices collect 90–98%, 银杏 (older walk-ups, a dispute with owners) lags. */
interface CollectionProfile {
  /** Share of units that stopped paying at some point (the bulk of arrears in real books). */
  debtors: number;
  /** Chance that an otherwise good payer skips or delays a bill past today. */
  misses: number;
}

const COLLECTION: Record<string, CollectionProfile> = {
  CH: { debtors: 0.04, misses: 0.012 },
  JG: { debtors: 0.04, misses: 0.015 },
  YX: { debtors: 0.25, misses: 0.08 },
  HJ: { debtors: 0.05, misses: 0.02 },
  FL: { debtors: 0.045, misses: 0.012 },
  BJ: { debtors: 0.065, misses: 0.025 },
};
const DEFAULT_COLLECTION: CollectionProfile = { debtors: 0.03, misses: 0.02 };

const FEE_ITEMS = [
  { code: "MGMT_RES", name: "物业管理费（住宅）", basis: FeeBasis.PER_M2, rateCents: 280 },
  { code: "MGMT_COM", name: "物业管理费（商业）", basis: FeeBasis.PER_M2, rateCents: 650 },
  { code: "SHARED_ENERGY", name: "公共能耗分摊费", basis: FeeBasis.PER_M2, rateCents: 35 },
  { code: "GARBAGE", name: "生活垃圾处理费", basis: FeeBasis.FIXED, rateCents: 1500 },
] as const;

const METHOD_MIX: [PaymentMethod, number][] = [
  [PaymentMethod.WECHAT, 45],
  [PaymentMethod.ALIPAY, 20],
  [PaymentMethod.BANK_TRANSFER, 18],
  [PaymentMethod.CASH, 10],
  [PaymentMethod.CARD, 7],
];

interface BillRow {
  id: string;
  office_id: string;
  office_code: string;
  unit_id: string;
  amount_cents: string;
  due_on: string;
  starts_on: string;
}

/**
 * A year of fees for every unit: the fee items, monthly billing periods, bills generated the way the API
 * generates them, and payments by each office's collection profile (early and late payers, a few partial
 * payments, chronic debtors, a few mistaken payments reversed by counter-entries), plus dunning notices for
 * units in arrears. Deterministic for a seed, apart from ids.
 */
export async function seedDemoFees(em: EntityManager, random: SeededRandom, now: Date, months = 12): Promise<number> {
  const tenantId = tenantIdOf(em);
  const items = new Map(FEE_ITEMS.map((f) => [f.code, em.create(FeeItem, { ...f })]));
  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf("day");
  const thisMonth = today.startOf("month");
  const periods: BillingPeriod[] = [];
  for (let m = months - 1; m >= 0; m--) {
    const start = thisMonth.minus({ months: m });
    periods.push(
      em.create(BillingPeriod, {
        code: start.toFormat("yyyy-MM"),
        startsOn: start.toISODate()!,
        endsOn: start.plus({ months: 1 }).toISODate()!,
        dueOn: start.plus({ days: 14 }).toISODate()!,
      }),
    );
  }
  await em.flush();

  const properties = await em.find(Property, {}, { orderBy: { name: "asc" } });
  for (const property of properties) {
    const shops = property.name.includes("商业") || property.name.includes("大厦");
    const ids = [shops ? "MGMT_COM" : "MGMT_RES", "SHARED_ENERGY", "GARBAGE"].map((c) => items.get(c as never)!.id);
    for (const period of periods) await insertBills(em, tenantId, property.id, period, ids);
  }

  // Ordered by stable business keys, so the same seed pays the same bills on every machine.
  const bills = await em.execute<BillRow[]>(
    `select b.id, b.office_id, o.code as office_code, b.unit_id, b.amount_cents, b.due_on::text, bp.starts_on::text
       from bill b
       join office o on o.tenant_id = b.tenant_id and o.id = b.office_id
       join unit u on u.tenant_id = b.tenant_id and u.id = b.unit_id
       join property p on p.tenant_id = b.tenant_id and p.id = b.property_id
       join fee_item f on f.tenant_id = b.tenant_id and f.id = b.fee_item_id
       join billing_period bp on bp.tenant_id = b.tenant_id and bp.id = b.period_id
      where b.tenant_id = ?
      order by o.code, p.name, u.building, u.number, bp.code, f.code`,
    [tenantId],
  );
  const staff = await em.find(
    Staff,
    { active: true, role: { $in: [Role.OFFICE_STAFF, Role.OFFICE_MANAGER] } },
    { orderBy: { email: "asc" } },
  );
  const cashiers = new Map<string, Staff[]>();
  for (const s of staff) cashiers.set(s.office.id, [...(cashiers.get(s.office.id) ?? []), s]);

  // Dates as day numbers: tens of thousands of payments, and plain integers are what this needs.
  const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
  const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
  const todayDay = dayOf(today.toISODate()!);

  // Each unit's habit: when (if ever) it stopped paying, and whether it pays early or late.
  const habits = new Map<string, { stopsAfter: string | null; lateDays: number }>();
  const habitOf = (bill: BillRow) => {
    let habit = habits.get(bill.unit_id);
    if (!habit) {
      const profile = COLLECTION[bill.office_code] ?? DEFAULT_COLLECTION;
      const debtor = random.chance(profile.debtors);
      habit = {
        stopsAfter: debtor ? thisMonth.minus({ months: random.int(1, months + 2) }).toISODate()! : null,
        lateDays: random.pick([-10, -7, -5, -3, -2, 0, 0, 0, 3, 12]),
      };
      habits.set(bill.unit_id, habit);
    }
    return habit;
  };

  const payments: Record<string, unknown>[] = [];
  const receiptSeq = new Map<string, number>();
  const receipt = (officeCode: string, on: string) => {
    const key = `${officeCode}${on.slice(0, 7).replace("-", "")}`;
    const seq = (receiptSeq.get(key) ?? 0) + 1;
    receiptSeq.set(key, seq);
    return `${key}-${String(seq).padStart(5, "0")}`;
  };
  const record = (bill: BillRow, cents: number, day: number, extra: { reverses_payment_id?: string; note?: string } = {}) => {
    const id = uuidv7();
    const on = isoOf(day);
    payments.push({
      id,
      bill_id: bill.id,
      office_id: bill.office_id,
      amount_cents: cents,
      method: random.weighted(METHOD_MIX),
      receipt_number: cents > 0 ? receipt(bill.office_code, on) : null,
      paid_on: on,
      recorded_by_id: random.pick(cashiers.get(bill.office_id) ?? staff).id,
      // Office hours in China (UTC+8).
      created_at: new Date((day * 24 + random.int(9, 18) - 8) * 3_600_000).toISOString(),
      ...extra,
    });
    return id;
  };

  for (const bill of bills) {
    const profile = COLLECTION[bill.office_code] ?? DEFAULT_COLLECTION;
    const habit = habitOf(bill);
    const amount = Number(bill.amount_cents);
    const due = dayOf(bill.due_on);
    if (habit.stopsAfter && bill.starts_on >= habit.stopsAfter) {
      // A debtor now and then pays part of an old bill.
      if (random.chance(0.08) && amount > 100) {
        const on = Math.min(due + random.int(20, 120), todayDay);
        if (on > due) record(bill, Math.floor((amount * random.int(20, 60)) / 100) || 1, on);
      }
      continue;
    }
    const skip = random.chance(profile.misses);
    const on = Math.max(due + habit.lateDays + random.int(-3, 4) + (skip ? random.int(30, 200) : 0), dayOf(bill.starts_on));
    if (on > todayDay) continue;
    if (random.chance(0.03) && amount >= 200) {
      // Paid in two instalments.
      const first = Math.floor(amount / 2);
      record(bill, first, on);
      const second = on + random.int(5, 40);
      if (second <= todayDay) record(bill, amount - first, second);
      continue;
    }
    record(bill, amount, on);
    if (random.chance(0.002)) {
      // Recorded twice by mistake; the duplicate is reversed the same day by a counter-entry, never deleted.
      const duplicate = record(bill, amount, on);
      record(bill, -amount, on, { reverses_payment_id: duplicate, note: "冲正：重复录入" });
    }
  }
  // A reversal points at an earlier row; inserting in order keeps the foreign key satisfied.
  for (let i = 0; i < payments.length; i += 10_000) {
    await em.execute(
      `insert into payment (tenant_id, id, bill_id, office_id, amount_cents, method, receipt_number, paid_on, reverses_payment_id, note, recorded_by_id, created_at, updated_at)
       select ?, id, bill_id, office_id, amount_cents, method, receipt_number, paid_on, reverses_payment_id, note, recorded_by_id, created_at, created_at
         from json_to_recordset(?::json) as x(id uuid, bill_id uuid, office_id uuid, amount_cents bigint, method text, receipt_number text,
              paid_on date, reverses_payment_id uuid, note text, recorded_by_id uuid, created_at timestamptz)`,
      [tenantId, JSON.stringify(payments.slice(i, i + 10_000))],
    );
  }
  await em.execute(
    `update bill b set paid_cents = p.paid, version = b.version + 1
       from (select bill_id, sum(amount_cents) as paid from payment where tenant_id = ? group by bill_id) p
      where b.tenant_id = ? and b.id = p.bill_id`,
    [tenantId, tenantId],
  );
  await seedDunningNotices(em, random, today, staff);
  return bills.length;
}

/** Quarterly dunning letters, and a call for the longest overdue, to units owing two months or more. */
async function seedDunningNotices(em: EntityManager, random: SeededRandom, today: DateTime, staff: Staff[]): Promise<void> {
  const tenantId = tenantIdOf(em);
  const offices = await em.find(Office, { kind: OfficeKind.OFFICE });
  for (let q = 3; q >= 0; q--) {
    const sentOn = today
      .minus({ months: q * 3 })
      .startOf("month")
      .plus({ days: 4 });
    const day = sentOn.toISODate()!;
    const owing = await em.execute<
      { unit_id: string; office_id: string; customer_id: string | null; cents: string; bills: number }[]
    >(
      `select b.unit_id, b.office_id, min(b.customer_id::text)::uuid as customer_id,
              sum(b.amount_cents - coalesce(p.paid, 0)) as cents, count(*)::int as bills
         from bill b
         left join lateral (select sum(amount_cents) as paid from payment p
                             where p.tenant_id = b.tenant_id and p.bill_id = b.id and p.paid_on < ?) p on true
        where b.tenant_id = ? and b.due_on < ? and b.amount_cents > coalesce(p.paid, 0)
        group by b.unit_id, b.office_id
       having min(b.due_on) < ?::date - 60
        order by b.unit_id`,
      [day, tenantId, day, day],
    );
    for (const row of owing) {
      if (!offices.some((o) => o.id === row.office_id)) continue;
      const who = staff.filter((s) => s.office.id === row.office_id);
      em.create(DunningNotice, {
        office: row.office_id,
        unit: row.unit_id,
        customer: row.customer_id,
        sentOn: day,
        method:
          row.bills >= 6 ? DunningMethod.LETTER : random.pick([DunningMethod.SMS, DunningMethod.PHONE, DunningMethod.LETTER]),
        outstandingCents: Number(row.cents),
        billCount: row.bills,
        note: row.bills >= 6 ? "第二次书面催缴，请于十五日内缴清" : null,
        recordedBy: random.pick(who.length ? who : staff),
        createdAt: sentOn.plus({ hours: 10 }).toJSDate(),
      });
    }
  }
  await em.flush();
}
