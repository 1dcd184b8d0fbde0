import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Role } from "../../auth/roles";
import type { Context } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { Staff } from "../staff/staff.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { SEVERITIES_BY_TYPE } from "../tickets/ticket.enums";
import { severityNotForType } from "../tickets/ticket.errors";
import { TicketDeadlinesArgs } from "../tickets/ticket.input";
import { computeDeadlines, loadPolicy, resetPolicy, updatePolicy, type LoadedPolicy } from "./sla-policy.service";
import { SlaPolicyInput, SlaPolicyType, TicketDeadlines } from "./sla-policy.types";

@Authorized()
@Resolver()
export class SlaPolicyResolver {
  @Query(() => SlaPolicyType, { description: "The group's service policy: SLA rules, follow-up timing, spot-check rates." })
  async slaPolicy(@Ctx() ctx: Context) {
    return this.present(ctx, await loadPolicy(await sessionOf(ctx).db.em()));
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Mutation(() => SlaPolicyType, {
    description: "Replaces the service policy; applies to tickets registered from now on (head-office admins).",
  })
  async updateSlaPolicy(@Arg("input", { description: "The whole policy." }) input: SlaPolicyInput, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return this.present(ctx, await updatePolicy(await session.db.em(), session, input));
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Mutation(() => SlaPolicyType, { description: "Returns to the defaults from the regulations (head-office admins)." })
  async resetSlaPolicy(@Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return this.present(ctx, await resetPolicy(await session.db.em(), session));
  }

  @Query(() => TicketDeadlines, {
    description: "The deadlines a request received at `at` would get, so staff can promise a time.",
  })
  async ticketDeadlines(@Args() args: TicketDeadlinesArgs, @Ctx() ctx: Context): Promise<TicketDeadlines> {
    const session = sessionOf(ctx);
    const em = await session.db.em();
    const allowed = SEVERITIES_BY_TYPE[args.type];
    if (args.severity && !allowed.includes(args.severity)) throw severityNotForType(args.severity, args.type, allowed);
    const tenant = await em.findOneOrFail(Tenant, { id: session.viewer.tenantId });
    const severity = args.severity ?? allowed[0] ?? null;
    const d = await computeDeadlines(
      em,
      await loadPolicy(em),
      tenant.timeZone,
      { type: args.type, severity, channel: args.channel },
      args.at ?? ctx.app.now(),
    );
    return { replyDueAt: d.replyDueAt, resolveDueAt: d.resolveDueAt, hardLimitAt: d.hardLimitAt, rule: d.rule };
  }

  private async present(ctx: Context, policy: LoadedPolicy): Promise<SlaPolicyType> {
    const { rules, followUpDueDays, dueSoonRatio, spotCheckRates, isDefault, updatedAt, updatedById } = policy;
    const updatedBy = updatedById ? await sessionOf(ctx).loaders.byId(Staff).load(updatedById) : null;
    return { rules, followUpDueDays, dueSoonRatio, spotCheckRates, isDefault, updatedAt, updatedBy };
  }
}
