import fc from "fast-check";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, startTestApi, type TestApi } from "../harness/api";
import { createFeesFlow, type FeesFlow } from "../harness/fees-flow";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";
import { gqlAs } from "../harness/ticket-flow";

const today = () => DateTime.now().setZone("Asia/Shanghai");
const BILL_FIELDS = `id amountCents paidCents outstandingCents status version dueOn source customer { id } feeItem { code } period { code }
  payments { id amountCents reversesPayment { id } reversedBy { id } }`;

let t: TestApi;
let f: TenantFixture;
let fees: FeesFlow;
let propertyName: string;
let unitSeq = 200;

/** A new unit in office A's property (so each test owns its bills). */
async function newUnit(area = 50): Promise<{ id: string; building: string; number: string }> {
  const number = String(unitSeq++);
  const id = (
    await gqlAs(t, f.tokens.admin)(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }`, {
      i: { propertyId: f.propertyA, building: "2栋", number, area },
    })
  ).createUnit.id as string;
  return { id, building: "2栋", number };
}

async function generate(token = f.tokens.managerA, period = fees.period, extra: Record<string, unknown> = {}) {
  return t.gql(
    `mutation($i: GenerateBillsInput!) { generateBills(input: $i) { created alreadyBilled createdCents } }`,
    { i: { propertyId: f.propertyA, periodId: period, ...extra } },
    { token },
  );
}

async function billsOf(unitId: string, token = f.tokens.managerA): Promise<any[]> {
  return (await gqlAs(t, token)(`query($u: ID) { bills(unitId: $u) { totalCount nodes { ${BILL_FIELDS} } } }`, { u: unitId }))
    .bills.nodes;
}

const pay = (billId: string, amountCents: number, extra: Record<string, unknown> = {}, token = f.tokens.staffA) =>
  t.gql(
    `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { payment { id amountCents paidOn method receiptNumber } bill { ${BILL_FIELDS} } } }`,
    { i: { billId, amountCents, method: "CASH", ...extra } },
    { token },
  );

const reverse = (id: string, token = f.tokens.managerA) =>
  t.gql(
    `mutation($id: ID!) { reversePayment(id: $id, reason: "录错了") { payment { id amountCents note reversesPayment { id } } bill { ${BILL_FIELDS} } } }`,
    { id },
    { token },
  );

beforeAll(async () => {
  t = await startTestApi();
  f = await createTenantFixture(t, "billing");
  fees = await createFeesFlow(t, f);
  propertyName = (await gqlAs(t, f.tokens.admin)(`query($id: ID!) { property(id: $id) { name } }`, { id: f.propertyA })).property
    .name;
});
afterAll(() => t?.stop());

describe("bill generation", () => {
  it("successful: bills every unit once per active fee item, per m² by area rounded to the cent, billed to the owner", async () => {
    const bills = await billsOf(f.unitA);
    const byCode = Object.fromEntries(bills.map((b) => [b.feeItem.code, b]));
    expect(byCode.MGMT).toMatchObject({
      amountCents: 24780,
      source: "GENERATED",
      customer: { id: f.customerA },
      period: { code: fees.periodCode },
    });
    expect(byCode.MGMT.dueOn).toBe(`${fees.periodCode}-15`);
    expect(byCode.GARBAGE).toMatchObject({ amountCents: 1500, paidCents: 0, outstandingCents: 1500, status: "OPEN" });
  });

  it("successful: running it again creates nothing; a unit added since is billed on the next run", async () => {
    const before = (
      await gqlAs(t, f.tokens.managerA)(`query($p: ID) { bills(propertyId: $p) { totalCount } }`, { p: f.propertyA })
    ).bills.totalCount;
    const again = await generate();
    expect(again.data?.generateBills).toMatchObject({ created: 0, createdCents: 0 });
    expect(again.data?.generateBills.alreadyBilled).toBe(before);
    const unit = await newUnit(33.33);
    const next = (await generate()).data?.generateBills;
    // 2.80 ¥ × 33.33 m² = 93.324 ¥ → 9332 cents; plus the fixed 15 ¥.
    expect(next).toEqual({ created: 2, alreadyBilled: before, createdCents: 9332 + 1500 });
    expect((await billsOf(unit.id)).map((b) => b.amountCents).sort((a, b) => a - b)).toEqual([1500, 9332]);
  });

  it("successful: concurrent runs for a new period still bill each unit and item exactly once", async () => {
    const code = today().minus({ months: 1 }).toFormat("yyyy-MM");
    const period = (
      await gqlAs(t, f.tokens.admin)(`mutation($c: String!) { createBillingPeriod(input: { code: $c }) { id } }`, { c: code })
    ).createBillingPeriod.id;
    const runs = await Promise.all([
      generate(f.tokens.managerA, period),
      generate(f.tokens.admin, period),
      generate(f.tokens.managerA, period),
    ]);
    for (const r of runs) expect(r.errors).toBeUndefined();
    const units = (await gqlAs(t, f.tokens.admin)(`query($p: ID) { units(propertyId: $p) { totalCount } }`, { p: f.propertyA }))
      .units.totalCount;
    expect(runs.reduce((n, r) => n + r.data!.generateBills.created, 0)).toBe(units * 2);
    const listed = (
      await gqlAs(t, f.tokens.admin)(`query($p: ID, $c: String) { bills(propertyId: $p, period: $c) { totalCount } }`, {
        p: f.propertyA,
        c: code,
      })
    ).bills.totalCount;
    expect(listed).toBe(units * 2);
  });

  it("successful: only the fee items asked for, and never a retired one by default", async () => {
    const code = today().minus({ months: 3 }).toFormat("yyyy-MM");
    const period = (
      await gqlAs(t, f.tokens.admin)(`mutation($c: String!) { createBillingPeriod(input: { code: $c }) { id } }`, { c: code })
    ).createBillingPeriod.id;
    const only = (await generate(f.tokens.managerA, period, { feeItemIds: [fees.fixedFeeItem] })).data?.generateBills;
    const units = (await gqlAs(t, f.tokens.admin)(`query($p: ID) { units(propertyId: $p) { totalCount } }`, { p: f.propertyA }))
      .units.totalCount;
    expect(only).toEqual({ created: units, alreadyBilled: 0, createdCents: units * 1500 });
    await gqlAs(t, f.tokens.admin)(`mutation($id: ID!) { updateFeeItem(id: $id, input: { active: false }) { active } }`, {
      id: fees.fixedFeeItem,
    });
    try {
      const rest = (await generate(f.tokens.managerA, period)).data?.generateBills;
      expect(rest).toMatchObject({ created: units, alreadyBilled: 0 });
    } finally {
      await gqlAs(t, f.tokens.admin)(`mutation($id: ID!) { updateFeeItem(id: $id, input: { active: true }) { active } }`, {
        id: fees.fixedFeeItem,
      });
    }
  });

  it("failing: office staff may not generate bills, and another office's manager cannot reach the property", async () => {
    expect(errorCode(await generate(f.tokens.staffA))).toBe("FORBIDDEN");
    expect(errorCode(await generate(f.tokens.managerB))).toBe("NOT_FOUND");
  });

  it("failing: a period is opened once, as a real month", async () => {
    const asAdmin = (c: string) =>
      t.gql(`mutation($c: String!) { createBillingPeriod(input: { code: $c }) { id } }`, { c }, { token: f.tokens.admin });
    const dup = await asAdmin(fees.periodCode);
    expect(errorCode(dup)).toBe("CONFLICT");
    expect(dup.errors?.[0]?.extensions?.reason).toBe("PERIOD_EXISTS");
    expect(errorCode(await asAdmin("2026-13"))).toBe("BAD_USER_INPUT");
  });

  it("failing: fee items are managed by head-office admins, with unique codes", async () => {
    const create = (token: string, code = "PARKING") =>
      t.gql(
        `mutation($c: String!) { createFeeItem(input: { code: $c, name: "停车费", basis: FIXED, rateCents: 30000 }) { id } }`,
        { c: code },
        { token },
      );
    expect(errorCode(await create(f.tokens.managerA))).toBe("FORBIDDEN");
    expect(errorCode(await create(f.tokens.admin, "MGMT"))).toBe("CONFLICT");
  });
});

describe("payments", () => {
  it("successful: partial payments add up until the bill is paid; an overpayment is refused and writes nothing", async () => {
    const unit = await newUnit(100);
    await generate();
    const bill = (await billsOf(unit.id)).find((b) => b.feeItem.code === "MGMT");
    expect(bill.amountCents).toBe(28000);
    const first = await pay(bill.id, 10000, { method: "WECHAT", receiptNumber: `R-${unit.number}-1` });
    expect(first.data?.recordPayment.bill).toMatchObject({ paidCents: 10000, outstandingCents: 18000, status: "PARTIALLY_PAID" });
    expect(first.data?.recordPayment.payment).toMatchObject({
      amountCents: 10000,
      method: "WECHAT",
      paidOn: today().toISODate(),
    });
    const over = await pay(bill.id, 18001);
    expect(errorCode(over)).toBe("BAD_USER_INPUT");
    expect(over.errors?.[0]?.extensions).toMatchObject({ reason: "OVERPAYMENT", outstandingCents: 18000 });
    expect(over.errors?.[0]?.message).toContain("180.00");
    const rest = await pay(bill.id, 18000, { paidOn: today().minus({ days: 1 }).toISODate() });
    expect(rest.data?.recordPayment.bill).toMatchObject({ paidCents: 28000, outstandingCents: 0, status: "PAID" });
    const after = (await billsOf(unit.id)).find((b) => b.id === bill.id);
    expect(after.payments.map((p: { amountCents: number }) => p.amountCents)).toEqual([10000, 18000]);
    expect(errorCode(await pay(bill.id, 1))).toBe("BAD_USER_INPUT");
  });

  it("failing: amounts are whole positive cents, dates not in the future, receipt numbers unique", async () => {
    const bill = (await billsOf(f.unitA)).find((b) => b.feeItem.code === "GARBAGE");
    expect(errorCode(await pay(bill.id, 0))).toBe("BAD_USER_INPUT");
    expect(errorCode(await pay(bill.id, -100))).toBe("BAD_USER_INPUT");
    expect(errorCode(await pay(bill.id, 100.5))).toBe("BAD_USER_INPUT");
    expect(errorCode(await pay(bill.id, 100, { paidOn: today().plus({ days: 2 }).toISODate() }))).toBe("BAD_USER_INPUT");
    const dup = await pay(bill.id, 100, { receiptNumber: "R-0001" });
    expect(errorCode(dup)).toBe("CONFLICT");
    expect(dup.errors?.[0]?.extensions?.reason).toBe("RECEIPT_NUMBER_TAKEN");
    expect((await billsOf(f.unitA)).find((b) => b.id === bill.id)).toMatchObject({ paidCents: 0, payments: [] });
  });

  it("successful: a mistaken payment is reversed by a counter-entry; the original stays on record", async () => {
    const unit = await newUnit(10);
    await generate();
    const bill = (await billsOf(unit.id)).find((b) => b.feeItem.code === "GARBAGE");
    const paid = (await pay(bill.id, 1500)).data!.recordPayment;
    const reversal = await reverse(paid.payment.id);
    expect(reversal.data?.reversePayment.payment).toMatchObject({
      amountCents: -1500,
      note: "录错了",
      reversesPayment: { id: paid.payment.id },
    });
    expect(reversal.data?.reversePayment.bill).toMatchObject({ paidCents: 0, outstandingCents: 1500, status: "OPEN" });
    const history = (await billsOf(unit.id)).find((b) => b.id === bill.id).payments;
    expect(history).toEqual([
      {
        id: paid.payment.id,
        amountCents: 1500,
        reversesPayment: null,
        reversedBy: { id: reversal.data!.reversePayment.payment.id },
      },
      {
        id: reversal.data!.reversePayment.payment.id,
        amountCents: -1500,
        reversesPayment: { id: paid.payment.id },
        reversedBy: null,
      },
    ]);
    // The bill can be paid again once the mistake is undone.
    expect((await pay(bill.id, 1500)).data?.recordPayment.bill.status).toBe("PAID");
  });

  it("failing: a payment is reversed once, a reversal is not reversed, and only managers reverse", async () => {
    const unit = await newUnit(10);
    await generate();
    const bill = (await billsOf(unit.id)).find((b) => b.feeItem.code === "GARBAGE");
    const paid = (await pay(bill.id, 700)).data!.recordPayment.payment;
    expect(errorCode(await reverse(paid.id, f.tokens.staffA))).toBe("FORBIDDEN");
    expect(errorCode(await reverse(paid.id, f.tokens.managerB))).toBe("NOT_FOUND");
    const first = (await reverse(paid.id)).data!.reversePayment.payment;
    const again = await reverse(paid.id);
    expect(errorCode(again)).toBe("CONFLICT");
    expect(again.errors?.[0]?.extensions?.reason).toBe("ALREADY_REVERSED");
    expect(errorCode(await reverse(first.id))).toBe("BAD_USER_INPUT");
    const noReason = await t.gql(
      `mutation($id: ID!) { reversePayment(id: $id, reason: " ") { payment { id } } }`,
      { id: first.id },
      { token: f.tokens.managerA },
    );
    expect(noReason.errors?.[0]?.extensions?.reason).toBe("REASON_REQUIRED");
    expect((await billsOf(unit.id)).find((b) => b.id === bill.id)).toMatchObject({ paidCents: 0 });
  });

  it("failing: concurrent payments that together would overpay: one is refused, the bill never goes over", async () => {
    const unit = await newUnit(10);
    await generate();
    const bill = (await billsOf(unit.id)).find((b) => b.feeItem.code === "GARBAGE");
    const results = await Promise.all([pay(bill.id, 1000), pay(bill.id, 1000), pay(bill.id, 1000)]);
    const succeeded = results.filter((r) => !r.errors);
    expect(succeeded).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expect(["CONFLICT", "BAD_USER_INPUT"]).toContain(errorCode(r));
    const after = (await billsOf(unit.id)).find((b) => b.id === bill.id);
    expect(after.paidCents).toBe(1000);
    expect(after.payments).toHaveLength(1);
  });
});

describe("arrears and dunning notices", () => {
  it("successful: a unit's arrears at a date count bills due before it and payments made before it", async () => {
    const unit = await newUnit(20);
    await generate();
    const bills = await billsOf(unit.id);
    const total = bills.reduce((n, b) => n + b.amountCents, 0);
    const mgmt = bills.find((b) => b.feeItem.code === "MGMT");
    await pay(mgmt.id, 2000, { paidOn: today().toISODate() });
    const arrears = async (asOf: string) =>
      (
        await gqlAs(t, f.tokens.managerA)(
          `query($d: LocalDate, $o: ID) { unitArrears(asOf: $d, officeId: $o, first: 500) { totalCount nodes { unitId outstandingCents billCount oldestDueOn unitLabel propertyName } } }`,
          {
            d: asOf,
            o: f.officeA,
          },
        )
      ).unitArrears.nodes.find((n: { unitId: string }) => n.unitId === unit.id);
    // Before the due date nothing is in arrears yet.
    expect(await arrears(`${fees.periodCode}-15`)).toBeUndefined();
    // The day after the due date everything is owed; today's payment does not count yet today.
    expect(await arrears(`${fees.periodCode}-16`)).toMatchObject({
      outstandingCents: total,
      billCount: 2,
      oldestDueOn: `${fees.periodCode}-15`,
      unitLabel: `2栋-${unit.number}`,
      propertyName,
    });
    expect(await arrears(today().toISODate()!)).toMatchObject({ outstandingCents: total });
    expect(await arrears(today().plus({ days: 1 }).toISODate()!)).toMatchObject({ outstandingCents: total - 2000 });
  });

  it("successful: per office, billed = paid + outstanding, and another office's books are apart", async () => {
    const asOf = today().plus({ days: 1 }).toISODate();
    const offices = (
      await gqlAs(t, f.tokens.hoManager)(
        `query($d: LocalDate) { officeArrears(asOf: $d) { officeId billedCents paidCents outstandingCents unitsInArrears } }`,
        { d: asOf },
      )
    ).officeArrears;
    const a = offices.find((o: { officeId: string }) => o.officeId === f.officeA);
    const b = offices.find((o: { officeId: string }) => o.officeId === f.officeB);
    expect(a.billedCents).toBeGreaterThan(0);
    expect(a.billedCents).toBe(a.paidCents + a.outstandingCents);
    expect(b).toEqual({ officeId: f.officeB, billedCents: 0, paidCents: 0, outstandingCents: 0, unitsInArrears: 0 });
    const all = (
      await gqlAs(t, f.tokens.hoManager)(
        `query($o: ID) { bills(officeId: $o, dueTo: "2999-01-01", first: 500) { nodes { amountCents dueOn payments { amountCents paidOn } } } }`,
        { o: f.officeA },
      )
    ).bills.nodes;
    const due = all.filter((x: { dueOn: string }) => x.dueOn < asOf!);
    expect(a.billedCents).toBe(due.reduce((n: number, x: { amountCents: number }) => n + x.amountCents, 0));
    // An office manager sees only their own office.
    const mine = (await gqlAs(t, f.tokens.managerB)(`{ officeArrears { officeId } }`)).officeArrears;
    expect(mine.map((o: { officeId: string }) => o.officeId)).toEqual([f.officeB]);
  });

  it("successful: a dunning notice records what was owed when sent and shows on the unit's arrears", async () => {
    const unit = await newUnit(15);
    await generate();
    const owed = (await billsOf(unit.id)).reduce((n, b) => n + b.amountCents, 0);
    const notice = (
      await gqlAs(t, f.tokens.staffA)(
        `mutation($u: ID!) { recordDunningNotice(input: { unitId: $u, method: SMS, note: "第一次催缴" }) { id outstandingCents billCount method sentOn unit { id } recordedBy { id } } }`,
        {
          u: unit.id,
        },
      )
    ).recordDunningNotice;
    expect(notice).toMatchObject({
      outstandingCents: owed,
      billCount: 2,
      method: "SMS",
      sentOn: today().toISODate(),
      unit: { id: unit.id },
      recordedBy: { id: f.staff.staffA },
    });
    const row = (
      await gqlAs(t, f.tokens.managerA)(
        `query($d: LocalDate) { unitArrears(asOf: $d, first: 500) { nodes { unitId noticeCount lastNoticeOn } } }`,
        { d: today().plus({ days: 1 }).toISODate() },
      )
    ).unitArrears.nodes.find((n: { unitId: string }) => n.unitId === unit.id);
    expect(row).toEqual({ unitId: unit.id, noticeCount: 1, lastNoticeOn: today().toISODate() });
  });

  it("failing: no notice for a unit that owes nothing due", async () => {
    const unit = await newUnit(15);
    const result = await t.gql(
      `mutation($u: ID!) { recordDunningNotice(input: { unitId: $u, method: LETTER }) { id } }`,
      { u: unit.id },
      { token: f.tokens.staffA },
    );
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.extensions?.reason).toBe("NO_ARREARS");
  });
});

describe("finding bills", () => {
  it("successful: bills filter by status, and units in arrears page through without gaps or repeats", async () => {
    const list = async (statuses: string[]) =>
      (
        await gqlAs(t, f.tokens.managerA)(
          `query($s: [BillStatus!]) { bills(statuses: $s, first: 500) { totalCount nodes { status paidCents amountCents } } }`,
          { s: statuses },
        )
      ).bills;
    const all = (await list(["OPEN", "PARTIALLY_PAID", "PAID"])).totalCount;
    const [open, partial, paid] = [await list(["OPEN"]), await list(["PARTIALLY_PAID"]), await list(["PAID"])];
    expect(open.totalCount + partial.totalCount + paid.totalCount).toBe(all);
    expect(partial.totalCount).toBeGreaterThan(0);
    for (const [page, status] of [
      [open, "OPEN"],
      [partial, "PARTIALLY_PAID"],
      [paid, "PAID"],
    ] as const) {
      expect(page.nodes.every((b: { status: string }) => b.status === status)).toBe(true);
    }
    const asOf = today().plus({ days: 1 }).toISODate();
    const whole = (
      await gqlAs(t, f.tokens.managerA)(
        `query($d: LocalDate) { unitArrears(asOf: $d, first: 500) { totalCount nodes { unitId } } }`,
        { d: asOf },
      )
    ).unitArrears;
    expect(whole.totalCount).toBeGreaterThan(2);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { nodes: { unitId: string }[]; endCursor: string | null } = (
        await gqlAs(t, f.tokens.managerA)(
          `query($d: LocalDate, $a: String) { unitArrears(asOf: $d, first: 2, after: $a) { nodes { unitId } endCursor } }`,
          { d: asOf, a: after },
        )
      ).unitArrears;
      seen.push(...page.nodes.map((n) => n.unitId));
      after = page.endCursor;
    } while (after);
    expect(seen).toEqual(whole.nodes.map((n: { unitId: string }) => n.unitId));
  });

  it("failing: a malformed id or cursor in a filter is a clear input error or an empty list, never a server error", async () => {
    const notices = await t.gql(`{ dunningNotices(unitId: "not-a-unit") { totalCount } }`, {}, { token: f.tokens.managerA });
    expect(notices.data?.dunningNotices.totalCount).toBe(0);
    const bills = await t.gql(`{ bills(unitId: "nope", propertyId: "nope") { totalCount } }`, {}, { token: f.tokens.managerA });
    expect(bills.data?.bills.totalCount).toBe(0);
    expect(errorCode(await t.gql(`{ unitArrears(after: "garbage!") { totalCount } }`, {}, { token: f.tokens.managerA }))).toBe(
      "BAD_USER_INPUT",
    );
  });
});

describe("CSV import", () => {
  const importBills = (csv: string, dryRun = false, token = f.tokens.managerA) =>
    t.gql(
      `mutation($csv: String!, $d: Boolean!) { importBills(csv: $csv, dryRun: $d) { ok dryRun rowsRead imported totalCents errors { line column value message } } }`,
      { csv, d: dryRun },
      { token },
    );
  const importPayments = (csv: string, dryRun = false, token = f.tokens.managerA) =>
    t.gql(
      `mutation($csv: String!, $d: Boolean!) { importPayments(csv: $csv, dryRun: $d) { ok dryRun rowsRead imported totalCents errors { line column value message } } }`,
      { csv, d: dryRun },
      { token },
    );
  let period: string;

  beforeAll(async () => {
    period = today().minus({ months: 4 }).toFormat("yyyy-MM");
    await gqlAs(t, f.tokens.admin)(`mutation($c: String!) { createBillingPeriod(input: { code: $c }) { id } }`, { c: period });
  });

  it("failing: a file with bad rows imports nothing and names every bad row and why", async () => {
    const u1 = await newUnit(60);
    const csv = [
      "项目,楼栋,房号,收费项目,账期,金额",
      `${propertyName},2栋,${u1.number},MGMT,${period},168.00`,
      `${propertyName},2栋,9999,MGMT,${period},168.00`,
      `${propertyName},2栋,${u1.number},PARKING,${period},abc`,
      `${propertyName},2栋,${u1.number},MGMT,${period},168.00`,
    ].join("\n");
    const result = (await importBills(csv)).data!.importBills;
    expect(result).toMatchObject({ ok: false, imported: 0, rowsRead: 4 });
    expect(result.errors).toEqual([
      { line: 3, column: "unit", value: "2栋-9999", message: expect.stringContaining("No such unit") },
      { line: 4, column: "fee_code", value: "PARKING", message: "No fee item with this code." },
      { line: 4, column: "amount", value: "abc", message: expect.stringContaining("Not an amount") },
      { line: 5, column: null, value: null, message: "Same unit, fee and period as line 2." },
    ]);
    expect(await billsOf(u1.id)).toEqual([]);
  });

  it("successful: a clean file (English or Chinese headers) is checked on a dry run, then imported whole", async () => {
    const [u1, u2] = [await newUnit(60), await newUnit(70)];
    const csv = [
      "\uFEFFproperty,building,unit,fee_code,period,amount,due_on",
      `${propertyName},2栋,${u1.number},MGMT,${period},168.00,`,
      `"${propertyName}",2栋,${u2.number},MGMT,${period},196,${period}-20`,
      `${propertyName},2栋,${u2.number},GARBAGE,${period},15.5,`,
      `${propertyName},1栋,101,GARBAGE,${period},15,`,
    ].join("\r\n");
    const dry = (await importBills(csv, true)).data!.importBills;
    expect(dry).toEqual({
      ok: true,
      dryRun: true,
      rowsRead: 4,
      imported: 0,
      totalCents: 16800 + 19600 + 1550 + 1500,
      errors: [],
    });
    expect(await billsOf(u1.id)).toEqual([]);
    const done = (await importBills(csv)).data!.importBills;
    expect(done).toMatchObject({ ok: true, imported: 4, totalCents: 39450 });
    const b2 = await billsOf(u2.id);
    // Billed to the owner on record, as generated bills are.
    const ownerBill = (await billsOf(f.unitA)).find((b) => b.period.code === period);
    expect(ownerBill).toMatchObject({ customer: { id: f.customerA }, source: "IMPORTED", amountCents: 1500 });
    expect(b2.map((b) => [b.feeItem.code, b.amountCents, b.dueOn, b.source]).sort()).toEqual([
      ["GARBAGE", 1550, `${period}-15`, "IMPORTED"],
      ["MGMT", 19600, `${period}-20`, "IMPORTED"],
    ]);
    // Importing the same file again is refused row by row: those bills exist.
    const again = (await importBills(csv)).data!.importBills;
    expect(again.imported).toBe(0);
    expect(again.errors.map((e: { line: number }) => e.line)).toEqual([2, 3, 4, 5]);

    const payments = [
      "项目,楼栋,房号,收费项目,账期,金额,支付方式,缴费日期,收据号",
      `${propertyName},2栋,${u1.number},MGMT,${period},100,微信,${today().minus({ days: 3 }).toISODate()},IMP-1`,
      `${propertyName},2栋,${u1.number},MGMT,${period},68.00,cash,,IMP-2`,
      `${propertyName},2栋,${u2.number},GARBAGE,${period},15.50,支付宝,,`,
    ].join("\n");
    expect((await importPayments(payments)).data!.importPayments).toMatchObject({ ok: true, imported: 3, totalCents: 18350 });
    expect((await billsOf(u1.id))[0]).toMatchObject({ paidCents: 16800, status: "PAID" });
  });

  it("failing: a payment file with an overpayment, an unknown method or a future date imports nothing", async () => {
    const unit = await newUnit(40);
    await gqlAs(t, f.tokens.managerA)(
      `mutation($p: ID!, $period: ID!) { generateBills(input: { propertyId: $p, periodId: $period }) { created } }`,
      {
        p: f.propertyA,
        period: fees.period,
      },
    );
    const csv = [
      "property,building,unit,fee_code,period,amount,method,paid_on,receipt",
      `${propertyName},2栋,${unit.number},MGMT,${fees.periodCode},100.00,cash,,P-1`,
      `${propertyName},2栋,${unit.number},MGMT,${fees.periodCode},100.00,cash,,P-2`,
      `${propertyName},2栋,${unit.number},GARBAGE,${fees.periodCode},15,bitcoin,,P-3`,
      `${propertyName},2栋,${unit.number},GARBAGE,${fees.periodCode},15,cash,${today().plus({ days: 3 }).toISODate()},P-1`,
      `${propertyName},2栋,${unit.number},GARBAGE,${fees.periodCode},15,cash,,R-0001`,
    ].join("\n");
    const result = (await importPayments(csv)).data!.importPayments;
    expect(result.ok).toBe(false);
    expect(result.imported).toBe(0);
    const byLine = Object.fromEntries(result.errors.map((e: { line: number; column: string }) => [e.line, e.column]));
    // 2.80 × 40 m² = 112 ¥ owed: the second 100 goes over what is left after the first.
    expect(byLine).toEqual({ 3: "amount", 4: "method", 5: "receipt", 6: "receipt" });
    expect(result.errors.find((e: { line: number }) => e.line === 3).message).toContain("12.00 left");
    expect(JSON.stringify(result.errors)).toContain("in the future");
    expect((await billsOf(unit.id)).every((b) => b.paidCents === 0)).toBe(true);
  });

  it("failing: a file without the needed columns, or not CSV at all, is refused as a whole", async () => {
    const missing = await importBills("property,unit\nx,1");
    expect(errorCode(missing)).toBe("BAD_USER_INPUT");
    expect(missing.errors?.[0]?.extensions?.reason).toBe("IMPORT_MISSING_COLUMNS");
    expect(missing.errors?.[0]?.message).toContain("fee_code");
    const broken = await importBills('property,building\n"unterminated,1');
    expect(errorCode(broken)).toBe("BAD_USER_INPUT");
    expect(errorCode(await importBills("property,building,unit,fee_code,period,amount\n", false, f.tokens.staffA))).toBe(
      "FORBIDDEN",
    );
  });

  it("failing: an office manager cannot import into another office's property", async () => {
    const csv = ["property,building,unit,fee_code,period,amount", `${propertyName},1栋,101,MGMT,${period},1`].join("\n");
    const result = (await importBills(csv, false, f.tokens.managerB)).data!.importBills;
    expect(result).toMatchObject({ ok: false, imported: 0 });
    expect(result.errors[0]).toMatchObject({ line: 2, column: "property" });
  });
});

describe("reconciliation over random payments and reversals", () => {
  it("successful: for any sequence, every bill and the office's books satisfy billed = paid + outstanding", async () => {
    const units = await Promise.all([newUnit(12.34), newUnit(56.78), newUnit(90.12)]);
    await generate();
    const bills = (await Promise.all(units.map((u) => billsOf(u.id)))).flat();
    const action = fc.oneof(
      fc.record({ kind: fc.constant("pay" as const), bill: fc.nat(bills.length - 1), cents: fc.integer({ min: 1, max: 30000 }) }),
      fc.record({ kind: fc.constant("reverse" as const), pick: fc.nat(50) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), async (actions) => {
        const payments: string[] = [];
        for (const a of actions) {
          if (a.kind === "pay") {
            const r = await pay(bills[a.bill].id, a.cents);
            if (r.errors) expect(r.errors[0]?.extensions?.reason).toBe("OVERPAYMENT");
            else payments.push(r.data!.recordPayment.payment.id);
          } else if (payments.length) {
            const r = await reverse(payments[a.pick % payments.length]!);
            if (r.errors) expect(errorCode(r)).toBe("CONFLICT");
          }
        }
        const now = (await Promise.all(units.map((u) => billsOf(u.id)))).flat();
        for (const b of now) {
          const net = b.payments.reduce((n: number, p: { amountCents: number }) => n + p.amountCents, 0);
          expect(b.paidCents).toBe(net);
          expect(b.amountCents).toBe(b.paidCents + b.outstandingCents);
          expect(b.paidCents).toBeGreaterThanOrEqual(0);
          expect(b.outstandingCents).toBeGreaterThanOrEqual(0);
        }
        const [office] = (
          await gqlAs(t, f.tokens.managerA)(`{ officeArrears(asOf: "2999-01-01") { billedCents paidCents outstandingCents } }`)
        ).officeArrears;
        expect(office.billedCents).toBe(office.paidCents + office.outstandingCents);
        const all = (
          await gqlAs(t, f.tokens.managerA)(
            `query($o: ID) { bills(officeId: $o, first: 500) { totalCount nodes { amountCents paidCents } } }`,
            { o: f.officeA },
          )
        ).bills;
        expect(all.totalCount).toBeLessThanOrEqual(500);
        expect(office.billedCents).toBe(all.nodes.reduce((n: number, b: { amountCents: number }) => n + b.amountCents, 0));
        expect(office.paidCents).toBe(all.nodes.reduce((n: number, b: { paidCents: number }) => n + b.paidCents, 0));
      }),
      { numRuns: 12 },
    );
  });
});
