import { Entity, Enum, ManyToOne, Property, type Ref } from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { Customer } from "../customer/customer.entity";
import { Staff } from "../staff/staff.entity";
import { SensitiveNoteCategory } from "./privacy.enums";

@ObjectType({
  description:
    "A sensitive note about a customer (health, elderly living alone — 空巢老人…), visible only to the staff of the customer's office; every read is in the access log.",
})
@Entity({ tableName: "customer_sensitive_note" })
export class SensitiveNote extends TenantEntity {
  @ManyToOne(() => Customer, { ref: true, fieldName: "customer_id" })
  customer!: Ref<Customer>;

  @Field(() => SensitiveNoteCategory, { description: "What the note is about." })
  @Enum({ items: () => SensitiveNoteCategory })
  category!: SensitiveNoteCategory;

  /** Served only through `SensitiveNoteResolver.text`, which records the read. */
  @Property({ type: "text" })
  text!: string;

  @ManyToOne(() => Staff, { ref: true, fieldName: "created_by_id" })
  createdBy!: Ref<Staff>;

  @ManyToOne(() => Staff, { ref: true, nullable: true, fieldName: "updated_by_id" })
  updatedBy: Ref<Staff> | null = null;

  @Field(() => Date, {
    nullable: true,
    description: "When it was archived (no longer applies); archived notes are kept, never deleted.",
  })
  @Property({ type: "Date", nullable: true })
  archivedAt: Date | null = null;

  @ManyToOne(() => Staff, { ref: true, nullable: true, fieldName: "archived_by_id" })
  archivedBy: Ref<Staff> | null = null;
}
