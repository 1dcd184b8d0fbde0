import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type EntityManager, type Opt, type Ref } from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { TenantEntity, tenantIdOf } from "../../common/entities/tenant-owned.entity";
import { LocalDateScalar } from "../../common/scalars";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";

/** A stored indicator of a group that has edited its competency model (absent rows: the default model). */
@Entity({ tableName: "competency_indicator" })
export class CompetencyIndicatorRow {
  [PrimaryKeyProp]?: ["tenantId", "code"];

  @PrimaryKey({ type: "uuid", onCreate: (_e: unknown, em: EntityManager) => tenantIdOf(em) })
  tenantId!: Opt<string>;

  @PrimaryKey({ type: "text" })
  code!: string;

  @Property({ type: "integer" })
  position!: number;

  @Property({ type: "text" })
  groupCode!: string;

  @Property({ type: "text" })
  groupNameZh!: string;

  @Property({ type: "text" })
  groupNameEn!: string;

  @Property({ type: "decimal", precision: 6, scale: 2, runtimeType: "number" })
  groupWeight!: number;

  @Property({ type: "text" })
  nameZh!: string;

  @Property({ type: "text" })
  nameEn!: string;

  @Property({ type: "decimal", precision: 6, scale: 2, runtimeType: "number" })
  weightInGroup!: number;

  @Property({ type: "decimal", precision: 6, scale: 2, runtimeType: "number" })
  combinedWeight!: number;
}

@ObjectType({
  description: "An assessment of a staff member's competencies by an assessor for a period: one 1–5 rating per indicator.",
})
@Entity({ tableName: "competency_assessment" })
export class CompetencyAssessment extends TenantEntity {
  @ManyToOne(() => Staff, { ref: true, fieldName: "staff_id" })
  staff!: Ref<Staff>;

  /** The staff member's office when assessed (reports group by it). */
  @ManyToOne(() => Office, { ref: true, fieldName: "office_id" })
  office!: Ref<Office>;

  @ManyToOne(() => Staff, { ref: true, fieldName: "assessor_id" })
  assessor!: Ref<Staff>;

  @Field({ description: "The period assessed: YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY." })
  @Property({ type: "text" })
  period!: string;

  @Field(() => LocalDateScalar, { description: "First day of the period." })
  @Property({ type: "date" })
  periodStart!: string;

  @Field(() => LocalDateScalar, { description: "Day after the last day of the period." })
  @Property({ type: "date" })
  periodEnd!: string;

  @Field(() => String, { nullable: true, description: "The assessor's comment." })
  @Property({ type: "text", nullable: true })
  comment: string | null = null;
}

/** One rating of an assessment. */
@Entity({ tableName: "competency_rating" })
export class CompetencyRating {
  [PrimaryKeyProp]?: ["tenantId", "assessment", "indicatorCode"];

  @PrimaryKey({ type: "uuid", onCreate: (_e: unknown, em: EntityManager) => tenantIdOf(em) })
  tenantId!: Opt<string>;

  @ManyToOne(() => CompetencyAssessment, { ref: true, primary: true, fieldName: "assessment_id" })
  assessment!: Ref<CompetencyAssessment>;

  @PrimaryKey({ type: "text" })
  indicatorCode!: string;

  @Property({ type: "smallint" })
  rating!: number;
}
