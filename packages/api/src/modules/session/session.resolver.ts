import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.type";
import { staffSession } from "../../context/authenticate";
import { adoptSession, sessionOf } from "../../context/session";
import { currentTenant } from "../tenancy/tenant.service";
import { changePassword, login } from "./session.service";
import { LoginPayload, ViewerInfo, ViewerKind } from "./session.types";
import { Office } from "../tenancy/office.entity";

@Resolver()
export class SessionResolver {
  @Mutation(() => LoginPayload, {
    description: "Signs a staff member in. Wrong organisation, email or password all give UNAUTHENTICATED.",
  })
  async login(
    @Arg("tenantSlug", { description: "The group's short name, e.g. huaxia." }) tenantSlug: string,
    @Arg("email", { description: "Sign-in email (any letter case)." }) email: string,
    @Arg("password", { description: "The account password." }) password: string,
    @Ctx() ctx: Context,
  ) {
    const result = await login(ctx.app, tenantSlug.slice(0, 100), email.slice(0, 200), password.slice(0, 500), ctx.clientAddress);
    adoptSession(ctx, staffSession(ctx.app, result.staff));
    return result;
  }

  @Authorized()
  @Query(() => ViewerInfo, { description: "Who the caller is: staff member or API token, role, office and group." })
  async me(@Ctx() ctx: Context): Promise<ViewerInfo> {
    const session = sessionOf(ctx);
    const { viewer } = session;
    const em = await session.db.em();
    return {
      kind: viewer.kind === "STAFF" ? ViewerKind.STAFF : ViewerKind.API_TOKEN,
      tenant: await currentTenant(em, session),
      staff: viewer.staff,
      apiToken: viewer.apiToken,
      role: viewer.role,
      office: viewer.officeId ? await session.loaders.byId(Office).load(viewer.officeId) : null,
      seesAllOffices: viewer.seesAllOffices,
      readOnly: viewer.readOnly,
    };
  }

  @Authorized()
  @Mutation(() => LoginPayload, { description: "Changes the caller's password, ends their other sessions, returns a new token." })
  async changePassword(
    @Arg("currentPassword", { description: "The password in use now." }) currentPassword: string,
    @Arg("newPassword", { description: "The new password (10–200 characters)." }) newPassword: string,
    @Ctx() ctx: Context,
  ) {
    return changePassword(ctx.app, sessionOf(ctx), currentPassword.slice(0, 500), newPassword);
  }
}
