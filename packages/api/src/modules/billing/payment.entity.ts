import { BigIntType, Entity, Enum, ManyToOne, Property, type Ref } from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { GraphQLSafeInt } from "graphql-scalars";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { LocalDateScalar } from "../../common/scalars";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { Bill } from "./bill.entity";
import { PaymentMethod } from "./billing.enums";

@ObjectType({
  description: "A payment on a bill, or the counter-entry (negative amount) reversing a mistaken one. Never changed or deleted.",
})
@Entity({ tableName: "payment" })
export class Payment extends TenantEntity {
  @ManyToOne(() => Bill, { ref: true, fieldName: "bill_id" })
  bill!: Ref<Bill>;

  @ManyToOne(() => Office, { ref: true, fieldName: "office_id" })
  office!: Ref<Office>;

  @Field(() => GraphQLSafeInt, { description: "Amount in cents: positive for a payment, negative for a reversal." })
  @Property({ type: new BigIntType("number") })
  amountCents!: number;

  @Field(() => PaymentMethod, { description: "How it was paid." })
  @Enum({ items: () => PaymentMethod })
  method!: PaymentMethod;

  @Field(() => String, { nullable: true, description: "Receipt number (收据号), unique in the group." })
  @Property({ type: "text", nullable: true })
  receiptNumber: string | null = null;

  @Field(() => LocalDateScalar, { description: "The day the money was received (or the reversal booked)." })
  @Property({ type: "date" })
  paidOn!: string;

  @ManyToOne(() => Payment, { ref: true, nullable: true, fieldName: "reverses_payment_id" })
  reversesPayment: Ref<Payment> | null = null;

  @Field(() => String, { nullable: true, description: "Note; for a reversal, why." })
  @Property({ type: "text", nullable: true })
  note: string | null = null;

  @ManyToOne(() => Staff, { ref: true, fieldName: "recorded_by_id" })
  recordedBy!: Ref<Staff>;
}
