import type { Viewer } from "../../context/viewer";

/**
 * Whose budget an operation spends: an API token's own, a staff member's (all their sessions and sockets
 * together), or, without a valid credential, the address it came from.
 */
export interface CallerKey {
  key: string;
  signedIn: boolean;
}

export function callerKey(viewer: Viewer | null | undefined, clientAddress: string): CallerKey {
  if (viewer?.apiToken) return { key: `token:${viewer.apiToken.id}`, signedIn: true };
  if (viewer?.staff) return { key: `staff:${viewer.staff.id}`, signedIn: true };
  return { key: `address:${clientAddress}`, signedIn: false };
}
