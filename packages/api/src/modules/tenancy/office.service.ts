import { forgetLocally } from "../../context/principal-cache";
import type { EntityManager } from "@mikro-orm/postgresql";
import { UniqueConstraintViolationException, ref } from "@mikro-orm/core";
import { isId } from "../../common/ids";
import type { Session } from "../../context/context.type";
import { Office, OfficeKind } from "./office.entity";
import { headOfficeIsRoot, officeCodeTaken, officeNotFound, parentWouldCycle } from "./office.errors";
import type { CreateOfficeInput, UpdateOfficeInput } from "./office.input";

/** An office the viewer may see, or NOT_FOUND (also for other tenants' ids and malformed ids). */
export async function findVisibleOffice(
  em: EntityManager,
  session: Session,
  id: string,
  field: string[] = ["id"],
): Promise<Office> {
  if (!isId(id) || !(await session.scope.includes(id))) throw officeNotFound(field);
  const office = await em.findOne(Office, { id });
  if (!office) throw officeNotFound(field);
  return office;
}

export async function headOffice(em: EntityManager): Promise<Office> {
  return em.findOneOrFail(Office, { kind: OfficeKind.HEAD_OFFICE });
}

async function flushOffice(em: EntityManager, code: string, tenantId: string): Promise<void> {
  // Which offices lie below which changes: remembered subtrees of the group go (other instances' within seconds).
  forgetLocally({ tenantId, offices: true });
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw officeCodeTaken(code);
    throw error;
  }
}

export async function createOffice(em: EntityManager, session: Session, input: CreateOfficeInput): Promise<Office> {
  const parent = input.parentId
    ? await findVisibleOffice(em, session, input.parentId, ["input", "parentId"])
    : await headOffice(em);
  const office = em.create(Office, {
    kind: OfficeKind.OFFICE,
    name: input.name.trim(),
    code: input.code,
    address: input.address ?? null,
    phone: input.phone ?? null,
    parent,
  });
  await flushOffice(em, input.code, session.viewer.tenantId);
  return office;
}

async function isDescendant(em: EntityManager, candidate: Office, of: Office): Promise<boolean> {
  let current: Office | null = candidate;
  for (let depth = 0; current && depth < 64; depth++) {
    if (current.id === of.id) return true;
    current = current.parent ? await em.findOne(Office, { id: current.parent.id }) : null;
  }
  return false;
}

export async function updateOffice(em: EntityManager, session: Session, id: string, input: UpdateOfficeInput): Promise<Office> {
  const office = await findVisibleOffice(em, session, id);
  if (input.parentId !== undefined && input.parentId !== null) {
    if (office.kind === OfficeKind.HEAD_OFFICE) throw headOfficeIsRoot();
    const parent = await findVisibleOffice(em, session, input.parentId, ["input", "parentId"]);
    if (await isDescendant(em, parent, office)) throw parentWouldCycle();
    office.parent = ref(parent);
  }
  if (input.name !== undefined) office.name = input.name.trim();
  if (input.code !== undefined) office.code = input.code;
  if (input.address !== undefined) office.address = input.address;
  if (input.phone !== undefined) office.phone = input.phone;
  await flushOffice(em, office.code, session.viewer.tenantId);
  return office;
}
