import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { Role } from "../../auth/roles";
import { ConnectionType } from "../../common/pagination/connection.type";
import { paginate } from "../../common/pagination/paginate";
import type { Context } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { Office } from "../tenancy/office.entity";
import { Staff } from "../staff/staff.entity";
import { ApiToken } from "./api-token.entity";
import { ApiTokenListArgs, CreateApiTokenInput, CreateApiTokenPayload } from "./api-token.input";
import { apiTokenWhere, createApiToken, revokeApiToken } from "./api-token.service";

export const ApiTokenConnection = ConnectionType(ApiToken, "ApiToken", "API token");

@Authorized()
@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Query(() => ApiTokenConnection, { description: "The group's API tokens, newest first (head-office admins)." })
  async apiTokens(@Args() args: ApiTokenListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const em = await sessionOf(ctx).db.em();
    return paginate(em, ApiToken, apiTokenWhere(args.includeRevoked), args, [{ createdAt: "desc" }, { id: "desc" }], info);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Mutation(() => CreateApiTokenPayload, { description: "Creates a read-only API token; its secret is returned once." })
  async createApiToken(
    @Arg("input", { description: "The details of the new API token." }) input: CreateApiTokenInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return createApiToken(await session.db.em(), session, input, ctx.app.now());
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Mutation(() => ApiToken, { description: "Revokes an API token at once; revoking twice is harmless." })
  async revokeApiToken(@Arg("id", () => ID, { description: "Id of the API token." }) id: string, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return revokeApiToken(await session.db.em(), session, id, ctx.app.now());
  }

  @FieldResolver(() => Office, { nullable: true, description: "The office the token is limited to; null for the whole group." })
  office(@Root() token: ApiToken, @Ctx() ctx: Context) {
    return token.office ? sessionOf(ctx).loaders.byId(Office).now(token.office.id) : null;
  }

  @FieldResolver(() => Staff, { description: "Who created the token." })
  createdBy(@Root() token: ApiToken, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Staff).now(token.createdBy.id);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who revoked the token." })
  revokedBy(@Root() token: ApiToken, @Ctx() ctx: Context) {
    return token.revokedBy ? sessionOf(ctx).loaders.byId(Staff).now(token.revokedBy.id) : null;
  }
}
