import { BigIntType, Entity, Enum, ManyToOne, Property, type Ref } from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { GraphQLSafeInt } from "graphql-scalars";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { LocalDateScalar } from "../../common/scalars";
import { Customer } from "../customer/customer.entity";
import { Unit } from "../property/unit.entity";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { DunningMethod } from "./billing.enums";

@ObjectType({ description: "A dunning notice (催缴函) sent for a unit's arrears, with what was owed at the time." })
@Entity({ tableName: "dunning_notice" })
export class DunningNotice extends TenantEntity {
  @ManyToOne(() => Office, { ref: true, fieldName: "office_id" })
  office!: Ref<Office>;

  @ManyToOne(() => Unit, { ref: true, fieldName: "unit_id" })
  unit!: Ref<Unit>;

  @ManyToOne(() => Customer, { ref: true, nullable: true, fieldName: "customer_id" })
  customer: Ref<Customer> | null = null;

  @Field(() => LocalDateScalar, { description: "Date sent." })
  @Property({ type: "date" })
  sentOn!: string;

  @Field(() => DunningMethod, { description: "How it was delivered." })
  @Enum({ items: () => DunningMethod })
  method!: DunningMethod;

  @Field(() => GraphQLSafeInt, { description: "Arrears of the unit when it was sent, in cents." })
  @Property({ type: new BigIntType("number") })
  outstandingCents!: number;

  @Field(() => Int, { description: "Number of unpaid bills then." })
  @Property({ type: "integer" })
  billCount!: number;

  @Field(() => String, { nullable: true, description: "Note." })
  @Property({ type: "text", nullable: true })
  note: string | null = null;

  @ManyToOne(() => Staff, { ref: true, fieldName: "recorded_by_id" })
  recordedBy!: Ref<Staff>;
}
