import { IsOptional, Length } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { SensitiveNoteCategory } from "./privacy.enums";

@InputType({ description: "A new sensitive note about a customer (staff of the customer's office only)." })
export class AddSensitiveNoteInput {
  @Field(() => ID, { description: "The customer the note is about." })
  customerId!: string;

  @Field(() => SensitiveNoteCategory, { description: "What the note is about." })
  category!: SensitiveNoteCategory;

  @Field({ description: "The note (1–2000 characters)." })
  @Length(1, 2000)
  text!: string;
}

@InputType({ description: "Changes to a sensitive note; omitted fields stay as they are." })
export class UpdateSensitiveNoteInput {
  @Field(() => SensitiveNoteCategory, { nullable: true, description: "What the note is about." })
  @IsOptional()
  category?: SensitiveNoteCategory;

  @Field({ nullable: true, description: "The note (1–2000 characters)." })
  @IsOptional()
  @Length(1, 2000)
  text?: string;
}
