import { Entity, Enum, ManyToOne, Property, type Ref } from "@mikro-orm/core";
import { Field, ObjectType, registerEnumType } from "type-graphql";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";

export enum OfficeKind {
  HEAD_OFFICE = "HEAD_OFFICE",
  OFFICE = "OFFICE",
}

registerEnumType(OfficeKind, {
  name: "OfficeKind",
  description: "Where an office sits in the group's tree.",
  valuesConfig: {
    HEAD_OFFICE: { description: "The head office (总公司), root of the tree; exactly one per tenant." },
    OFFICE: { description: "A management office (管理处) serving one or more properties." },
  },
});

@ObjectType({ description: "The head office or a management office (管理处) of the group." })
@Entity({ tableName: "office" })
export class Office extends TenantEntity {
  @Field(() => OfficeKind, { description: "Head office or management office." })
  @Enum({ items: () => OfficeKind })
  kind!: OfficeKind;

  @Field({ description: "Short code unique within the tenant, e.g. SZ-01; used in exports and BI joins." })
  @Property({ type: "text" })
  code!: string;

  @Field({ description: "Display name, e.g. 翠湖管理处." })
  @Property({ type: "text" })
  name!: string;

  @Field(() => String, { nullable: true, description: "Postal address." })
  @Property({ type: "text", nullable: true })
  address: string | null = null;

  @Field(() => String, { nullable: true, description: "Front-desk telephone number." })
  @Property({ type: "text", nullable: true })
  phone: string | null = null;

  /** The office above this one; null only for the head office. */
  @ManyToOne(() => Office, { ref: true, nullable: true, fieldName: "parent_id" })
  parent: Ref<Office> | null = null;
}
