import { unauthenticated } from "../common/errors/app-error";
import type { Context, Session } from "./context.type";

/** The caller's session; resolvers behind @Authorized always have one, this makes the type say so. */
export function sessionOf(context: Context): Session {
  if (!context.session) throw context.authError ?? unauthenticated("NOT_SIGNED_IN", "Sign in first.");
  return context.session;
}

/**
 * Makes `session` the request's session when an operation has just established who the caller is (sign-in,
 * onboarding), so the fields of its result resolve with that caller's tenant and role. An existing session
 * is closed first; the request's transaction plugin closes the new one.
 */
export function adoptSession(context: Context, session: Session): void {
  void context.session?.db.close(true).catch(() => undefined);
  context.session = session;
  context.authError = null;
}
