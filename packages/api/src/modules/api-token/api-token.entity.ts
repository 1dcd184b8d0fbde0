import { Entity, ManyToOne, Property, type Ref } from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { Office } from "../tenancy/office.entity";
import { Staff } from "../staff/staff.entity";

@ObjectType({ description: "A read-only API token for a BI tool or integration. The secret is shown once, at creation." })
@Entity({ tableName: "api_token" })
export class ApiToken extends TenantEntity {
  @Field({ description: "What the token is for, e.g. 'Power BI – finance'." })
  @Property({ type: "text" })
  name!: string;

  /** SHA-256 of the whole token; the token itself is never stored. */
  @Property({ type: "text", hidden: true })
  tokenHash!: string;

  @Field({ description: "First characters of the token, to recognise it in lists." })
  @Property({ type: "text" })
  tokenPrefix!: string;

  @Field(() => Date, { nullable: true, description: "When the token stops working; null means it does not expire." })
  @Property({ type: "Date", nullable: true })
  expiresAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: "Last time the token was used (updated at most every few minutes)." })
  @Property({ type: "Date", nullable: true })
  lastUsedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: "When the token was revoked; a revoked token never works again." })
  @Property({ type: "Date", nullable: true })
  revokedAt: Date | null = null;

  /** Limits the token to one office's data; null means the whole tenant. */
  @ManyToOne(() => Office, { ref: true, nullable: true, fieldName: "office_id" })
  office: Ref<Office> | null = null;

  @ManyToOne(() => Staff, { ref: true, fieldName: "created_by_id" })
  createdBy!: Ref<Staff>;

  @ManyToOne(() => Staff, { ref: true, nullable: true, fieldName: "revoked_by_id" })
  revokedBy: Ref<Staff> | null = null;
}
