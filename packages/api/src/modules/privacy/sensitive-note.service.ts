import type { EntityManager } from "@mikro-orm/postgresql";
import { badInput } from "../../common/errors/app-error";
import { isId } from "../../common/ids";
import type { Session } from "../../context/context.type";
import { Customer } from "../customer/customer.entity";
import { findVisibleCustomer } from "../customer/customer.service";
import { Staff } from "../staff/staff.entity";
import { maySeeSensitiveNotes } from "./personal-data.policy";
import { ownOfficeOnly, sensitiveNoteNotFound } from "./privacy.errors";
import { SensitiveNote } from "./sensitive-note.entity";
import type { AddSensitiveNoteInput, UpdateSensitiveNoteInput } from "./sensitive-note.input";

const me = (em: EntityManager, session: Session) => em.getReference(Staff, session.viewer.staff!.id, { wrapped: true });

function cleanText(text: string, field: string[]): string {
  const trimmed = text.trim();
  if (!trimmed) throw badInput("TEXT_REQUIRED", "Write what the note says.", field);
  return trimmed;
}

/** A note the caller may keep: of a customer they see, and of their own office. Others' notes do not exist for them. */
async function findOwnOfficeNote(em: EntityManager, session: Session, id: string): Promise<SensitiveNote> {
  if (!isId(id)) throw sensitiveNoteNotFound();
  const note = await em.findOne(SensitiveNote, { id });
  const customer = note ? await em.findOne(Customer, { id: note.customer.id, ...(await session.scope.filter("office")) }) : null;
  if (!note || !customer || !maySeeSensitiveNotes(session.viewer, customer.office.id)) throw sensitiveNoteNotFound();
  return note;
}

export async function addSensitiveNote(
  em: EntityManager,
  session: Session,
  input: AddSensitiveNoteInput,
): Promise<SensitiveNote> {
  const customer = await findVisibleCustomer(em, session, input.customerId, ["input", "customerId"]);
  if (!maySeeSensitiveNotes(session.viewer, customer.office.id)) throw ownOfficeOnly();
  const note = em.create(SensitiveNote, {
    customer,
    category: input.category,
    text: cleanText(input.text, ["input", "text"]),
    createdBy: me(em, session),
  });
  await em.flush();
  return note;
}

export async function updateSensitiveNote(
  em: EntityManager,
  session: Session,
  id: string,
  input: UpdateSensitiveNoteInput,
): Promise<SensitiveNote> {
  const note = await findOwnOfficeNote(em, session, id);
  if (input.category) note.category = input.category;
  if (input.text !== undefined && input.text !== null) note.text = cleanText(input.text, ["input", "text"]);
  note.updatedBy = me(em, session);
  await em.flush();
  return note;
}

/** Archives a note that no longer applies; it stays on record (readable with `includeArchived`). */
export async function archiveSensitiveNote(em: EntityManager, session: Session, id: string, now: Date): Promise<SensitiveNote> {
  const note = await findOwnOfficeNote(em, session, id);
  if (!note.archivedAt) {
    note.archivedAt = now;
    note.archivedBy = me(em, session);
    await em.flush();
  }
  return note;
}
