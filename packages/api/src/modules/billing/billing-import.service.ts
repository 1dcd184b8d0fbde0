import type { EntityManager } from "@mikro-orm/postgresql";
import { parse } from "csv-parse/sync";
import { Field, Int, ObjectType } from "type-graphql";
import { GraphQLSafeInt } from "graphql-scalars";
import { badInput } from "../../common/errors/app-error";
import type { Session } from "../../context/context.type";
import { CustomerUnit, UnitRelation } from "../customer/customer-unit.entity";
import { Property } from "../property/property.entity";
import { Unit } from "../property/unit.entity";
import { Staff } from "../staff/staff.entity";
import { Bill } from "./bill.entity";
import { BillingPeriod } from "./billing-period.entity";
import { BillSource, PaymentMethod } from "./billing.enums";
import { today } from "./billing.service";
import { FeeItem } from "./fee-item.entity";
import { parseYuan } from "./money";
import { Payment } from "./payment.entity";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

@ObjectType({ description: "One problem found in an imported row." })
export class ImportRowError {
  @Field(() => Int, { description: "Line number in the file (the header is line 1)." })
  line!: number;

  @Field(() => String, { nullable: true, description: "The column at fault, when one is." })
  column!: string | null;

  @Field(() => String, { nullable: true, description: "The value found there." })
  value!: string | null;

  @Field({ description: "What is wrong, for a person to fix." })
  message!: string;
}

@ObjectType({ description: "Outcome of a CSV import. All-or-nothing: with any error nothing is imported." })
export class ImportResult {
  @Field({ description: "True when every row was valid (and, unless a dry run, imported)." })
  ok!: boolean;

  @Field({ description: "True when only validated (nothing written)." })
  dryRun!: boolean;

  @Field(() => Int, { description: "Data rows read." })
  rowsRead!: number;

  @Field(() => Int, { description: "Rows imported (0 when there was any error or on a dry run)." })
  imported!: number;

  @Field(() => GraphQLSafeInt, { description: "Total amount of the valid rows, in cents." })
  totalCents!: number;

  @Field(() => [ImportRowError], { description: "Every problem found, by line." })
  errors!: ImportRowError[];
}

/** Column names accepted for each field, English and Chinese (the offices' spreadsheets). */
const COLUMNS = {
  property: ["property", "项目", "小区"],
  building: ["building", "楼栋", "栋"],
  unit: ["unit", "房号", "单元"],
  fee: ["fee_code", "fee", "收费项目", "费项编码"],
  period: ["period", "账期", "月份"],
  amount: ["amount", "金额"],
  due: ["due_on", "due", "到期日"],
  receipt: ["receipt", "receipt_number", "收据号"],
  method: ["method", "支付方式", "缴费方式"],
  paidOn: ["paid_on", "缴费日期", "收款日期"],
  note: ["note", "备注"],
} as const;

const METHODS: Record<string, PaymentMethod> = {
  cash: PaymentMethod.CASH,
  现金: PaymentMethod.CASH,
  wechat: PaymentMethod.WECHAT,
  微信: PaymentMethod.WECHAT,
  alipay: PaymentMethod.ALIPAY,
  支付宝: PaymentMethod.ALIPAY,
  bank_transfer: PaymentMethod.BANK_TRANSFER,
  银行转账: PaymentMethod.BANK_TRANSFER,
  转账: PaymentMethod.BANK_TRANSFER,
  card: PaymentMethod.CARD,
  刷卡: PaymentMethod.CARD,
  other: PaymentMethod.OTHER,
  其他: PaymentMethod.OTHER,
};

type Field = keyof typeof COLUMNS;
type Row = { line: number; get: (field: Field) => string };

/** Parses the file and maps its header to our fields; refuses what is not a CSV of the expected shape. */
function readCsv(csv: string, required: Field[]): { rows: Row[]; errors: ImportRowError[] } {
  if (Buffer.byteLength(csv) > MAX_IMPORT_BYTES) {
    throw badInput("IMPORT_TOO_LARGE", `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it.`, ["csv"]);
  }
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ""), { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    throw badInput("IMPORT_NOT_CSV", `The file is not valid CSV: ${(error as Error).message}`, ["csv"]);
  }
  const [header, ...data] = records;
  if (!header) throw badInput("IMPORT_EMPTY", "The file is empty.", ["csv"]);
  if (data.length > MAX_IMPORT_ROWS)
    throw badInput("IMPORT_TOO_LARGE", `The file has more than ${MAX_IMPORT_ROWS} rows; split it.`, ["csv"]);
  const index = new Map<Field, number>();
  (Object.keys(COLUMNS) as Field[]).forEach((field) => {
    const at = header.findIndex((h) => (COLUMNS[field] as readonly string[]).includes(h.trim().toLowerCase()));
    if (at >= 0) index.set(field, at);
  });
  const missing = required.filter((f) => !index.has(f));
  if (missing.length) {
    throw badInput(
      "IMPORT_MISSING_COLUMNS",
      `The header lacks the column(s): ${missing.map((f) => COLUMNS[f][0]).join(", ")}.`,
      ["csv"],
      {
        expected: required.map((f) => COLUMNS[f][0]),
      },
    );
  }
  return {
    rows: data.map((cells, i) => ({
      line: i + 2,
      get: (field) => (index.has(field) ? (cells[index.get(field)!] ?? "").trim() : ""),
    })),
    errors: [],
  };
}

/** Looks up units by "property / building / unit number" among the properties the caller may see. */
async function unitDirectory(em: EntityManager, session: Session) {
  const properties = await em.find(Property, await session.scope.filter(), {});
  const byName = new Map(properties.map((p) => [p.name.trim(), p]));
  const units = properties.length ? await em.find(Unit, { property: { $in: properties.map((p) => p.id) } }) : [];
  const byKey = new Map(units.map((u) => [`${u.property.id}|${u.building}|${u.number}`, u]));
  return {
    find(row: Row, errors: ImportRowError[]): { unit: Unit; property: Property } | null {
      const property = byName.get(row.get("property"));
      if (!property) {
        errors.push({
          line: row.line,
          column: "property",
          value: row.get("property"),
          message: "No such property among those you may see.",
        });
        return null;
      }
      const unit = byKey.get(`${property.id}|${row.get("building")}|${row.get("unit")}`);
      if (!unit) {
        errors.push({
          line: row.line,
          column: "unit",
          value: `${row.get("building")}-${row.get("unit")}`,
          message: `No such unit in ${property.name}.`,
        });
        return null;
      }
      return { unit, property };
    },
  };
}

async function lookups(em: EntityManager) {
  const fees = new Map((await em.find(FeeItem, {})).map((f) => [f.code, f]));
  const periods = new Map((await em.find(BillingPeriod, {})).map((p) => [p.code, p]));
  return { fees, periods };
}

function amountOf(row: Row, errors: ImportRowError[]): number | null {
  const cents = parseYuan(row.get("amount"));
  if (cents === null || cents <= 0) {
    errors.push({
      line: row.line,
      column: "amount",
      value: row.get("amount"),
      message: "Not an amount in yuan with at most two decimals (e.g. 1280.50), above zero.",
    });
    return null;
  }
  return cents;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (d: string) =>
  ISO_DATE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/**
 * Imports bills from an office's spreadsheet: every row is checked (property, unit, fee code, open period,
 * amount, due date, not already billed, not repeated in the file) before anything is written; with any error
 * nothing is imported and every bad row is reported.
 */
export async function importBills(em: EntityManager, session: Session, csv: string, dryRun: boolean): Promise<ImportResult> {
  const { rows, errors } = readCsv(csv, ["property", "building", "unit", "fee", "period", "amount"]);
  const units = await unitDirectory(em, session);
  const { fees, periods } = await lookups(em);
  const planned: {
    unit: Unit;
    property: Property;
    fee: FeeItem;
    period: BillingPeriod;
    cents: number;
    dueOn: string;
    line: number;
  }[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const before = errors.length;
    const found = units.find(row, errors);
    const fee = fees.get(row.get("fee"));
    if (!fee) errors.push({ line: row.line, column: "fee_code", value: row.get("fee"), message: "No fee item with this code." });
    const period = periods.get(row.get("period"));
    if (!period)
      errors.push({
        line: row.line,
        column: "period",
        value: row.get("period"),
        message: "No open billing period with this code (YYYY-MM).",
      });
    const cents = amountOf(row, errors);
    const dueOn = row.get("due") || period?.dueOn || "";
    if (row.get("due") && !validDate(row.get("due")))
      errors.push({ line: row.line, column: "due_on", value: row.get("due"), message: "Not a date YYYY-MM-DD." });
    if (errors.length > before || !found || !fee || !period || cents === null) continue;
    const key = `${found.unit.id}|${fee.id}|${period.id}`;
    if (seen.has(key)) {
      errors.push({ line: row.line, column: null, value: null, message: `Same unit, fee and period as line ${seen.get(key)}.` });
      continue;
    }
    seen.set(key, row.line);
    planned.push({ ...found, fee, period, cents, dueOn, line: row.line });
  }
  if (planned.length) {
    const existing = await em.find(
      Bill,
      { unit: { $in: [...new Set(planned.map((p) => p.unit.id))] } },
      { fields: ["unit", "feeItem", "period"] },
    );
    const billed = new Set(existing.map((b) => `${b.unit.id}|${b.feeItem.id}|${b.period.id}`));
    for (const p of planned) {
      if (billed.has(`${p.unit.id}|${p.fee.id}|${p.period.id}`)) {
        errors.push({
          line: p.line,
          column: null,
          value: null,
          message: `This unit is already billed for ${p.fee.code} in ${p.period.code}.`,
        });
      }
    }
  }
  const totalCents = planned.reduce((n, p) => n + p.cents, 0);
  if (errors.length || dryRun) {
    return {
      ok: !errors.length,
      dryRun,
      rowsRead: rows.length,
      imported: 0,
      totalCents,
      errors: errors.sort((a, b) => a.line - b.line),
    };
  }
  // Billed to the unit's owner, as generated bills are.
  const owners = new Map(
    (
      await em.find(
        CustomerUnit,
        { unit: { $in: planned.map((p) => p.unit.id) }, relation: UnitRelation.OWNER },
        { orderBy: { createdAt: "asc" } },
      )
    )
      .reverse()
      .map((l) => [l.unit.id, l.customer]),
  );
  for (const p of planned) {
    em.create(Bill, {
      customer: owners.get(p.unit.id) ?? null,
      office: p.property.office,
      property: p.property,
      unit: p.unit,
      feeItem: p.fee,
      period: p.period,
      amountCents: p.cents,
      dueOn: p.dueOn,
      source: BillSource.IMPORTED,
    });
  }
  await em.flush();
  return { ok: true, dryRun, rowsRead: rows.length, imported: planned.length, totalCents, errors: [] };
}

/**
 * Imports payments: each row must name an existing bill (unit, fee code, period), a valid amount not more than
 * what is left on the bill after the file's earlier rows, a known method, a date not in the future, and a
 * receipt number used nowhere else. All-or-nothing, every bad row reported.
 */
export async function importPayments(
  em: EntityManager,
  session: Session,
  csv: string,
  dryRun: boolean,
  now: Date,
): Promise<ImportResult> {
  const { rows, errors } = readCsv(csv, ["property", "building", "unit", "fee", "period", "amount", "method"]);
  const units = await unitDirectory(em, session);
  const { fees, periods } = await lookups(em);
  const todayDate = await today(em, session.viewer.tenantId, now);
  const candidates: {
    row: Row;
    unit: Unit;
    fee: FeeItem;
    period: BillingPeriod;
    cents: number;
    method: PaymentMethod;
    paidOn: string;
    receipt: string | null;
  }[] = [];
  const receipts = new Map<string, number>();
  for (const row of rows) {
    const before = errors.length;
    const found = units.find(row, errors);
    const fee = fees.get(row.get("fee"));
    if (!fee) errors.push({ line: row.line, column: "fee_code", value: row.get("fee"), message: "No fee item with this code." });
    const period = periods.get(row.get("period"));
    if (!period)
      errors.push({ line: row.line, column: "period", value: row.get("period"), message: "No billing period with this code." });
    const cents = amountOf(row, errors);
    const method = METHODS[row.get("method").toLowerCase()];
    if (!method)
      errors.push({
        line: row.line,
        column: "method",
        value: row.get("method"),
        message: `Unknown method; use one of ${Object.keys(METHODS).join(", ")}.`,
      });
    const paidOn = row.get("paidOn") || todayDate;
    if (!validDate(paidOn)) errors.push({ line: row.line, column: "paid_on", value: paidOn, message: "Not a date YYYY-MM-DD." });
    else if (paidOn > todayDate)
      errors.push({ line: row.line, column: "paid_on", value: paidOn, message: "The date is in the future." });
    const receipt = row.get("receipt") || null;
    if (receipt && receipts.has(receipt))
      errors.push({
        line: row.line,
        column: "receipt",
        value: receipt,
        message: `Receipt number repeated (line ${receipts.get(receipt)}).`,
      });
    if (receipt) receipts.set(receipt, receipts.get(receipt) ?? row.line);
    if (errors.length > before || !found || !fee || !period || cents === null || !method) continue;
    candidates.push({ row, unit: found.unit, fee, period, cents, method, paidOn, receipt });
  }
  const bills = candidates.length ? await em.find(Bill, { unit: { $in: [...new Set(candidates.map((c) => c.unit.id))] } }) : [];
  const billByKey = new Map(bills.map((b) => [`${b.unit.id}|${b.feeItem.id}|${b.period.id}`, b]));
  const usedReceipts = receipts.size
    ? new Set(
        (await em.find(Payment, { receiptNumber: { $in: [...receipts.keys()] } }, { fields: ["receiptNumber"] })).map(
          (p) => p.receiptNumber,
        ),
      )
    : new Set<string | null>();
  const left = new Map<string, number>();
  const planned: { bill: Bill; c: (typeof candidates)[number] }[] = [];
  for (const c of candidates) {
    const bill = billByKey.get(`${c.unit.id}|${c.fee.id}|${c.period.id}`);
    if (!bill) {
      errors.push({
        line: c.row.line,
        column: null,
        value: null,
        message: `No bill for this unit, ${c.fee.code} and ${c.period.code}.`,
      });
      continue;
    }
    if (c.receipt && usedReceipts.has(c.receipt)) {
      errors.push({ line: c.row.line, column: "receipt", value: c.receipt, message: "This receipt number is already recorded." });
      continue;
    }
    const remaining = left.get(bill.id) ?? bill.amountCents - bill.paidCents;
    if (c.cents > remaining) {
      errors.push({
        line: c.row.line,
        column: "amount",
        value: c.row.get("amount"),
        message: `More than is owed on the bill (${(remaining / 100).toFixed(2)} left).`,
      });
      continue;
    }
    left.set(bill.id, remaining - c.cents);
    planned.push({ bill, c });
  }
  const totalCents = planned.reduce((n, p) => n + p.c.cents, 0);
  if (errors.length || dryRun) {
    return {
      ok: !errors.length,
      dryRun,
      rowsRead: rows.length,
      imported: 0,
      totalCents,
      errors: errors.sort((a, b) => a.line - b.line),
    };
  }
  const recordedBy = em.getReference(Staff, session.viewer.staff!.id, { wrapped: true });
  for (const { bill, c } of planned) {
    bill.paidCents += c.cents;
    em.create(Payment, {
      bill,
      office: bill.office,
      amountCents: c.cents,
      method: c.method,
      receiptNumber: c.receipt,
      paidOn: c.paidOn,
      note: c.row.get("note") || null,
      recordedBy,
    });
  }
  await em.flush();
  return { ok: true, dryRun, rowsRead: rows.length, imported: planned.length, totalCents, errors: [] };
}
