import { Entity, ManyToOne, Property as Column, type Ref } from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { Office } from "../tenancy/office.entity";

@ObjectType({ description: "A property (项目/小区) served by one management office." })
@Entity({ tableName: "property" })
export class Property extends TenantEntity {
  @Field({ description: "Name, e.g. 翠湖花园." })
  @Column({ type: "text" })
  name!: string;

  @Field(() => String, { nullable: true, description: "Postal address." })
  @Column({ type: "text", nullable: true })
  address: string | null = null;

  @ManyToOne(() => Office, { ref: true, fieldName: "office_id" })
  office!: Ref<Office>;
}
