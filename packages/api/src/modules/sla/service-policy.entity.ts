import { Entity, ManyToOne, PrimaryKey, Property, type EntityManager, type Opt, type Ref } from "@mikro-orm/core";
import { tenantIdOf } from "../../common/entities/tenant-owned.entity";
import { Staff } from "../staff/staff.entity";
import type { SpotCheckRateData } from "./sla-defaults";

/** A group's stored follow-up and spot-check settings (absent until the policy is first edited). */
@Entity({ tableName: "service_policy" })
export class ServicePolicy {
  @PrimaryKey({ type: "uuid", onCreate: (_e: unknown, em: EntityManager) => tenantIdOf(em) })
  tenantId!: Opt<string>;

  @Property({ type: "integer" })
  followUpDueDays!: number;

  @Property({ type: "decimal", precision: 4, scale: 3, runtimeType: "number" })
  dueSoonRatio!: number;

  @Property({ type: "json" })
  spotCheckRates!: SpotCheckRateData[];

  @Property({ type: "Date", onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();

  @ManyToOne(() => Staff, { ref: true, nullable: true, fieldName: "updated_by_id" })
  updatedBy: Ref<Staff> | null = null;
}
