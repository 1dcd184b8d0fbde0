import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { HEAD_OFFICE_ROLES, Role } from "../../auth/roles";
import { ConnectionType } from "../../common/pagination/connection.type";
import { PageArgs } from "../../common/pagination/page.args";
import { paginate } from "../../common/pagination/paginate";
import { LocalDateScalar } from "../../common/scalars";
import { isId } from "../../common/ids";
import type { Context } from "../../context/context.type";
import type { Loaders } from "../../context/loaders";
import { sessionOf } from "../../context/session";
import { Customer } from "../customer/customer.entity";
import { Property } from "../property/property.entity";
import { Unit } from "../property/unit.entity";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { Bill } from "./bill.entity";
import { ImportResult, importBills, importPayments } from "./billing-import.service";
import { BillingPeriod } from "./billing-period.entity";
import {
  ArrearsArgs,
  BillListArgs,
  CreateBillingPeriodInput,
  CreateFeeItemInput,
  GenerateBillsInput,
  GenerateBillsPayload,
  OfficeArrears,
  PaymentListArgs,
  PaymentPayload,
  RecordDunningNoticeInput,
  RecordPaymentInput,
  UnitArrearsPage,
  UpdateFeeItemInput,
} from "./billing.input";
import {
  billWhere,
  createBillingPeriod,
  createFeeItem,
  findVisibleBill,
  generateBills,
  officeArrears,
  paymentWhere,
  recordDunningNotice,
  recordPayment,
  reversePayment,
  unitArrears,
  updateFeeItem,
} from "./billing.service";
import { DunningNotice } from "./dunning-notice.entity";
import { FeeItem } from "./fee-item.entity";
import { Payment } from "./payment.entity";

export const BillConnection = ConnectionType(Bill, "Bill", "bill");
export const PaymentConnection = ConnectionType(Payment, "Payment", "payment");
export const DunningNoticeConnection = ConnectionType(DunningNotice, "DunningNotice", "dunning notice");

const MANAGERS = [Role.OFFICE_MANAGER, ...HEAD_OFFICE_ROLES];

@ArgsType()
class DunningListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this office." })
  officeId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this unit." })
  unitId?: string | null;
}

@ArgsType()
class ImportArgs {
  @Field({ description: "The CSV text (UTF-8, header row first; English or Chinese column names)." })
  csv!: string;

  @Field({ defaultValue: false, description: "Only check the file; write nothing." })
  dryRun: boolean = false;
}

const paymentsOfBill = (loaders: Loaders) =>
  loaders.group(
    "bill.payments",
    (em, ids) => em.find(Payment, { bill: { $in: ids } }, { orderBy: { createdAt: "asc" } }),
    (p) => p.bill.id,
  );
const reversalsOf = (loaders: Loaders) =>
  loaders.group(
    "payment.reversals",
    (em, ids) => em.find(Payment, { reversesPayment: { $in: ids } }),
    (p) => p.reversesPayment!.id,
  );

@Authorized()
@Resolver()
export class BillingResolver {
  @Query(() => [FeeItem], { description: "The group's fee items, by code." })
  async feeItems(@Ctx() ctx: Context) {
    return (await sessionOf(ctx).db.em()).find(FeeItem, {}, { orderBy: { code: "asc" } });
  }

  @Query(() => [BillingPeriod], { description: "Billing periods opened so far, newest first." })
  async billingPeriods(@Ctx() ctx: Context) {
    return (await sessionOf(ctx).db.em()).find(BillingPeriod, {}, { orderBy: { code: "desc" } });
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Mutation(() => FeeItem, { description: "Adds a fee item (head-office admins)." })
  async createFeeItem(@Arg("input", { description: "The fee item." }) input: CreateFeeItemInput, @Ctx() ctx: Context) {
    return createFeeItem(await sessionOf(ctx).db.em(), input);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Mutation(() => FeeItem, { description: "Renames, re-prices or retires a fee item (head-office admins)." })
  async updateFeeItem(
    @Arg("id", () => ID, { description: "Id of the fee item." }) id: string,
    @Arg("input", { description: "The fields to change." }) input: UpdateFeeItemInput,
    @Ctx() ctx: Context,
  ) {
    return updateFeeItem(await sessionOf(ctx).db.em(), id, input);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Mutation(() => BillingPeriod, { description: "Opens a billing period (head-office admins)." })
  async createBillingPeriod(
    @Arg("input", { description: "The month and due date." }) input: CreateBillingPeriodInput,
    @Ctx() ctx: Context,
  ) {
    return createBillingPeriod(await sessionOf(ctx).db.em(), input);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN, Role.OFFICE_MANAGER)
  @Mutation(() => GenerateBillsPayload, {
    description: "Bills every unit of a property for a period; idempotent (running it twice bills nothing twice).",
  })
  async generateBills(
    @Arg("input", { description: "Property, period and fee items." }) input: GenerateBillsInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return generateBills(await session.db.em(), session, input);
  }

  @Mutation(() => PaymentPayload, { description: "Records a payment (partial allowed, never more than owed)." })
  async recordPayment(@Arg("input", { description: "The payment." }) input: RecordPaymentInput, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return recordPayment(await session.db.em(), session, input, ctx.app.now());
  }

  @Authorized(...MANAGERS)
  @Mutation(() => PaymentPayload, {
    description: "Reverses a mistaken payment with a counter-entry; nothing is deleted (managers).",
  })
  async reversePayment(
    @Arg("id", () => ID, { description: "Id of the payment to reverse." }) id: string,
    @Arg("reason", { description: "Why it was a mistake." }) reason: string,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return reversePayment(await session.db.em(), session, id, reason.trim().slice(0, 500), ctx.app.now());
  }

  @Mutation(() => DunningNotice, { description: "Records a dunning notice (催缴函) sent for a unit's arrears." })
  async recordDunningNotice(@Arg("input", { description: "The notice." }) input: RecordDunningNoticeInput, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return recordDunningNotice(await session.db.em(), session, input, ctx.app.now());
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN, Role.OFFICE_MANAGER)
  @Mutation(() => ImportResult, {
    description: "Imports bills from CSV: all rows validated, all-or-nothing, every bad row reported.",
  })
  async importBills(@Args() args: ImportArgs, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return importBills(await session.db.em(), session, args.csv, args.dryRun);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN, Role.OFFICE_MANAGER)
  @Mutation(() => ImportResult, {
    description: "Imports payments from CSV: all rows validated, all-or-nothing, every bad row reported.",
  })
  async importPayments(@Args() args: ImportArgs, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return importPayments(await session.db.em(), session, args.csv, args.dryRun, ctx.app.now());
  }

  @Query(() => BillConnection, { description: "Bills of the caller's offices, earliest due first." })
  async bills(@Args() args: BillListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const session = sessionOf(ctx);
    const em = await session.db.em();
    return paginate(em, Bill, await billWhere(em, session, args), args, [{ dueOn: "asc" }, { id: "asc" }], info);
  }

  @Query(() => Bill, { description: "One bill by id." })
  async bill(@Arg("id", () => ID, { description: "Id of the bill." }) id: string, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return findVisibleBill(await session.db.em(), session, id);
  }

  @Query(() => PaymentConnection, { description: "Payments and reversals of the caller's offices, newest first." })
  async payments(@Args() args: PaymentListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const session = sessionOf(ctx);
    return paginate(
      await session.db.em(),
      Payment,
      await paymentWhere(session, args),
      args,
      [{ createdAt: "desc" }, { id: "desc" }],
      info,
    );
  }

  @Query(() => DunningNoticeConnection, { description: "Dunning notices, newest first." })
  async dunningNotices(@Args() args: DunningListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const session = sessionOf(ctx);
    const where: Record<string, unknown> = { ...(await session.scope.where(args.officeId)) };
    if (args.unitId) where.unit = isId(args.unitId) ? args.unitId : { $in: [] };
    return paginate(await session.db.em(), DunningNotice, where, args, [{ sentOn: "desc" }, { id: "desc" }], info);
  }

  @Query(() => UnitArrearsPage, {
    description: "Units in arrears at a date (bills due before it less payments dated before it), largest first.",
  })
  async unitArrears(@Args() args: ArrearsArgs, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return unitArrears(await session.db.em(), session, args, ctx.app.now());
  }

  @Query(() => [OfficeArrears], { description: "Per office at a date: billed, paid and outstanding on bills due before it." })
  async officeArrears(
    @Arg("asOf", () => LocalDateScalar, { nullable: true, description: "The date; default today." }) asOf: string | null,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return officeArrears(await session.db.em(), session, asOf, ctx.app.now());
  }
}

@Authorized()
@Resolver(() => Bill)
export class BillResolver {
  @FieldResolver(() => Office, { description: "The office billing it." })
  office(@Root() b: Bill, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Office).now(b.office.id);
  }

  @FieldResolver(() => Property, { description: "The property." })
  property(@Root() b: Bill, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Property).now(b.property.id);
  }

  @FieldResolver(() => Unit, { description: "The unit billed." })
  unit(@Root() b: Bill, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Unit).now(b.unit.id);
  }

  @FieldResolver(() => FeeItem, { description: "The fee item." })
  feeItem(@Root() b: Bill, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(FeeItem).now(b.feeItem.id);
  }

  @FieldResolver(() => BillingPeriod, { description: "The billing period." })
  period(@Root() b: Bill, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(BillingPeriod).now(b.period.id);
  }

  @FieldResolver(() => Customer, { nullable: true, description: "Who is billed (the owner when the bill was made)." })
  customer(@Root() b: Bill, @Ctx() ctx: Context) {
    return b.customer ? sessionOf(ctx).loaders.byId(Customer).now(b.customer.id) : null;
  }

  @FieldResolver(() => [Payment], { description: "Payments and reversals on the bill, oldest first." })
  payments(@Root() b: Bill, @Ctx() ctx: Context) {
    return paymentsOfBill(sessionOf(ctx).loaders).now(b.id);
  }
}

@Authorized()
@Resolver(() => Payment)
export class PaymentResolver {
  @FieldResolver(() => Bill, { description: "The bill paid." })
  bill(@Root() p: Payment, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Bill).now(p.bill.id);
  }

  @FieldResolver(() => Staff, { description: "Who recorded it." })
  recordedBy(@Root() p: Payment, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Staff).now(p.recordedBy.id);
  }

  @FieldResolver(() => Payment, { nullable: true, description: "For a reversal: the payment it cancels." })
  reversesPayment(@Root() p: Payment, @Ctx() ctx: Context) {
    return p.reversesPayment ? sessionOf(ctx).loaders.byId(Payment).now(p.reversesPayment.id) : null;
  }

  @FieldResolver(() => Payment, { nullable: true, description: "For a payment: the reversal that cancelled it, if any." })
  async reversedBy(@Root() p: Payment, @Ctx() ctx: Context) {
    return (await reversalsOf(sessionOf(ctx).loaders).load(p.id))[0] ?? null;
  }
}

@Authorized()
@Resolver(() => DunningNotice)
export class DunningNoticeResolver {
  @FieldResolver(() => Unit, { description: "The unit." })
  unit(@Root() d: DunningNotice, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Unit).now(d.unit.id);
  }

  @FieldResolver(() => Customer, { nullable: true, description: "The customer it was addressed to." })
  customer(@Root() d: DunningNotice, @Ctx() ctx: Context) {
    return d.customer ? sessionOf(ctx).loaders.byId(Customer).now(d.customer.id) : null;
  }

  @FieldResolver(() => Staff, { description: "Who recorded it." })
  recordedBy(@Root() d: DunningNotice, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Staff).now(d.recordedBy.id);
  }
}
