import { IsOptional, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { PageArgs } from "../../common/pagination/page.args";
import { PersonalDataField } from "./privacy.enums";

@InputType({ description: "Narrows the personal-data access log; all conditions must hold." })
export class PersonalDataAccessFilter {
  @Field(() => ID, { nullable: true, description: "Reads by this staff member." })
  staffId?: string | null;

  @Field(() => ID, { nullable: true, description: "Reads of this customer's data (phone, tickets' contact, notes)." })
  customerId?: string | null;

  @Field(() => ID, { nullable: true, description: "Reads of this record (customer, ticket or note id)." })
  recordId?: string | null;

  @Field(() => ID, { nullable: true, description: "Reads of data of this office's customers." })
  officeId?: string | null;

  @Field(() => [PersonalDataField], { nullable: true, description: "Only these kinds of data." })
  fields?: PersonalDataField[] | null;

  @Field(() => Date, { nullable: true, description: "Reads at or after this time." })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Reads before this time." })
  to?: Date | null;

  @Field(() => String, { nullable: true, description: "Reads of one request (its correlation id)." })
  @IsOptional()
  @MaxLength(100)
  requestId?: string | null;
}

@ArgsType()
export class PersonalDataAccessArgs extends PageArgs {
  @Field(() => PersonalDataAccessFilter, { nullable: true, description: "Which reads; default: all." })
  filter?: PersonalDataAccessFilter | null;
}
