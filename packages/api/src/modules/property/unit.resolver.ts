import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { Role } from "../../auth/roles";
import { ConnectionType } from "../../common/pagination/connection.type";
import { paginate } from "../../common/pagination/paginate";
import type { Context } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { CustomerUnit } from "../customer/customer-unit.entity";
import { Property } from "./property.entity";
import { CreateUnitInput, UnitListArgs, UpdateUnitInput } from "./property.input";
import { createUnit, findVisibleUnit, unitWhere, updateUnit } from "./property.service";
import { Unit } from "./unit.entity";
import { customerLinksOfUnit } from "../customer/customer.loaders";

export const UnitConnection = ConnectionType(Unit, "Unit", "unit");

@Authorized()
@Resolver(() => Unit)
export class UnitResolver {
  @Query(() => UnitConnection, { description: "Units visible to the caller, by building and number." })
  async units(@Args() args: UnitListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const session = sessionOf(ctx);
    const em = await session.db.em();
    return paginate(
      em,
      Unit,
      await unitWhere(session, args),
      args,
      [{ building: "asc" }, { number: "asc" }, { id: "asc" }],
      info,
    );
  }

  @Query(() => Unit, { description: "One unit by id; NOT_FOUND when it does not exist or is not visible." })
  async unit(@Arg("id", () => ID, { description: "Id of the unit." }) id: string, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return findVisibleUnit(await session.db.em(), session, id);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN, Role.OFFICE_MANAGER)
  @Mutation(() => Unit, { description: "Adds a unit to a property (head-office admins; office managers for their office)." })
  async createUnit(@Arg("input", { description: "The details of the new unit." }) input: CreateUnitInput, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return createUnit(await session.db.em(), session, input);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN, Role.OFFICE_MANAGER)
  @Mutation(() => Unit, { description: "Changes a unit's building, number, floor or area." })
  async updateUnit(
    @Arg("id", () => ID, { description: "Id of the unit." }) id: string,
    @Arg("input", { description: "The fields to change; omitted fields stay as they are." }) input: UpdateUnitInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return updateUnit(await session.db.em(), session, id, input);
  }

  @FieldResolver(() => Property, { description: "The property the unit belongs to." })
  async property(@Root() unit: Unit, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Property).now(unit.property.id);
  }

  @FieldResolver(() => [CustomerUnit], { description: "Customers linked to this unit (owners, tenants, residents)." })
  occupants(@Root() unit: Unit, @Ctx() ctx: Context) {
    return customerLinksOfUnit(sessionOf(ctx).loaders).now(unit.id);
  }
}
