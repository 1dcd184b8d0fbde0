import { IsOptional, Length, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, Float, ID, InputType, Int } from "type-graphql";
import { PageArgs } from "../../common/pagination/page.args";

@InputType({ description: "A new property under an office." })
export class CreatePropertyInput {
  @Field(() => ID, { description: "The management office that will serve it." })
  officeId!: string;

  @Field({ description: "Name, e.g. 翠湖花园." })
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true, description: "Postal address." })
  @IsOptional()
  @MaxLength(500)
  address?: string | null;
}

@InputType({ description: "Changes to a property; omitted fields stay as they are." })
export class UpdatePropertyInput {
  @Field({ nullable: true, description: "Name." })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true, description: "Postal address." })
  @IsOptional()
  @MaxLength(500)
  address?: string | null;

  @Field(() => ID, { nullable: true, description: "Hand the property over to another office (head-office admins)." })
  @IsOptional()
  officeId?: string;
}

@InputType({ description: "A new unit in a property." })
export class CreateUnitInput {
  @Field(() => ID, { description: "The property it belongs to." })
  propertyId!: string;

  @Field({ description: "Building, e.g. 3栋." })
  @Length(1, 50)
  building!: string;

  @Field({ description: "Unit number, e.g. 1201." })
  @Length(1, 50)
  number!: string;

  @Field(() => Int, { nullable: true, description: "Floor." })
  @IsOptional()
  @Min(-10)
  @Max(300)
  floor?: number | null;

  @Field(() => Float, { description: "Chargeable floor area in m² (up to two decimals)." })
  @Min(0)
  @Max(1_000_000)
  area!: number;
}

@InputType({ description: "Changes to a unit; omitted fields stay as they are." })
export class UpdateUnitInput {
  @Field({ nullable: true, description: "Building." })
  @IsOptional()
  @Length(1, 50)
  building?: string;

  @Field({ nullable: true, description: "Unit number." })
  @IsOptional()
  @Length(1, 50)
  number?: string;

  @Field(() => Int, { nullable: true, description: "Floor." })
  @IsOptional()
  @Min(-10)
  @Max(300)
  floor?: number | null;

  @Field(() => Float, { nullable: true, description: "Chargeable floor area in m²." })
  @IsOptional()
  @Min(0)
  @Max(1_000_000)
  area?: number;
}

@ArgsType()
export class PropertyListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only properties of this office." })
  officeId?: string | null;

  @Field(() => String, { nullable: true, description: "Only properties whose name contains this text." })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;
}

@ArgsType()
export class UnitListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only units of this property." })
  propertyId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only units of this office's properties." })
  officeId?: string | null;

  @Field(() => String, { nullable: true, description: "Only this building." })
  @IsOptional()
  @MaxLength(50)
  building?: string | null;
}
