import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { Role } from "../../auth/roles";
import { ConnectionType } from "../../common/pagination/connection.type";
import { paginate } from "../../common/pagination/paginate";
import type { Context } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { Office } from "../tenancy/office.entity";
import { Property } from "./property.entity";
import { CreatePropertyInput, PropertyListArgs, UpdatePropertyInput } from "./property.input";
import { createProperty, findVisibleProperty, propertyWhere, updateProperty } from "./property.service";
import { unitCountOfProperty } from "./property.loaders";

export const PropertyConnection = ConnectionType(Property, "Property", "property");

@Authorized()
@Resolver(() => Property)
export class PropertyResolver {
  @Query(() => PropertyConnection, { description: "Properties visible to the caller, by name." })
  async properties(@Args() args: PropertyListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const session = sessionOf(ctx);
    const em = await session.db.em();
    return paginate(em, Property, await propertyWhere(session, args), args, [{ name: "asc" }, { id: "asc" }], info);
  }

  @Query(() => Property, { description: "One property by id; NOT_FOUND when it does not exist or is not visible." })
  async property(@Arg("id", () => ID, { description: "Id of the property." }) id: string, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return findVisibleProperty(await session.db.em(), session, id);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN, Role.OFFICE_MANAGER)
  @Mutation(() => Property, {
    description: "Adds a property to an office (head-office admins; office managers for their office).",
  })
  async createProperty(
    @Arg("input", { description: "The details of the new property." }) input: CreatePropertyInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return createProperty(await session.db.em(), session, input);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN, Role.OFFICE_MANAGER)
  @Mutation(() => Property, { description: "Changes a property; only head-office admins move it to another office." })
  async updateProperty(
    @Arg("id", () => ID, { description: "Id of the property." }) id: string,
    @Arg("input", { description: "The fields to change; omitted fields stay as they are." }) input: UpdatePropertyInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return updateProperty(await session.db.em(), session, id, input);
  }

  @FieldResolver(() => Office, { description: "The management office serving this property." })
  office(@Root() property: Property, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Office).now(property.office.id);
  }

  @FieldResolver(() => Int, { description: "Number of units in the property." })
  async unitCount(@Root() property: Property, @Ctx() ctx: Context) {
    const rows = await unitCountOfProperty(sessionOf(ctx).loaders).load(property.id);
    return rows[0]?.count ?? 0;
  }
}
