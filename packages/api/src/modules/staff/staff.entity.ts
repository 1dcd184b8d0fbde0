import { Entity, Enum, ManyToOne, Property, type Opt, type Ref } from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { Role } from "../../auth/roles";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { Office } from "../tenancy/office.entity";

@ObjectType({ description: "A staff member who signs in to the console." })
@Entity({ tableName: "staff" })
export class Staff extends TenantEntity {
  @Field({ description: "Sign-in email, unique within the tenant (stored lowercase)." })
  @Property({ type: "text" })
  email!: string;

  @Field({ description: "Full name." })
  @Property({ type: "text" })
  name!: string;

  /** Exposed only through the privacy module's field resolver, which masks it for API tokens. */
  @Property({ type: "text", nullable: true })
  phone: string | null = null;

  @Field(() => Role, { description: "What this person may see and do." })
  @Enum({ items: () => Role })
  role!: Role;

  @Field(() => Boolean, { description: "False once the account is deactivated: it can no longer sign in." })
  @Property({ type: "boolean" })
  active: Opt<boolean> = true;

  /** Argon2id hash; never exposed. */
  @Property({ type: "text", hidden: true, lazy: true })
  passwordHash!: string;

  /**
   * Session tokens carry the version current when they were issued; bumping it (password change,
   * deactivation, sign-out everywhere) ends every earlier session at once.
   */
  @Property({ type: "integer" })
  sessionVersion: Opt<number> = 0;

  @Field(() => Date, { nullable: true, description: "Last successful sign-in." })
  @Property({ type: "Date", nullable: true })
  lastLoginAt: Date | null = null;

  @ManyToOne(() => Office, { ref: true, fieldName: "office_id" })
  office!: Ref<Office>;
}
