import { IsOptional, Length, Matches, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { GraphQLSafeInt } from "graphql-scalars";
import { PageArgs } from "../../common/pagination/page.args";
import { LocalDateScalar } from "../../common/scalars";
import { Bill } from "./bill.entity";
import { BillStatus, DunningMethod, FeeBasis, PaymentMethod } from "./billing.enums";
import { Payment } from "./payment.entity";

@InputType({ description: "A new fee item." })
export class CreateFeeItemInput {
  @Field({ description: "Short code, unique in the group (used in CSV imports)." })
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: "code may contain letters, digits, '-' and '_' (up to 32)" })
  code!: string;

  @Field({ description: "Name, e.g. 物业管理费." })
  @Length(1, 100)
  name!: string;

  @Field(() => FeeBasis, { description: "Per m² or fixed per unit." })
  basis!: FeeBasis;

  @Field(() => GraphQLSafeInt, { description: "Rate in cents per m² (PER_M2) or per unit (FIXED), per period." })
  @Min(0)
  @Max(100_000_000)
  rateCents!: number;
}

@InputType({ description: "Changes to a fee item; new rates apply to bills generated from now on." })
export class UpdateFeeItemInput {
  @Field({ nullable: true, description: "Name." })
  @IsOptional()
  @Length(1, 100)
  name?: string;

  @Field(() => GraphQLSafeInt, { nullable: true, description: "New rate in cents." })
  @IsOptional()
  @Min(0)
  @Max(100_000_000)
  rateCents?: number;

  @Field({ nullable: true, description: "False stops billing it." })
  @IsOptional()
  active?: boolean;
}

@InputType({ description: "A billing period to open." })
export class CreateBillingPeriodInput {
  @Field({ description: "The month, YYYY-MM." })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "code must be a month YYYY-MM" })
  code!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: "Due date of its bills; default the 15th of the month." })
  @IsOptional()
  dueOn?: string | null;
}

@InputType({ description: "Which bills to generate." })
export class GenerateBillsInput {
  @Field(() => ID, { description: "Bill every unit of this property." })
  propertyId!: string;

  @Field(() => ID, { description: "For this billing period." })
  periodId!: string;

  @Field(() => [ID], { nullable: true, description: "Only these fee items; default all active ones." })
  feeItemIds?: string[] | null;
}

@ObjectType({ description: "What a bill generation did. Running it again for the same period creates nothing new." })
export class GenerateBillsPayload {
  @Field(() => Int, { description: "Bills created now." })
  created!: number;

  @Field(() => Int, { description: "Bills that already existed for these units, fee items and period (left as they were)." })
  alreadyBilled!: number;

  @Field(() => GraphQLSafeInt, { description: "Total amount of the bills created now, in cents." })
  createdCents!: number;
}

@InputType({ description: "A payment received for a bill." })
export class RecordPaymentInput {
  @Field(() => ID, { description: "The bill." })
  billId!: string;

  @Field(() => GraphQLSafeInt, { description: "Amount in cents (分); partial payments allowed, never more than owed." })
  amountCents!: number;

  @Field(() => PaymentMethod, { description: "How it was paid." })
  method!: PaymentMethod;

  @Field(() => String, { nullable: true, description: "Receipt number (收据号), unique in the group." })
  @IsOptional()
  @Length(1, 50)
  receiptNumber?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Day received; default today (never in the future)." })
  @IsOptional()
  paidOn?: string | null;

  @Field(() => String, { nullable: true, description: "Note." })
  @IsOptional()
  @MaxLength(500)
  note?: string | null;
}

@InputType({ description: "A dunning notice sent for a unit's arrears." })
export class RecordDunningNoticeInput {
  @Field(() => ID, { description: "The unit in arrears." })
  unitId!: string;

  @Field(() => DunningMethod, { description: "How it was delivered." })
  method!: DunningMethod;

  @Field(() => LocalDateScalar, { nullable: true, description: "Date sent; default today." })
  @IsOptional()
  sentOn?: string | null;

  @Field(() => String, { nullable: true, description: "Note." })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}

@ArgsType()
export class BillListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this office." })
  officeId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this property." })
  propertyId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this unit." })
  unitId?: string | null;

  @Field(() => String, { nullable: true, description: "Only this billing period (YYYY-MM)." })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "period must be a month YYYY-MM" })
  period?: string | null;

  @Field(() => [BillStatus], { nullable: true, description: "Only these statuses." })
  statuses?: BillStatus[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Due on or after." })
  dueFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Due before." })
  dueTo?: string | null;
}

@ArgsType()
export class PaymentListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this office." })
  officeId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this bill." })
  billId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Received on or after." })
  paidFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Received before." })
  paidTo?: string | null;
}

@ArgsType()
export class ArrearsArgs extends PageArgs {
  @Field(() => LocalDateScalar, { nullable: true, description: "Arrears as they stood at the start of this day; default today." })
  asOf?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this office." })
  officeId?: string | null;
}

@ObjectType({ description: "What a unit owed at a date: bills due before it, less payments dated before it." })
export class UnitArrears {
  @Field(() => ID, { description: "The unit." })
  unitId!: string;

  @Field({ description: "Building and number, e.g. 3栋-1201." })
  unitLabel!: string;

  @Field({ description: "The property." })
  propertyName!: string;

  @Field(() => ID, { description: "The office." })
  officeId!: string;

  @Field(() => GraphQLSafeInt, { description: "Owed, in cents." })
  outstandingCents!: number;

  @Field(() => Int, { description: "Bills not fully paid." })
  billCount!: number;

  @Field(() => LocalDateScalar, { description: "Due date of the oldest unpaid bill." })
  oldestDueOn!: string;

  @Field(() => Int, { description: "Dunning notices sent for the unit so far." })
  noticeCount!: number;

  @Field(() => LocalDateScalar, { nullable: true, description: "When the last dunning notice was sent." })
  lastNoticeOn!: string | null;
}

@ObjectType({ description: "A page of units in arrears, largest first." })
export class UnitArrearsPage {
  @Field(() => [UnitArrears], { description: "The units." })
  nodes!: UnitArrears[];

  @Field(() => Int, { description: "Units in arrears in all (all pages)." })
  totalCount!: number;

  @Field(() => String, { nullable: true, description: "Pass as `after` for the next page; null on the last page." })
  endCursor!: string | null;
}

@ObjectType({ description: "An office's fees at a date: billed and paid on bills due before it, and the arrears." })
export class OfficeArrears {
  @Field(() => ID, { description: "The office." })
  officeId!: string;

  @Field({ description: "Its name." })
  officeName!: string;

  @Field(() => GraphQLSafeInt, { description: "Billed on bills due before the date, in cents." })
  billedCents!: number;

  @Field(() => GraphQLSafeInt, { description: "Paid on those bills before the date, in cents." })
  paidCents!: number;

  @Field(() => GraphQLSafeInt, { description: "Outstanding (billed − paid), in cents." })
  outstandingCents!: number;

  @Field(() => Int, { description: "Units owing something." })
  unitsInArrears!: number;
}

@ObjectType({ description: "A recorded payment, with the bill it went to." })
export class PaymentPayload {
  @Field(() => Payment, { description: "The payment (or reversal)." })
  payment!: Payment;

  @Field(() => Bill, { description: "The bill after it." })
  bill!: Bill;
}
