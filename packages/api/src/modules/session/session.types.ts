import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Role } from "../../auth/roles";
import { ApiToken } from "../api-token/api-token.entity";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { Tenant } from "../tenancy/tenant.entity";

export enum ViewerKind {
  STAFF = "STAFF",
  API_TOKEN = "API_TOKEN",
}

registerEnumType(ViewerKind, {
  name: "ViewerKind",
  description: "How the caller authenticated.",
  valuesConfig: {
    STAFF: { description: "A staff member signed in with email and password." },
    API_TOKEN: { description: "A read-only API token (BI tools, integrations)." },
  },
});

@ObjectType({ description: "The caller: who they are and what they may see." })
export class ViewerInfo {
  @Field(() => ViewerKind, { description: "Staff session or API token." })
  kind!: ViewerKind;

  @Field(() => Tenant, { description: "The caller's group." })
  tenant!: Tenant;

  @Field(() => Staff, { nullable: true, description: "The signed-in staff member; null for API tokens." })
  staff!: Staff | null;

  @Field(() => ApiToken, { nullable: true, description: "The API token in use; null for staff sessions." })
  apiToken!: ApiToken | null;

  @Field(() => Role, { nullable: true, description: "The staff member's role; null for API tokens." })
  role!: Role | null;

  @Field(() => Office, { nullable: true, description: "Staff: their office. Token: the office it is limited to, if any." })
  office!: Office | null;

  @Field({ description: "True when the caller sees every office of the group (head-office roles, group-wide tokens)." })
  seesAllOffices!: boolean;

  @Field({ description: "True for API tokens, which may only query." })
  readOnly!: boolean;
}

@ObjectType({ description: "A new session." })
export class LoginPayload {
  @Field({ description: "Bearer token for the `Authorization` header and the WebSocket `connectionParams.authorization`." })
  token!: string;

  @Field({ description: "When the token stops working; sign in again after that." })
  expiresAt!: Date;

  @Field(() => Staff, { description: "The signed-in staff member." })
  staff!: Staff;
}
