import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { MIN_PASSWORD_LENGTH, validatePassword } from "../../auth/password";
import { Role } from "../../auth/roles";
import { ConnectionType } from "../../common/pagination/connection.type";
import { paginate } from "../../common/pagination/paginate";
import type { Context } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { Office } from "../tenancy/office.entity";
import { Staff } from "./staff.entity";
import { CreateStaffInput, StaffListArgs, UpdateStaffInput } from "./staff.input";
import { createStaff, findVisibleStaff, resetStaffPassword, staffWhere, updateStaff } from "./staff.service";

export const StaffConnection = ConnectionType(Staff, "Staff", "staff member");

@Authorized()
@Resolver(() => Staff)
export class StaffResolver {
  @Query(() => StaffConnection, { description: "Staff visible to the caller, by name." })
  async staffMembers(@Args() args: StaffListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const session = sessionOf(ctx);
    const em = await session.db.em();
    return paginate(em, Staff, await staffWhere(session, args), args, [{ name: "asc" }, { id: "asc" }], info);
  }

  @Query(() => Staff, { description: "One staff member by id; NOT_FOUND when not visible." })
  async staffMember(@Arg("id", () => ID, { description: "Id of the staff member." }) id: string, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return findVisibleStaff(await session.db.em(), session, id);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN, Role.OFFICE_MANAGER)
  @Mutation(() => Staff, {
    description: "Creates a staff account (head-office admins; office managers for office staff of their office).",
  })
  async createStaff(
    @Arg("input", { description: "The details of the new staff member." }) input: CreateStaffInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return createStaff(await session.db.em(), session, input);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN, Role.OFFICE_MANAGER)
  @Mutation(() => Staff, { description: "Changes a staff account: name, phone, role, office, or deactivates it." })
  async updateStaff(
    @Arg("id", () => ID, { description: "Id of the staff member." }) id: string,
    @Arg("input", { description: "The fields to change; omitted fields stay as they are." }) input: UpdateStaffInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return updateStaff(await session.db.em(), session, id, input);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN, Role.OFFICE_MANAGER)
  @Mutation(() => Staff, { description: "Sets a new password for a staff member and ends their sessions." })
  async resetStaffPassword(
    @Arg("id", () => ID, { description: "Id of the staff member." }) id: string,
    @Arg("password", { description: `At least ${MIN_PASSWORD_LENGTH} characters.` }) password: string,
    @Ctx() ctx: Context,
  ) {
    validatePassword(password);
    const session = sessionOf(ctx);
    return resetStaffPassword(await session.db.em(), session, id, password);
  }

  @FieldResolver(() => Office, { description: "Office the person works in." })
  office(@Root() staff: Staff, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Office).now(staff.office.id);
  }
}
