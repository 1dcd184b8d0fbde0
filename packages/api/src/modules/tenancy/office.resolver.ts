import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { Role } from "../../auth/roles";
import { ConnectionType } from "../../common/pagination/connection.type";
import { paginate } from "../../common/pagination/paginate";
import type { Context } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { Office } from "./office.entity";
import { CreateOfficeInput, OfficeListArgs, UpdateOfficeInput } from "./office.input";
import { createOffice, findVisibleOffice, updateOffice } from "./office.service";
import { childOffices } from "./office.loaders";

export const OfficeConnection = ConnectionType(Office, "Office", "office");

@Authorized()
@Resolver(() => Office)
export class OfficeResolver {
  @Query(() => OfficeConnection, { description: "Offices visible to the caller, head office first, then by code." })
  async offices(@Args() args: OfficeListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const session = sessionOf(ctx);
    const em = await session.db.em();
    const ids = await session.scope.officeIds();
    const where = { ...(ids ? { id: { $in: ids } } : {}), ...(args.kind ? { kind: args.kind } : {}) };
    return paginate(em, Office, where, args, [{ kind: "asc" }, { code: "asc" }, { id: "asc" }], info);
  }

  @Query(() => Office, { description: "One office by id; NOT_FOUND when it does not exist or is not visible." })
  async office(@Arg("id", () => ID, { description: "Id of the office." }) id: string, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return findVisibleOffice(await session.db.em(), session, id);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Mutation(() => Office, { description: "Opens a management office (head-office admins)." })
  async createOffice(
    @Arg("input", { description: "The details of the new office." }) input: CreateOfficeInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return createOffice(await session.db.em(), session, input);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Mutation(() => Office, { description: "Renames, re-codes or moves an office (head-office admins)." })
  async updateOffice(
    @Arg("id", () => ID, { description: "Id of the office." }) id: string,
    @Arg("input", { description: "The fields to change; omitted fields stay as they are." }) input: UpdateOfficeInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return updateOffice(await session.db.em(), session, id, input);
  }

  @FieldResolver(() => Office, {
    nullable: true,
    description: "The office above this one; null for the head office, or when the caller may not see it.",
  })
  async parent(@Root() office: Office, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    if (!office.parent || !(await session.scope.includes(office.parent.id))) return null;
    return session.loaders.byId(Office).now(office.parent.id);
  }

  @FieldResolver(() => [Office], { description: "Offices directly below this one, by code." })
  async children(@Root() office: Office, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    const children = await childOffices(session.loaders).load(office.id);
    const visible = await session.scope.officeIds();
    return visible ? children.filter((c) => visible.includes(c.id)) : children;
  }
}
