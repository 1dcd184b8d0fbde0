import { BigIntType, Entity, Enum, Property, type Opt } from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { GraphQLSafeInt } from "graphql-scalars";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { FeeBasis } from "./billing.enums";

@ObjectType({ description: "A fee charged per unit and billing period (物业服务费 item: management fee, shared energy, …)." })
@Entity({ tableName: "fee_item" })
export class FeeItem extends TenantEntity {
  @Field({ description: "Short code, unique in the group, used in CSV imports (e.g. MGMT)." })
  @Property({ type: "text" })
  code!: string;

  @Field({ description: "Name, e.g. 物业管理费." })
  @Property({ type: "text" })
  name!: string;

  @Field(() => FeeBasis, { description: "Per m² of area or a fixed amount per unit." })
  @Enum({ items: () => FeeBasis })
  basis!: FeeBasis;

  @Field(() => GraphQLSafeInt, { description: "Rate in cents (分): per m² per period (PER_M2) or per unit per period (FIXED)." })
  @Property({ type: new BigIntType("number") })
  rateCents!: number;

  @Field(() => Boolean, { description: "Inactive items are no longer billed." })
  @Property({ type: "boolean" })
  active: Opt<boolean> = true;
}
