import { IsOptional, Length } from "class-validator";
import { ArgsType, Field, ID, InputType, ObjectType } from "type-graphql";
import { PageArgs } from "../../common/pagination/page.args";
import { ApiToken } from "./api-token.entity";

@InputType({ description: "A new read-only API token." })
export class CreateApiTokenInput {
  @Field({ description: "What the token is for." })
  @Length(1, 100)
  name!: string;

  @Field(() => ID, { nullable: true, description: "Limit the token to one office's data; omit for the whole group." })
  @IsOptional()
  officeId?: string | null;

  @Field(() => Date, { nullable: true, description: "When the token stops working; omit for no expiry." })
  @IsOptional()
  expiresAt?: Date | null;
}

@ObjectType({ description: "A freshly created API token. The secret is shown here once and never again." })
export class CreateApiTokenPayload {
  @Field({ description: "The secret to put in the `Authorization: Bearer …` header. Store it now." })
  token!: string;

  @Field(() => ApiToken, { description: "The token's record (without the secret)." })
  apiToken!: ApiToken;
}

@ArgsType()
export class ApiTokenListArgs extends PageArgs {
  @Field({ defaultValue: false, description: "Include revoked tokens." })
  includeRevoked: boolean = false;
}
