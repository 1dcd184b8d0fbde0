import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { forbidden } from "../../common/errors/app-error";
import { staffSession } from "../../context/authenticate";
import type { Context } from "../../context/context.type";
import { adoptSession } from "../../context/session";
import { CreateTenantInput, CreateTenantPayload } from "./platform.input";
import { createTenant } from "./platform.service";

/** Platform-operator operations: guarded by the operator secret (`X-Platform-Operator-Secret`), not by a tenant login. */
@Resolver()
export class PlatformResolver {
  @Mutation(() => CreateTenantPayload, {
    description:
      "Onboards a new group with its head office and first admin. Platform operators only (X-Platform-Operator-Secret header).",
  })
  async createTenant(
    @Arg("input", { description: "The details of the new group." }) input: CreateTenantInput,
    @Ctx() ctx: Context,
  ) {
    if (!ctx.platformOperator) {
      throw forbidden("PLATFORM_OPERATOR_ONLY", "Only the platform operator can onboard a new group.");
    }
    const payload = await createTenant(ctx.app, input);
    // The payload's nested fields are read as the new group's first admin.
    adoptSession(ctx, staffSession(ctx.app, payload.admin));
    return payload;
  }
}
