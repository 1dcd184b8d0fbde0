import { isId } from "../common/ids";
import type { MaybePromise } from "../common/maybe-promise";
import type { TenantDb } from "../database/tenant-db";
import type { PrincipalCache } from "./principal-cache";
import type { Viewer } from "./viewer";

/**
 * The offices the viewer may see, computed once per request: everything for head-office roles, otherwise
 * the viewer's office and the offices below it.
 */
export class OfficeScope {
  private ids?: Promise<string[]>;

  constructor(
    private readonly db: TenantDb,
    private readonly viewer: Viewer,
    /** Read-only requests: subtrees remembered for a few seconds (see principal-cache.ts). */
    private readonly cache?: PrincipalCache,
  ) {}

  get all(): boolean {
    return this.viewer.seesAllOffices;
  }

  /** Visible office ids, or null when every office is visible. */
  async officeIds(): Promise<string[] | null> {
    if (this.all) return null;
    this.ids ??= this.loadSubtree();
    return this.ids;
  }

  /** Whether the viewer may see this office (which must exist in the tenant). */
  async includes(officeId: string): Promise<boolean> {
    const ids = (await this.officeIds()) ?? (await this.allOfficeIds());
    this.known = ids;
    return ids.includes(officeId);
  }

  /** The visible offices once `includes` has read them. */
  private known?: string[];

  /** `includes`, answered at once when the offices are already known (a field resolver then returns no promise). */
  includesNow(officeId: string): MaybePromise<boolean> {
    return this.known ? this.known.includes(officeId) : this.includes(officeId);
  }

  private everyOffice?: Promise<string[]>;

  private allOfficeIds(): Promise<string[]> {
    this.everyOffice ??= this.db
      .em()
      .then(async (em) =>
        (await em.execute<{ id: string }[]>("select id from office where tenant_id = ?", [this.db.tenantId])).map((r) => r.id),
      );
    return this.everyOffice;
  }

  /**
   * A where-clause fragment restricting the office relation at `path` (dotted for nested relations, e.g.
   * "property.office") to the visible offices.
   */
  async filter(path = "office"): Promise<Record<string, unknown>> {
    const ids = await this.officeIds();
    return ids === null ? {} : nested(path, { $in: ids });
  }

  /**
   * Like `filter`, narrowed to one office when a list is asked for `officeId`: that office if the viewer may
   * see it, otherwise nothing (an empty list, not an error).
   */
  async where(officeId: string | null | undefined, path = "office"): Promise<Record<string, unknown>> {
    if (!officeId) return this.filter(path);
    const visible = isId(officeId) && (await this.includes(officeId));
    return nested(path, { $in: visible ? [officeId] : [] });
  }

  private async loadSubtree(): Promise<string[]> {
    const officeId = this.viewer.officeId;
    if (!officeId) return [];
    const known = this.cache?.subtree(this.db.tenantId, officeId);
    if (known) return known;
    const ids = await this.readSubtree();
    this.cache?.rememberSubtree(this.db.tenantId, officeId, ids);
    return ids;
  }

  private async readSubtree(): Promise<string[]> {
    const em = await this.db.em();
    const rows = await em.execute<{ id: string }[]>(
      `with recursive subtree as (
         select id from office where tenant_id = ? and id = ?
         union all
         select o.id from office o join subtree s on o.tenant_id = ? and o.parent_id = s.id
       ) select id from subtree`,
      [this.db.tenantId, this.viewer.officeId, this.db.tenantId],
    );
    return rows.map((r) => r.id);
  }
}

/** `nested("property.office", x)` is `{ property: { office: x } }`. */
function nested(path: string, value: Record<string, unknown>): Record<string, unknown> {
  return path.split(".").reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), value);
}
