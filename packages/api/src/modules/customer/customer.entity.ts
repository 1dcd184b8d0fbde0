import { Entity, Enum, ManyToOne, Property, type Opt, type Ref } from "@mikro-orm/core";
import { Field, ObjectType, registerEnumType } from "type-graphql";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { Office } from "../tenancy/office.entity";

export enum CustomerKind {
  OWNER = "OWNER",
  TENANT = "TENANT",
  RESIDENT = "RESIDENT",
  OTHER = "OTHER",
}

registerEnumType(CustomerKind, {
  name: "CustomerKind",
  description: "How the customer relates to the property.",
  valuesConfig: {
    OWNER: { description: "Owner (业主)." },
    TENANT: { description: "Tenant renting a unit (租户)." },
    RESIDENT: { description: "Other resident (住户)." },
    OTHER: { description: "Visitor or someone without a unit." },
  },
});

@ObjectType({ description: "A customer (业主/租户/住户) served by a management office." })
@Entity({ tableName: "customer" })
export class Customer extends TenantEntity {
  @Field({ description: "Full name." })
  @Property({ type: "text" })
  name!: string;

  /** Exposed only through the privacy module's field resolver, which masks or records the read. */
  @Property({ type: "text", nullable: true })
  phone: string | null = null;

  @Field(() => CustomerKind, { description: "Owner, tenant, resident or other." })
  @Enum({ items: () => CustomerKind })
  kind: Opt<CustomerKind> = CustomerKind.OWNER;

  /** The office that serves this customer; office roles see the customers of their office only. */
  @ManyToOne(() => Office, { ref: true, fieldName: "office_id" })
  office!: Ref<Office>;
}
