import { Entity, Property } from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { LocalDateScalar } from "../../common/scalars";

@ObjectType({ description: "A billing period (a calendar month) with the date its bills fall due." })
@Entity({ tableName: "billing_period" })
export class BillingPeriod extends TenantEntity {
  @Field({ description: "The month, YYYY-MM." })
  @Property({ type: "text" })
  code!: string;

  @Field(() => LocalDateScalar, { description: "First day of the period." })
  @Property({ type: "date" })
  startsOn!: string;

  @Field(() => LocalDateScalar, { description: "Day after the last day of the period (exclusive end)." })
  @Property({ type: "date" })
  endsOn!: string;

  @Field(() => LocalDateScalar, { description: "Bills of the period fall due on this date." })
  @Property({ type: "date" })
  dueOn!: string;
}
