import { Entity, ManyToOne, Property, type Ref } from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { LocalDateScalar } from "../../common/scalars";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { ViolationType } from "./violation-type.entity";

@ObjectType({
  description:
    "One occurrence recorded against (or for) a staff member in a month's assessment. Never deleted: a mistake is voided with a reason.",
})
@Entity({ tableName: "staff_assessment_entry" })
export class StaffAssessmentEntry extends TenantEntity {
  @ManyToOne(() => Staff, { ref: true, fieldName: "staff_id" })
  staff!: Ref<Staff>;

  /** The staff member's office when recorded (monthly scores group by it). */
  @ManyToOne(() => Office, { ref: true, fieldName: "office_id" })
  office!: Ref<Office>;

  /** First day of the month it counts in (the month of `occurredOn`). */
  @Property({ type: "date" })
  month!: string;

  @ManyToOne(() => ViolationType, { ref: true, fieldName: "violation_type_id" })
  violationType!: Ref<ViolationType>;

  @Field(() => Int, {
    description:
      "Signed points as counted: negative for a deduction, positive for a bonus (the catalogue's points when recorded).",
  })
  @Property({ type: "integer" })
  points!: number;

  @Field(() => LocalDateScalar, { description: "The day it happened." })
  @Property({ type: "date" })
  occurredOn!: string;

  @Field(() => String, { nullable: true, description: "What happened." })
  @Property({ type: "text", nullable: true })
  note: string | null = null;

  @ManyToOne(() => Staff, { ref: true, fieldName: "recorded_by_id" })
  recordedBy!: Ref<Staff>;

  @Field(() => Date, { nullable: true, description: "When it was voided; voided entries no longer count." })
  @Property({ type: "Date", nullable: true })
  voidedAt: Date | null = null;

  @ManyToOne(() => Staff, { ref: true, nullable: true, fieldName: "voided_by_id" })
  voidedBy: Ref<Staff> | null = null;

  @Field(() => String, { nullable: true, description: "Why it was voided." })
  @Property({ type: "text", nullable: true })
  voidReason: string | null = null;
}
