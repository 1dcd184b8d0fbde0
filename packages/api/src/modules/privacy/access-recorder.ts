import { v7 as uuidv7 } from "uuid";
import type { Viewer } from "../../context/viewer";
import type { TenantDb } from "../../database/tenant-db";
import type { AccessBasis, PersonalDataField } from "./privacy.enums";

export interface AccessRead {
  field: PersonalDataField;
  recordId: string;
  /** Whose data it is, when known (a ticket's contact may be no registered customer). */
  customerId: string | null;
  officeId: string;
  basis: AccessBasis;
  requestId: string;
  operationName: string | null;
}

interface Pending extends AccessRead {
  id: string;
  at: string;
}

/**
 * Collects one request's unmasked reads of personal data and writes them with one INSERT into the request's
 * own transaction just before it commits (a `TenantDb` before-commit hook), however many records were read. The log therefore commits exactly
 * when the response is released: if writing it fails, the transaction rolls back and the caller gets an error
 * instead of the data. The same field of the same record read twice in one request is one entry.
 */
export class AccessRecorder {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly db: TenantDb,
    private readonly viewer: Viewer,
  ) {
    db.beforeCommit(() => this.flush());
  }

  /**
   * Notes a read about to be served. Returns false when it cannot be recorded any more (the request's
   * transaction has ended, e.g. a subscription event resolved later): the caller must then serve masked data.
   */
  record(read: AccessRead): boolean {
    if (this.db.isClosed || !this.viewer.staff) return false;
    const key = `${read.field}:${read.recordId}`;
    if (!this.pending.has(key)) this.pending.set(key, { ...read, id: uuidv7(), at: new Date().toISOString() });
    return true;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Writes what was collected: one statement, none when nothing was read. */
  private async flush(): Promise<void> {
    if (!this.pending.size) return;
    const rows = [...this.pending.values()].map((r) => ({
      id: r.id,
      at: r.at,
      field: r.field,
      record_id: r.recordId,
      customer_id: r.customerId,
      office_id: r.officeId,
      basis: r.basis,
      request_id: r.requestId,
      operation_name: r.operationName?.slice(0, 200) ?? null,
    }));
    this.pending.clear();
    const em = await this.db.em();
    await em.execute(
      `insert into personal_data_access
         (tenant_id, id, at, staff_id, field, record_id, customer_id, office_id, basis, request_id, operation_name)
       select ?, r.id, r.at, ?, r.field, r.record_id, r.customer_id, r.office_id, r.basis, r.request_id, r.operation_name
         from jsonb_to_recordset(?::jsonb) as r(id uuid, at timestamptz, field text, record_id uuid, customer_id uuid,
              office_id uuid, basis text, request_id text, operation_name text)`,
      [this.db.tenantId, this.viewer.staff!.id, JSON.stringify(rows)],
    );
  }
}
