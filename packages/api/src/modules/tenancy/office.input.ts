import { IsOptional, Length, Matches, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { PageArgs } from "../../common/pagination/page.args";
import { OfficeKind } from "./office.entity";

@InputType({ description: "A new management office." })
export class CreateOfficeInput {
  @Field({ description: "Display name." })
  @Length(1, 200)
  name!: string;

  @Field({ description: "Short code unique within the tenant: letters, digits, '-' or '_', up to 32." })
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: "code may contain letters, digits, '-' and '_' (up to 32)" })
  code!: string;

  @Field(() => ID, { nullable: true, description: "Office to place it under; default: the head office." })
  @IsOptional()
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: "Postal address." })
  @IsOptional()
  @MaxLength(500)
  address?: string | null;

  @Field(() => String, { nullable: true, description: "Front-desk telephone." })
  @IsOptional()
  @MaxLength(50)
  phone?: string | null;
}

@InputType({ description: "Changes to an office; omitted fields stay as they are." })
export class UpdateOfficeInput {
  @Field({ nullable: true, description: "Display name." })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true, description: "Short code unique within the tenant." })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: "code may contain letters, digits, '-' and '_' (up to 32)" })
  code?: string;

  @Field(() => ID, { nullable: true, description: "Move the office under another one (not for the head office)." })
  @IsOptional()
  parentId?: string;

  @Field(() => String, { nullable: true, description: "Postal address." })
  @IsOptional()
  @MaxLength(500)
  address?: string | null;

  @Field(() => String, { nullable: true, description: "Front-desk telephone." })
  @IsOptional()
  @MaxLength(50)
  phone?: string | null;
}

@ArgsType()
export class OfficeListArgs extends PageArgs {
  @Field(() => OfficeKind, { nullable: true, description: "Only offices of this kind." })
  kind?: OfficeKind | null;
}
