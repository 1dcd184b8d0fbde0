import {
  Entity,
  Enum,
  ManyToOne,
  PrimaryKey,
  PrimaryKeyProp,
  Property,
  type EntityManager,
  type Opt,
  type Ref,
} from "@mikro-orm/core";
import { Field, ObjectType, registerEnumType } from "type-graphql";
import { tenantIdOf } from "../../common/entities/tenant-owned.entity";
import { Unit } from "../property/unit.entity";
import { Customer } from "./customer.entity";

export enum UnitRelation {
  OWNER = "OWNER",
  TENANT = "TENANT",
  RESIDENT = "RESIDENT",
}

registerEnumType(UnitRelation, {
  name: "UnitRelation",
  description: "How a customer is linked to a unit.",
  valuesConfig: {
    OWNER: { description: "Owns the unit (业主)." },
    TENANT: { description: "Rents the unit (租户)." },
    RESIDENT: { description: "Lives there otherwise, e.g. family (住户)." },
  },
});

@ObjectType({ description: "A link between a customer and a unit." })
@Entity({ tableName: "customer_unit" })
export class CustomerUnit {
  [PrimaryKeyProp]?: ["tenantId", "customer", "unit"];

  @PrimaryKey({ type: "uuid", onCreate: (_e: unknown, em: EntityManager) => tenantIdOf(em) })
  tenantId!: Opt<string>;

  @ManyToOne(() => Customer, { ref: true, primary: true, fieldName: "customer_id" })
  customer!: Ref<Customer>;

  @ManyToOne(() => Unit, { ref: true, primary: true, fieldName: "unit_id" })
  unit!: Ref<Unit>;

  @Field(() => UnitRelation, { description: "Owner, tenant or resident." })
  @Enum({ items: () => UnitRelation })
  relation!: UnitRelation;

  @Field(() => Date, { description: "When the link was recorded." })
  @Property({ type: "Date", defaultRaw: "now()" })
  createdAt: Opt<Date> = new Date();
}
