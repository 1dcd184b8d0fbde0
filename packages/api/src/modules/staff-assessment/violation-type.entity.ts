import { Entity, Enum, Property, type Opt } from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { ViolationKind, ViolationSeverity } from "./staff-assessment.enums";

@ObjectType({
  description: "An item of the group's monthly assessment catalogue (考核): a violation and the points it costs, or a bonus.",
})
@Entity({ tableName: "violation_type" })
export class ViolationType extends TenantEntity {
  @Field({ description: "Stable code, e.g. ABSENCE." })
  @Property({ type: "text" })
  code!: string;

  @Field({ description: "What it is, e.g. 旷工." })
  @Property({ type: "text" })
  name!: string;

  @Field(() => ViolationKind, { description: "Deduction or bonus." })
  @Enum({ items: () => ViolationKind })
  kind!: ViolationKind;

  @Field(() => ViolationSeverity, { nullable: true, description: "The regulation's grading (deductions only)." })
  @Enum({ items: () => ViolationSeverity, nullable: true })
  severity: ViolationSeverity | null = null;

  @Field(() => Int, { description: "Points per occurrence (1–100), always positive; the kind says which way they count." })
  @Property({ type: "integer" })
  points!: number;

  @Field(() => Boolean, { description: "False once retired: kept for past entries, not offered for new ones." })
  @Property({ type: "boolean" })
  active: Opt<boolean> = true;
}
