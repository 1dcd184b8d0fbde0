import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import { Role } from "../../auth/roles";
import { LocalDateScalar } from "../../common/scalars";
import type { Context } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { CalendarDay } from "./calendar-day.entity";
import { Tenant } from "./tenant.entity";
import { CalendarDayInput, UpdateTenantInput } from "./tenant.input";
import { calendarDays, currentTenant, removeCalendarDays, setCalendarDays, updateTenant } from "./tenant.service";

@Authorized()
@Resolver(() => Tenant)
export class TenantResolver {
  @Query(() => Tenant, { description: "The caller's own group." })
  async tenant(@Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return currentTenant(await session.db.em(), session);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Mutation(() => Tenant, { description: "Changes the group's name or time zone (head-office admins)." })
  async updateTenant(
    @Arg("input", { description: "The fields to change; omitted fields stay as they are." }) input: UpdateTenantInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return updateTenant(await session.db.em(), session, input);
  }

  @Query(() => [CalendarDay], {
    description: "Holidays and make-up working days between two dates (inclusive). Other days follow Monday–Friday.",
  })
  async calendarDays(
    @Arg("from", () => LocalDateScalar, { description: "First date (inclusive), YYYY-MM-DD." }) from: string,
    @Arg("to", () => LocalDateScalar, { description: "Last date (inclusive), YYYY-MM-DD." }) to: string,
    @Ctx() ctx: Context,
  ) {
    return calendarDays(await sessionOf(ctx).db.em(), from, to);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Mutation(() => [CalendarDay], { description: "Adds or replaces holidays and make-up working days (head-office admins)." })
  async setCalendarDays(
    @Arg("days", () => [CalendarDayInput], { description: "The days to add or replace." }) days: CalendarDayInput[],
    @Ctx() ctx: Context,
  ) {
    return setCalendarDays(await sessionOf(ctx).db.em(), days);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Mutation(() => Int, { description: "Removes calendar entries for the given dates; returns how many were removed." })
  async removeCalendarDays(
    @Arg("days", () => [LocalDateScalar], { description: "The dates whose entries to remove." }) days: string[],
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return removeCalendarDays(await session.db.em(), session, days);
  }
}
