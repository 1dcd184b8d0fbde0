import { DateTime } from "luxon";
import type { TestApi } from "./api";
import type { TenantFixture } from "./tenant-fixture";
import { gqlAs } from "./ticket-flow";

export interface FeesFlow {
  /** 物业管理费, 2.80 ¥/m² (per-m² item). */
  feeItem: string;
  /** 垃圾处理费, 15 ¥ per unit (fixed item). */
  fixedFeeItem: string;
  /** Two months ago: its bills are due and overdue. */
  period: string;
  periodCode: string;
  /** Office A's unit's management-fee bill, partly paid. */
  bill: string;
  billAmountCents: number;
  /** The partial payment on it. */
  payment: string;
  /** A dunning notice for the rest. */
  notice: string;
}

/** Fee items, a billing period, office A's bills, a partial payment and a dunning notice, built through the API. */
export async function createFeesFlow(t: TestApi, f: TenantFixture): Promise<FeesFlow> {
  const asAdmin = gqlAs(t, f.tokens.admin);
  const asManager = gqlAs(t, f.tokens.managerA);
  const asStaff = gqlAs(t, f.tokens.staffA);
  const item = async (code: string, name: string, basis: string, rateCents: number) =>
    (
      await asAdmin(`mutation($i: CreateFeeItemInput!) { createFeeItem(input: $i) { id } }`, {
        i: { code, name, basis, rateCents },
      })
    ).createFeeItem.id as string;
  const feeItem = await item("MGMT", "物业管理费", "PER_M2", 280);
  const fixedFeeItem = await item("GARBAGE", "垃圾处理费", "FIXED", 1500);
  const periodCode = DateTime.now().setZone("Asia/Shanghai").minus({ months: 2 }).toFormat("yyyy-MM");
  const period = (await asAdmin(`mutation($c: String!) { createBillingPeriod(input: { code: $c }) { id } }`, { c: periodCode }))
    .createBillingPeriod.id as string;
  await asManager(`mutation($p: ID!, $period: ID!) { generateBills(input: { propertyId: $p, periodId: $period }) { created } }`, {
    p: f.propertyA,
    period,
  });
  const bills = (
    await asManager(`query($u: ID) { bills(unitId: $u) { nodes { id amountCents feeItem { id } } } }`, { u: f.unitA })
  ).bills.nodes as { id: string; amountCents: number; feeItem: { id: string } }[];
  const bill = bills.find((b) => b.feeItem.id === feeItem)!;
  const payment = (
    await asStaff(
      `mutation($b: ID!) { recordPayment(input: { billId: $b, amountCents: 10000, method: WECHAT, receiptNumber: "R-0001" }) { payment { id } } }`,
      {
        b: bill.id,
      },
    )
  ).recordPayment.payment.id as string;
  const notice = (
    await asStaff(`mutation($u: ID!) { recordDunningNotice(input: { unitId: $u, method: LETTER }) { id } }`, { u: f.unitA })
  ).recordDunningNotice.id as string;
  return { feeItem, fixedFeeItem, period, periodCode, bill: bill.id, billAmountCents: bill.amountCents, payment, notice };
}
