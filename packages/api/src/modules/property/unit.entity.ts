import { Entity, ManyToOne, Property as Column, type Opt, type Ref } from "@mikro-orm/core";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { Property } from "./property.entity";

@ObjectType({ description: "A unit (房号) of a property: a flat, shop or office where customers live or trade." })
@Entity({ tableName: "unit" })
export class Unit extends TenantEntity {
  @Field({ description: "Building (楼栋), e.g. 3栋." })
  @Column({ type: "text" })
  building!: string;

  @Field({ description: "Unit number within the building, e.g. 1201." })
  @Column({ type: "text" })
  number!: string;

  @Field(() => Int, { nullable: true, description: "Floor, when known." })
  @Column({ type: "integer", nullable: true })
  floor: number | null = null;

  /** Floor area in hundredths of a square metre, so fee arithmetic stays in integers. */
  @Column({ type: "integer", fieldName: "area_centi_m2" })
  areaCentiM2: Opt<number> = 0;

  @Field(() => Float, { description: "Chargeable floor area in square metres (two decimals)." })
  get area(): Opt<number> {
    return (this.areaCentiM2 / 100) as Opt<number>;
  }

  @ManyToOne(() => Property, { ref: true, fieldName: "property_id" })
  property!: Ref<Property>;
}
