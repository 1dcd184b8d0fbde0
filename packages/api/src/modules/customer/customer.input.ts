import { IsOptional, Length, MaxLength, ValidateNested, ArrayMaxSize } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { PageArgs } from "../../common/pagination/page.args";
import { CustomerKind } from "./customer.entity";
import { UnitRelation } from "./customer-unit.entity";

@InputType({ description: "A unit to link a customer to." })
export class CustomerUnitInput {
  @Field(() => ID, { description: "The unit." })
  unitId!: string;

  @Field(() => UnitRelation, { description: "Owner, tenant or resident." })
  relation!: UnitRelation;
}

@InputType({ description: "A new customer." })
export class CreateCustomerInput {
  @Field(() => ID, { description: "The office that serves the customer." })
  officeId!: string;

  @Field({ description: "Full name." })
  @Length(1, 100)
  name!: string;

  @Field(() => String, { nullable: true, description: "Contact telephone." })
  @IsOptional()
  @MaxLength(50)
  phone?: string | null;

  @Field(() => CustomerKind, { defaultValue: CustomerKind.OWNER, description: "Owner, tenant, resident or other." })
  kind: CustomerKind = CustomerKind.OWNER;

  @Field(() => [CustomerUnitInput], { defaultValue: [], description: "Units to link the customer to." })
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  units!: CustomerUnitInput[];
}

@InputType({ description: "Changes to a customer; omitted fields stay as they are." })
export class UpdateCustomerInput {
  @Field({ nullable: true, description: "Full name." })
  @IsOptional()
  @Length(1, 100)
  name?: string;

  @Field(() => String, { nullable: true, description: "Contact telephone." })
  @IsOptional()
  @MaxLength(50)
  phone?: string | null;

  @Field(() => CustomerKind, { nullable: true, description: "Owner, tenant, resident or other." })
  @IsOptional()
  kind?: CustomerKind;
}

@ArgsType()
export class CustomerListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only customers of this office." })
  officeId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Name, or (for callers who see numbers in full) telephone, contains this text.",
  })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;

  @Field(() => ID, { nullable: true, description: "Only customers linked to this unit." })
  unitId?: string | null;
}
