import { Max, Min } from "class-validator";
import { ArgsType, Field, Int } from "type-graphql";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return (1–${MAX_PAGE_SIZE}).`,
  })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: "Return items after this cursor (an `endCursor` or edge `cursor`)." })
  after?: string | null;
}
