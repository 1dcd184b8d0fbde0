import { Args, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { FilterQuery } from "@mikro-orm/core";
import type { GraphQLResolveInfo } from "graphql";
import { Role } from "../../auth/roles";
import { isId } from "../../common/ids";
import { ConnectionType } from "../../common/pagination/connection.type";
import { paginate } from "../../common/pagination/paginate";
import type { Context } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { Customer } from "../customer/customer.entity";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { PersonalDataAccess } from "./access-log.entity";
import { PersonalDataAccessArgs, type PersonalDataAccessFilter } from "./access-log.input";

export const PersonalDataAccessConnection = ConnectionType(PersonalDataAccess, "PersonalDataAccess", "personal-data read");

/** A malformed id matches nothing (an empty page, never an error or SQL). */
const idOrNone = (id: string) => (isId(id) ? id : { $in: [] as string[] });

export function accessLogWhere(filter: PersonalDataAccessFilter | null | undefined): FilterQuery<PersonalDataAccess> {
  const and: Record<string, unknown>[] = [];
  if (filter?.staffId) and.push({ staff: idOrNone(filter.staffId) });
  if (filter?.customerId) and.push({ customer: idOrNone(filter.customerId) });
  if (filter?.recordId) and.push({ recordId: idOrNone(filter.recordId) });
  if (filter?.officeId) and.push({ office: idOrNone(filter.officeId) });
  if (filter?.fields?.length) and.push({ field: { $in: filter.fields } });
  if (filter?.from) and.push({ at: { $gte: filter.from } });
  if (filter?.to) and.push({ at: { $lt: filter.to } });
  if (filter?.requestId) and.push({ requestId: filter.requestId });
  return { $and: and } as FilterQuery<PersonalDataAccess>;
}

@Authorized()
@Resolver(() => PersonalDataAccess)
export class PersonalDataAccessResolver {
  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Query(() => PersonalDataAccessConnection, {
    description:
      "Who read personal data in full (unmasked telephone numbers, sensitive notes), newest first: head-office admins only.",
  })
  async personalDataAccessLog(@Args() args: PersonalDataAccessArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const em = await sessionOf(ctx).db.em();
    return paginate(em, PersonalDataAccess, accessLogWhere(args.filter), args, [{ at: "desc" }, { id: "desc" }], info);
  }

  @FieldResolver(() => Staff, { description: "Who read it." })
  staff(@Root() entry: PersonalDataAccess, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Staff).now(entry.staff.id);
  }

  @FieldResolver(() => Customer, { nullable: true, description: "Whose data it was, when it belongs to a registered customer." })
  customer(@Root() entry: PersonalDataAccess, @Ctx() ctx: Context) {
    return entry.customer ? sessionOf(ctx).loaders.byId(Customer).now(entry.customer.id) : null;
  }

  @FieldResolver(() => Office, { description: "The office serving the customer whose data was read." })
  office(@Root() entry: PersonalDataAccess, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Office).now(entry.office.id);
  }
}
