import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from "@mikro-orm/core";
import { Field, ID, ObjectType } from "type-graphql";
import { TenantOwned } from "../../common/entities/tenant-owned.entity";
import { Customer } from "../customer/customer.entity";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { AccessBasis, PersonalDataField } from "./privacy.enums";

/** One unmasked read of personal data. Written by `AccessRecorder` in the reading request's transaction, never changed. */
@ObjectType({
  description: "One read of personal data in full (an unmasked telephone number or a sensitive note): who, when, what, why.",
})
@Entity({ tableName: "personal_data_access" })
export class PersonalDataAccess extends TenantOwned {
  @Field(() => ID, { description: "Stable identifier (UUID)." })
  @PrimaryKey({ type: "uuid" })
  id!: string;

  @Field(() => Date, { description: "When the data was read." })
  @Property({ type: "Date" })
  at!: Date;

  @ManyToOne(() => Staff, { ref: true, fieldName: "staff_id" })
  staff!: Ref<Staff>;

  @Field(() => PersonalDataField, { description: "What was read." })
  @Enum({ items: () => PersonalDataField })
  field!: PersonalDataField;

  @Field(() => ID, { description: "The record read: a customer, ticket or sensitive note id, depending on `field`." })
  @Property({ type: "uuid" })
  recordId!: string;

  @ManyToOne(() => Customer, { ref: true, nullable: true, fieldName: "customer_id" })
  customer: Ref<Customer> | null = null;

  @ManyToOne(() => Office, { ref: true, fieldName: "office_id" })
  office!: Ref<Office>;

  @Field(() => AccessBasis, { description: "The need that allowed the read." })
  @Enum({ items: () => AccessBasis })
  basis!: AccessBasis;

  @Field({ description: "Request (correlation) id of the read: the `x-request-id` header, or one the API assigned." })
  @Property({ type: "text" })
  requestId!: string;

  @Field(() => String, { nullable: true, description: "Name of the GraphQL operation that read it, if it had one." })
  @Property({ type: "text", nullable: true })
  operationName: string | null = null;
}
