import type { Role } from "../auth/roles";
import type { ApiToken } from "../modules/api-token/api-token.entity";
import type { Staff } from "../modules/staff/staff.entity";

/** Who is calling: a signed-in staff member or a read-only API token, always of exactly one tenant. */
export interface Viewer {
  kind: "STAFF" | "API_TOKEN";
  tenantId: string;
  staff: Staff | null;
  apiToken: ApiToken | null;
  /** The staff member's role; null for API tokens. */
  role: Role | null;
  /** Staff: their office. Token: the office it is limited to, or null for the whole tenant. */
  officeId: string | null;
  /** Head-office roles and tenant-wide tokens see every office; others see their office's subtree. */
  seesAllOffices: boolean;
  readOnly: boolean;
  /** When the credential stops working (session token or API token expiry); null if it does not expire. */
  expiresAt: Date | null;
}
