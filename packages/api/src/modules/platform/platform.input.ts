import { IsEmail, IsIn, Length, Matches, MaxLength, MinLength, ValidateNested } from "class-validator";
import { Field, InputType, ObjectType } from "type-graphql";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../auth/password";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { TIME_ZONES } from "../tenancy/tenant.input";

@InputType({ description: "The first head-office admin of a new group." })
export class FirstAdminInput {
  @Field({ description: "Sign-in email." })
  @IsEmail({}, { message: "email must be a valid email address" })
  @MaxLength(200)
  email!: string;

  @Field({ description: "Full name." })
  @Length(1, 100)
  name!: string;

  @Field({ description: `Password (${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} characters).` })
  @MinLength(MIN_PASSWORD_LENGTH, { message: `password must be at least ${MIN_PASSWORD_LENGTH} characters` })
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;
}

@InputType({ description: "A new group to onboard." })
export class CreateTenantInput {
  @Field({ description: "Display name of the group." })
  @Length(1, 200)
  name!: string;

  @Field({ description: "Short unique name used to sign in: lowercase letters, digits and hyphens (2–50)." })
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])$/, {
    message: "slug must be 2–50 lowercase letters, digits or hyphens, not starting or ending with a hyphen",
  })
  slug!: string;

  @Field({ defaultValue: "Asia/Shanghai", description: "IANA time zone of the group." })
  @IsIn(TIME_ZONES, { message: "timeZone must be an IANA time zone such as Asia/Shanghai" })
  timeZone: string = "Asia/Shanghai";

  @Field({ defaultValue: "总公司", description: "Name of the head office." })
  @Length(1, 200)
  headOfficeName: string = "总公司";

  @Field(() => FirstAdminInput, { description: "The group's first head-office admin." })
  @ValidateNested()
  admin!: FirstAdminInput;
}

@ObjectType({ description: "A newly onboarded group." })
export class CreateTenantPayload {
  @Field(() => Tenant, { description: "The group." })
  tenant!: Tenant;

  @Field(() => Office, { description: "Its head office." })
  headOffice!: Office;

  @Field(() => Staff, { description: "Its first head-office admin, who can now sign in." })
  admin!: Staff;
}
