import type { EntityManager } from "@mikro-orm/postgresql";
import { UniqueConstraintViolationException, raw, type FilterQuery } from "@mikro-orm/core";
import { DateTime } from "luxon";
import { badInput, conflict, notFound } from "../../common/errors/app-error";
import { isId } from "../../common/ids";
import type { Session } from "../../context/context.type";
import { findVisible } from "../../context/find-visible";
import { customerLinksOfUnit } from "../customer/customer.loaders";
import { Property } from "../property/property.entity";
import { findVisibleProperty, findVisibleUnit } from "../property/property.service";
import { localDate } from "../sla/deadline";
import { Staff } from "../staff/staff.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { Bill } from "./bill.entity";
import { BillingPeriod } from "./billing-period.entity";
import { BillStatus } from "./billing.enums";
import type {
  ArrearsArgs,
  BillListArgs,
  CreateBillingPeriodInput,
  CreateFeeItemInput,
  GenerateBillsInput,
  GenerateBillsPayload,
  OfficeArrears,
  PaymentListArgs,
  RecordDunningNoticeInput,
  RecordPaymentInput,
  UnitArrearsPage,
  UpdateFeeItemInput,
} from "./billing.input";
import { DunningNotice } from "./dunning-notice.entity";
import { FeeItem } from "./fee-item.entity";
import { applyPayment, applyReversal } from "./ledger";
import { requirePositiveCents } from "./money";
import { Payment } from "./payment.entity";

export const billNotFound = (field: string[] = ["id"]) =>
  notFound("BILL_NOT_FOUND", "No such bill, or it is not visible to you.", field);
export const feeItemNotFound = (field: string[] = ["id"]) => notFound("FEE_ITEM_NOT_FOUND", "No such fee item.", field);
export const periodNotFound = (field: string[] = ["id"]) =>
  notFound("BILLING_PERIOD_NOT_FOUND", "No such billing period.", field);

/** Today's date in the group's time zone. */
export async function today(em: EntityManager, tenantId: string, now: Date): Promise<string> {
  const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
  return localDate(now, tenant.timeZone);
}

function notInFuture(day: string, todayDate: string, field: string[]): void {
  if (day > todayDate) throw badInput("DATE_IN_FUTURE", `${day} is in the future.`, field);
}

export async function createFeeItem(em: EntityManager, input: CreateFeeItemInput): Promise<FeeItem> {
  const item = em.create(FeeItem, { code: input.code, name: input.name.trim(), basis: input.basis, rateCents: input.rateCents });
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw conflict("FEE_CODE_TAKEN", `Another fee item uses the code ${input.code}.`, ["input", "code"]);
    throw error;
  }
  return item;
}

export async function updateFeeItem(em: EntityManager, id: string, input: UpdateFeeItemInput): Promise<FeeItem> {
  const item = isId(id) ? await em.findOne(FeeItem, { id }) : null;
  if (!item) throw feeItemNotFound();
  if (input.name !== undefined) item.name = input.name.trim();
  if (input.rateCents !== undefined) item.rateCents = input.rateCents;
  if (input.active !== undefined) item.active = input.active;
  await em.flush();
  return item;
}

/** A month as a billing period: [first day, first day of the next month), due on `dueOn` (default the 15th). */
export async function createBillingPeriod(em: EntityManager, input: CreateBillingPeriodInput): Promise<BillingPeriod> {
  const start = DateTime.fromISO(`${input.code}-01`, { zone: "UTC" });
  const dueOn = input.dueOn ?? start.plus({ days: 14 }).toISODate()!;
  const endsOn = start.plus({ months: 1 }).toISODate()!;
  if (dueOn < start.toISODate()! || dueOn > start.plus({ months: 3 }).toISODate()!) {
    throw badInput("DUE_DATE_OUT_OF_RANGE", "The due date must fall between the start of the period and three months later.", [
      "input",
      "dueOn",
    ]);
  }
  const period = em.create(BillingPeriod, { code: input.code, startsOn: start.toISODate()!, endsOn, dueOn });
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw conflict("PERIOD_EXISTS", `The period ${input.code} is already open.`, ["input", "code"]);
    throw error;
  }
  return period;
}

/**
 * Bills every unit of a property for a period, one bill per active fee item: per-m² items by the unit's area,
 * rounded half up to whole cents (the same integer rule as `areaFee`), fixed items at their rate. Idempotent:
 * bills that already exist for a unit, item and period are left alone, so running it twice creates nothing new.
 * One set-based statement, however many units.
 */
export async function generateBills(
  em: EntityManager,
  session: Session,
  input: GenerateBillsInput,
): Promise<GenerateBillsPayload> {
  const property = await findVisibleProperty(em, session, input.propertyId, ["input", "propertyId"]);
  const period = isId(input.periodId) ? await em.findOne(BillingPeriod, { id: input.periodId }) : null;
  if (!period) throw periodNotFound(["input", "periodId"]);
  const items = await em.find(
    FeeItem,
    input.feeItemIds?.length ? { id: { $in: input.feeItemIds.filter(isId) } } : { active: true },
  );
  if (input.feeItemIds?.length && items.length !== new Set(input.feeItemIds).size) throw feeItemNotFound(["input", "feeItemIds"]);
  if (!items.length) return { created: 0, alreadyBilled: 0, createdCents: 0 };
  return insertBills(
    em,
    session.viewer.tenantId,
    property.id,
    period,
    items.map((i) => i.id),
  );
}

/** The set-based insert behind `generateBills` (also used by the demo data): one statement, however many units. */
export async function insertBills(
  em: EntityManager,
  tenantId: string,
  propertyId: string,
  period: BillingPeriod,
  itemIds: string[],
): Promise<GenerateBillsPayload> {
  const created = await em.execute<{ amount_cents: string }[]>(
    `insert into bill (tenant_id, id, office_id, property_id, unit_id, fee_item_id, period_id, customer_id, amount_cents, due_on)
     select u.tenant_id, gen_random_uuid(), p.office_id, p.id, u.id, f.id, ?, (
              select cu.customer_id from customer_unit cu
               where cu.tenant_id = u.tenant_id and cu.unit_id = u.id and cu.relation = 'OWNER'
               order by cu.created_at limit 1),
            case when f.basis = 'PER_M2' then (f.rate_cents * u.area_centi_m2 + 50) / 100 else f.rate_cents end, ?
       from unit u
       join property p on p.tenant_id = u.tenant_id and p.id = u.property_id
       join fee_item f on f.tenant_id = u.tenant_id and f.id in (?)
      where u.tenant_id = ? and u.property_id = ?
     on conflict (tenant_id, unit_id, fee_item_id, period_id) do nothing
     returning amount_cents`,
    [period.id, period.dueOn, itemIds, tenantId, propertyId],
  );
  const [count] = await em.execute<{ units: number }[]>(
    "select count(*)::int as units from unit where tenant_id = ? and property_id = ?",
    [tenantId, propertyId],
  );
  const units = count?.units ?? 0;
  return {
    created: created.length,
    alreadyBilled: units * itemIds.length - created.length,
    createdCents: created.reduce((n, r) => n + Number(r.amount_cents), 0),
  };
}

export function findVisibleBill(em: EntityManager, session: Session, id: string, field: string[] = ["id"]): Promise<Bill> {
  return findVisible(em, session, Bill, id, "office", () => billNotFound(field));
}

/** Records money received for a bill: partial payments allowed, never more than owed; concurrent payments on one bill conflict. */
export async function recordPayment(
  em: EntityManager,
  session: Session,
  input: RecordPaymentInput,
  now: Date,
): Promise<{ payment: Payment; bill: Bill }> {
  requirePositiveCents(input.amountCents, ["input", "amountCents"]);
  const bill = await findVisibleBill(em, session, input.billId, ["input", "billId"]);
  const todayDate = await today(em, session.viewer.tenantId, now);
  const paidOn = input.paidOn ?? todayDate;
  notInFuture(paidOn, todayDate, ["input", "paidOn"]);
  applyPayment(bill, input.amountCents);
  const payment = em.create(Payment, {
    bill,
    office: bill.office,
    amountCents: input.amountCents,
    method: input.method,
    receiptNumber: input.receiptNumber?.trim() || null,
    paidOn,
    note: input.note ?? null,
    recordedBy: em.getReference(Staff, session.viewer.staff!.id, { wrapped: true }),
  });
  await flushPayment(em, input.receiptNumber);
  return { payment, bill };
}

async function flushPayment(em: EntityManager, receiptNumber: string | null | undefined): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      if (String((error as { constraint?: string }).constraint ?? error.message).includes("receipt")) {
        throw conflict("RECEIPT_NUMBER_TAKEN", `Receipt number ${receiptNumber} is already recorded.`, [
          "input",
          "receiptNumber",
        ]);
      }
      throw conflict("ALREADY_REVERSED", "This payment has already been reversed.", ["id"]);
    }
    throw error;
  }
}

/** Cancels a mistaken payment by a counter-entry (negative amount) — nothing is ever deleted. */
export async function reversePayment(
  em: EntityManager,
  session: Session,
  id: string,
  reason: string,
  now: Date,
): Promise<{ payment: Payment; bill: Bill }> {
  if (!reason.trim()) throw badInput("REASON_REQUIRED", "Say why the payment is reversed.", ["reason"]);
  const original = await findVisible(em, session, Payment, id, "office", () =>
    notFound("PAYMENT_NOT_FOUND", "No such payment.", ["id"]),
  );
  if (original.amountCents < 0)
    throw badInput("CANNOT_REVERSE_REVERSAL", "A reversal cannot itself be reversed; record the payment again.", ["id"]);
  if (await em.count(Payment, { reversesPayment: original.id }))
    throw conflict("ALREADY_REVERSED", "This payment has already been reversed.", ["id"]);
  const bill = await em.findOneOrFail(Bill, { id: original.bill.id });
  applyReversal(bill, original.amountCents);
  const reversal = em.create(Payment, {
    bill,
    office: bill.office,
    amountCents: -original.amountCents,
    method: original.method,
    paidOn: await today(em, session.viewer.tenantId, now),
    reversesPayment: original,
    note: reason,
    recordedBy: em.getReference(Staff, session.viewer.staff!.id, { wrapped: true }),
  });
  await flushPayment(em, null);
  return { payment: reversal, bill };
}

/** What a unit owes now (bills due by `on`, not fully paid). */
async function unitOutstanding(
  em: EntityManager,
  tenantId: string,
  unitId: string,
  on: string,
): Promise<{ cents: number; bills: number }> {
  const [row] = await em.execute<{ cents: string | null; bills: number }[]>(
    `select sum(amount_cents - paid_cents) as cents, count(*)::int as bills
       from bill where tenant_id = ? and unit_id = ? and due_on <= ? and paid_cents < amount_cents`,
    [tenantId, unitId, on],
  );
  return { cents: Number(row?.cents ?? 0), bills: row?.bills ?? 0 };
}

export async function recordDunningNotice(
  em: EntityManager,
  session: Session,
  input: RecordDunningNoticeInput,
  now: Date,
): Promise<DunningNotice> {
  const unit = await findVisibleUnit(em, session, input.unitId, ["input", "unitId"]);
  const todayDate = await today(em, session.viewer.tenantId, now);
  const sentOn = input.sentOn ?? todayDate;
  notInFuture(sentOn, todayDate, ["input", "sentOn"]);
  const owed = await unitOutstanding(em, session.viewer.tenantId, unit.id, sentOn);
  if (owed.cents <= 0)
    throw badInput("NO_ARREARS", "The unit owes nothing that is due; no notice is needed.", ["input", "unitId"]);
  const property = await em.findOneOrFail(Property, { id: unit.property.id });
  const owner = (await customerLinksOfUnit(session.loaders).load(unit.id)).find((l) => l.relation === "OWNER");
  const notice = em.create(DunningNotice, {
    office: property.office,
    unit,
    customer: owner?.customer ?? null,
    sentOn,
    method: input.method,
    outstandingCents: owed.cents,
    billCount: owed.bills,
    note: input.note ?? null,
    recordedBy: em.getReference(Staff, session.viewer.staff!.id, { wrapped: true }),
  });
  await em.flush();
  return notice;
}

export async function billWhere(em: EntityManager, session: Session, args: BillListArgs): Promise<FilterQuery<Bill>> {
  const where: Record<string, unknown> = { ...(await session.scope.where(args.officeId)) };
  if (args.propertyId) where.property = isId(args.propertyId) ? args.propertyId : { $in: [] };
  if (args.unitId) where.unit = isId(args.unitId) ? args.unitId : { $in: [] };
  if (args.period) {
    const period = await em.findOne(BillingPeriod, { code: args.period });
    where.period = period?.id ?? { $in: [] };
  }
  if (args.dueFrom || args.dueTo)
    where.dueOn = { ...(args.dueFrom ? { $gte: args.dueFrom } : {}), ...(args.dueTo ? { $lt: args.dueTo } : {}) };
  if (args.statuses?.length) {
    const or: Record<string, unknown>[] = [];
    if (args.statuses.includes(BillStatus.OPEN)) or.push({ paidCents: 0, amountCents: { $gt: 0 } });
    if (args.statuses.includes(BillStatus.PARTIALLY_PAID))
      or.push({ paidCents: { $gt: 0 }, [raw("paid_cents < amount_cents")]: [] });
    if (args.statuses.includes(BillStatus.PAID)) or.push({ [raw("paid_cents >= amount_cents")]: [] });
    where.$or = or;
  }
  return where as FilterQuery<Bill>;
}

export async function paymentWhere(session: Session, args: PaymentListArgs): Promise<FilterQuery<Payment>> {
  const where: Record<string, unknown> = { ...(await session.scope.where(args.officeId)) };
  if (args.billId) where.bill = isId(args.billId) ? args.billId : { $in: [] };
  if (args.paidFrom || args.paidTo)
    where.paidOn = { ...(args.paidFrom ? { $gte: args.paidFrom } : {}), ...(args.paidTo ? { $lt: args.paidTo } : {}) };
  return where as FilterQuery<Payment>;
}

/**
 * Arrears at the start of `asOf`: for bills due before it, the amount less payments dated before it (a payment
 * made later does not erase arrears that existed on that day). Summed per unit, largest first.
 */
export async function unitArrears(em: EntityManager, session: Session, args: ArrearsArgs, now: Date): Promise<UnitArrearsPage> {
  const asOf = args.asOf ?? (await today(em, session.viewer.tenantId, now));
  const offices = await scopedOffices(session, args.officeId);
  const offset = args.after ? Number(Buffer.from(args.after, "base64url").toString()) : 0;
  if (!Number.isInteger(offset) || offset < 0)
    throw badInput("INVALID_CURSOR", "The `after` cursor is not valid for this list.", ["after"]);
  if (offices && !offices.length) return { nodes: [], totalCount: 0, endCursor: null };
  const tenantId = session.viewer.tenantId;
  const rows = await em.execute<
    {
      unit_id: string;
      label: string;
      property_name: string;
      office_id: string;
      outstanding: string;
      bills: number;
      oldest: string;
      notices: number;
      last_notice: string | null;
      total: number;
    }[]
  >(
    em.getKnex().raw(
      `with owed as (
       select b.unit_id, b.office_id, b.property_id, b.due_on,
              b.amount_cents - coalesce((select sum(p.amount_cents) from payment p
                                          where p.tenant_id = b.tenant_id and p.bill_id = b.id and p.paid_on < :asOf), 0) as left_cents
         from bill b
        where b.tenant_id = :tenant and b.due_on < :asOf ${offices ? "and b.office_id in (:offices)" : ""}
     ), units as (
       select unit_id, office_id, property_id, sum(left_cents) as outstanding,
              count(*) filter (where left_cents > 0)::int as bills, min(due_on) filter (where left_cents > 0) as oldest
         from owed group by unit_id, office_id, property_id having sum(left_cents) > 0
     )
     select x.unit_id, u.building || '-' || u.number as label, pr.name as property_name, x.office_id, x.outstanding, x.bills,
            x.oldest::text as oldest,
            (select count(*)::int from dunning_notice d where d.tenant_id = :tenant and d.unit_id = x.unit_id) as notices,
            (select max(sent_on)::text from dunning_notice d where d.tenant_id = :tenant and d.unit_id = x.unit_id) as last_notice,
            count(*) over ()::int as total
       from units x
       join unit u on u.tenant_id = :tenant and u.id = x.unit_id
       join property pr on pr.tenant_id = :tenant and pr.id = x.property_id
      order by x.outstanding desc, x.unit_id
      limit :limit offset :offset`,
      { asOf, tenant: tenantId, offices: offices ?? [], limit: args.first, offset },
    ),
  );
  const total = rows[0]?.total ?? 0;
  return {
    nodes: rows.map((r) => ({
      unitId: r.unit_id,
      unitLabel: r.label,
      propertyName: r.property_name,
      officeId: r.office_id,
      outstandingCents: Number(r.outstanding),
      billCount: r.bills,
      oldestDueOn: r.oldest,
      noticeCount: r.notices,
      lastNoticeOn: r.last_notice,
    })),
    totalCount: total,
    endCursor: offset + rows.length < total ? Buffer.from(String(offset + rows.length)).toString("base64url") : null,
  };
}

/** Per office: billed and paid on bills due before `asOf` (payments dated before it), and units owing. */
export async function officeArrears(
  em: EntityManager,
  session: Session,
  asOfArg: string | null | undefined,
  now: Date,
): Promise<OfficeArrears[]> {
  const asOf = asOfArg ?? (await today(em, session.viewer.tenantId, now));
  const offices = await session.scope.officeIds();
  if (offices && !offices.length) return [];
  const rows = await em.execute<{ office_id: string; name: string; billed: string; paid: string; units: number }[]>(
    em.getKnex().raw(
      `with b as (
       select b.office_id, b.unit_id, b.amount_cents,
              coalesce((select sum(p.amount_cents) from payment p where p.tenant_id = b.tenant_id and p.bill_id = b.id and p.paid_on < :asOf), 0) as paid
         from bill b where b.tenant_id = :tenant and b.due_on < :asOf ${offices ? "and b.office_id in (:offices)" : ""}
     ), per_unit as (
       select office_id, unit_id, sum(amount_cents) as billed, sum(paid) as paid from b group by office_id, unit_id
     )
     select o.id as office_id, o.name, coalesce(sum(u.billed), 0) as billed, coalesce(sum(u.paid), 0) as paid,
            count(*) filter (where u.billed > u.paid)::int as units
       from office o left join per_unit u on u.office_id = o.id
      where o.tenant_id = :tenant and o.kind = 'OFFICE' ${offices ? "and o.id in (:offices)" : ""}
      group by o.id, o.name, o.code order by o.code`,
      { asOf, tenant: session.viewer.tenantId, offices: offices ?? [] },
    ),
  );
  return rows.map((r) => ({
    officeId: r.office_id,
    officeName: r.name,
    billedCents: Number(r.billed),
    paidCents: Number(r.paid),
    outstandingCents: Number(r.billed) - Number(r.paid),
    unitsInArrears: r.units,
  }));
}

async function scopedOffices(session: Session, officeId: string | null | undefined): Promise<string[] | null> {
  if (officeId) return isId(officeId) && (await session.scope.includes(officeId)) ? [officeId] : [];
  return session.scope.officeIds();
}
