import { Entity, PrimaryKey, Property, type Opt } from "@mikro-orm/core";
import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "A property-management group (物业集团): one customer of the platform, fully isolated." })
@Entity({ tableName: "tenant" })
export class Tenant {
  @Field(() => ID, { description: "Stable identifier (UUID)." })
  @PrimaryKey({ type: "uuid" })
  id!: string;

  @Field({ description: "Display name of the group." })
  @Property({ type: "text" })
  name!: string;

  @Field({ description: "Short unique name used to sign in (lowercase letters, digits, hyphens)." })
  @Property({ type: "text" })
  slug!: string;

  @Field(() => String, { description: "IANA time zone in which deadlines, days and report periods are computed." })
  @Property({ type: "text" })
  timeZone: Opt<string> = "Asia/Shanghai";

  @Field(() => Date, { description: "When the group was onboarded." })
  @Property({ type: "Date", defaultRaw: "now()" })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { description: "When the group's settings last changed." })
  @Property({ type: "Date", defaultRaw: "now()", onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
