import { IsEmail, IsOptional, Length, MaxLength, MinLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { Role } from "../../auth/roles";
import { MIN_PASSWORD_LENGTH } from "../../auth/password";
import { PageArgs } from "../../common/pagination/page.args";

@InputType({ description: "A new staff account." })
export class CreateStaffInput {
  @Field(() => ID, { description: "Office the person works in (the head office for head-office roles)." })
  officeId!: string;

  @Field({ description: "Sign-in email, unique within the group." })
  @IsEmail({}, { message: "email must be a valid email address" })
  @MaxLength(200)
  email!: string;

  @Field({ description: "Full name." })
  @Length(1, 100)
  name!: string;

  @Field(() => String, { nullable: true, description: "Work telephone." })
  @IsOptional()
  @MaxLength(50)
  phone?: string | null;

  @Field(() => Role, { description: "What the person may see and do." })
  role!: Role;

  @Field({ description: `Initial password (at least ${MIN_PASSWORD_LENGTH} characters).` })
  @MinLength(MIN_PASSWORD_LENGTH, { message: `password must be at least ${MIN_PASSWORD_LENGTH} characters` })
  @MaxLength(200)
  password!: string;
}

@InputType({ description: "Changes to a staff account; omitted fields stay as they are." })
export class UpdateStaffInput {
  @Field({ nullable: true, description: "Full name." })
  @IsOptional()
  @Length(1, 100)
  name?: string;

  @Field(() => String, { nullable: true, description: "Work telephone." })
  @IsOptional()
  @MaxLength(50)
  phone?: string | null;

  @Field(() => Role, { nullable: true, description: "New role." })
  @IsOptional()
  role?: Role;

  @Field(() => ID, { nullable: true, description: "Move to another office." })
  @IsOptional()
  officeId?: string;

  @Field({ nullable: true, description: "False deactivates the account and ends its sessions." })
  @IsOptional()
  active?: boolean;
}

@ArgsType()
export class StaffListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only staff of this office." })
  officeId?: string | null;

  @Field(() => Role, { nullable: true, description: "Only staff with this role." })
  role?: Role | null;

  @Field(() => Boolean, { nullable: true, description: "Only active (true) or deactivated (false) accounts." })
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: "Name or email contains this text." })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;
}
