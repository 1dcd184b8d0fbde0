import { BigIntType, Entity, Enum, ManyToOne, Property, type Opt, type Ref } from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { GraphQLSafeInt } from "graphql-scalars";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { LocalDateScalar } from "../../common/scalars";
import { Customer } from "../customer/customer.entity";
import { Property as PropertyEntity } from "../property/property.entity";
import { Unit } from "../property/unit.entity";
import { Office } from "../tenancy/office.entity";
import { BillingPeriod } from "./billing-period.entity";
import { BillSource, BillStatus } from "./billing.enums";
import { FeeItem } from "./fee-item.entity";

@ObjectType({ description: "A bill for one fee item, unit and period. Amounts are integer cents (分)." })
@Entity({ tableName: "bill" })
export class Bill extends TenantEntity {
  @ManyToOne(() => Office, { ref: true, fieldName: "office_id" })
  office!: Ref<Office>;

  @ManyToOne(() => PropertyEntity, { ref: true, fieldName: "property_id" })
  property!: Ref<PropertyEntity>;

  @ManyToOne(() => Unit, { ref: true, fieldName: "unit_id" })
  unit!: Ref<Unit>;

  @ManyToOne(() => FeeItem, { ref: true, fieldName: "fee_item_id" })
  feeItem!: Ref<FeeItem>;

  @ManyToOne(() => BillingPeriod, { ref: true, fieldName: "period_id" })
  period!: Ref<BillingPeriod>;

  /** Who is billed (the unit's owner when the bill was made). */
  @ManyToOne(() => Customer, { ref: true, nullable: true, fieldName: "customer_id" })
  customer: Ref<Customer> | null = null;

  @Field(() => GraphQLSafeInt, { description: "Amount billed, in cents." })
  @Property({ type: new BigIntType("number") })
  amountCents!: number;

  @Field(() => GraphQLSafeInt, { description: "Amount paid so far (payments minus reversals), in cents." })
  @Property({ type: new BigIntType("number") })
  paidCents: Opt<number> = 0;

  @Field(() => LocalDateScalar, { description: "Due date." })
  @Property({ type: "date" })
  dueOn!: string;

  @Field(() => BillSource, { description: "Generated or imported." })
  @Enum({ items: () => BillSource })
  source: Opt<BillSource> = BillSource.GENERATED;

  @Field(() => Int, { description: "Increases with every payment or reversal." })
  @Property({ type: "integer", version: true })
  version!: Opt<number>;

  @Field(() => GraphQLSafeInt, { description: "Amount still owed, in cents (billed − paid)." })
  get outstandingCents(): Opt<number> {
    return (this.amountCents - this.paidCents) as Opt<number>;
  }

  @Field(() => BillStatus, { description: "Open, partly paid or paid." })
  get status(): Opt<BillStatus> {
    return (
      this.paidCents === 0 && this.amountCents > 0
        ? BillStatus.OPEN
        : this.paidCents < this.amountCents
          ? BillStatus.PARTIALLY_PAID
          : BillStatus.PAID
    ) as Opt<BillStatus>;
  }
}
