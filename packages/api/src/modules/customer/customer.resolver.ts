import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { ConnectionType } from "../../common/pagination/connection.type";
import { paginate } from "../../common/pagination/paginate";
import type { Context } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { Unit } from "../property/unit.entity";
import { Office } from "../tenancy/office.entity";
import { Customer } from "./customer.entity";
import { CreateCustomerInput, CustomerListArgs, UpdateCustomerInput } from "./customer.input";
import {
  createCustomer,
  customerWhere,
  findVisibleCustomer,
  linkCustomerUnit,
  unlinkCustomerUnit,
  updateCustomer,
} from "./customer.service";
import { CustomerUnit, UnitRelation } from "./customer-unit.entity";
import { unitLinksOfCustomer } from "./customer.loaders";

export const CustomerConnection = ConnectionType(Customer, "Customer", "customer");

@Authorized()
@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => CustomerConnection, { description: "Customers visible to the caller, by name." })
  async customers(@Args() args: CustomerListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const session = sessionOf(ctx);
    const em = await session.db.em();
    return paginate(em, Customer, await customerWhere(em, session, args), args, [{ name: "asc" }, { id: "asc" }], info);
  }

  @Query(() => Customer, { description: "One customer by id; NOT_FOUND when it does not exist or is not visible." })
  async customer(@Arg("id", () => ID, { description: "Id of the customer." }) id: string, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return findVisibleCustomer(await session.db.em(), session, id);
  }

  @Mutation(() => Customer, { description: "Registers a customer with an office, optionally linked to units (any staff)." })
  async createCustomer(
    @Arg("input", { description: "The details of the new customer." }) input: CreateCustomerInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return createCustomer(await session.db.em(), session, input);
  }

  @Mutation(() => Customer, { description: "Changes a customer's name, telephone or kind." })
  async updateCustomer(
    @Arg("id", () => ID, { description: "Id of the customer." }) id: string,
    @Arg("input", { description: "The fields to change; omitted fields stay as they are." }) input: UpdateCustomerInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return updateCustomer(await session.db.em(), session, id, input);
  }

  @Mutation(() => CustomerUnit, { description: "Links a customer to a unit; CONFLICT when already linked." })
  async linkCustomerUnit(
    @Arg("customerId", () => ID, { description: "Id of the customer." }) customerId: string,
    @Arg("unitId", () => ID, { description: "Id of the unit." }) unitId: string,
    @Arg("relation", () => UnitRelation, { description: "Owner, tenant or resident." }) relation: UnitRelation,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return linkCustomerUnit(await session.db.em(), session, customerId, unitId, relation);
  }

  @Mutation(() => Customer, { description: "Removes the link between a customer and a unit." })
  async unlinkCustomerUnit(
    @Arg("customerId", () => ID, { description: "Id of the customer." }) customerId: string,
    @Arg("unitId", () => ID, { description: "Id of the unit." }) unitId: string,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return unlinkCustomerUnit(await session.db.em(), session, customerId, unitId);
  }

  @FieldResolver(() => Office, { description: "The office serving the customer." })
  office(@Root() customer: Customer, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Office).now(customer.office.id);
  }

  @FieldResolver(() => [CustomerUnit], { description: "Units the customer is linked to." })
  units(@Root() customer: Customer, @Ctx() ctx: Context) {
    return unitLinksOfCustomer(sessionOf(ctx).loaders).now(customer.id);
  }
}

@Authorized()
@Resolver(() => CustomerUnit)
export class CustomerUnitResolver {
  @FieldResolver(() => Customer, { description: "The customer." })
  customer(@Root() link: CustomerUnit, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Customer).now(link.customer.id);
  }

  @FieldResolver(() => Unit, { description: "The unit." })
  unit(@Root() link: CustomerUnit, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Unit).now(link.unit.id);
  }
}
