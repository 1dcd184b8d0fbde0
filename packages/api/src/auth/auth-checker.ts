import type { AuthChecker } from "type-graphql";
import { forbidden, unauthenticated } from "../common/errors/app-error";
import type { Context } from "../context/context.type";
import type { Role } from "./roles";

/**
 * Checks identity and role only; tenant and office scoping live in the session (filters, row-level security).
 * API tokens are read-only whatever the field: they may query and subscribe, never mutate.
 */
export const authChecker: AuthChecker<Context, Role> = ({ context, info }, roles) => {
  const session = context.session;
  if (!session) throw context.authError ?? unauthenticated("NOT_SIGNED_IN", "Sign in first.");
  if (session.viewer.readOnly && info.operation.operation === "mutation") {
    throw forbidden("READ_ONLY_TOKEN", "API tokens are read-only; sign in as a staff member to make changes.");
  }
  if (roles.length === 0) return true;
  return session.viewer.role !== null && roles.includes(session.viewer.role);
};
