import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { Customer } from "../customer/customer.entity";
import { Staff } from "../staff/staff.entity";
import { readContext } from "./personal-data.resolver";
import { maySeeSensitiveNotes } from "./personal-data.policy";
import { accessNotRecorded, ownOfficeOnly } from "./privacy.errors";
import { AccessBasis, PersonalDataField } from "./privacy.enums";
import { SensitiveNote } from "./sensitive-note.entity";
import { AddSensitiveNoteInput, UpdateSensitiveNoteInput } from "./sensitive-note.input";
import { addSensitiveNote, archiveSensitiveNote, updateSensitiveNote } from "./sensitive-note.service";

@Authorized()
@Resolver(() => SensitiveNote)
export class SensitiveNoteResolver {
  @Mutation(() => SensitiveNote, {
    description:
      "Records a sensitive note about a customer (staff of the customer's office only; FORBIDDEN for anyone else who sees the customer).",
  })
  async addSensitiveNote(@Arg("input", { description: "The note." }) input: AddSensitiveNoteInput, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return addSensitiveNote(await session.db.em(), session, input);
  }

  @Mutation(() => SensitiveNote, { description: "Corrects a sensitive note (staff of the customer's office only)." })
  async updateSensitiveNote(
    @Arg("id", () => ID, { description: "Id of the note." }) id: string,
    @Arg("input", { description: "The fields to change." }) input: UpdateSensitiveNoteInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return updateSensitiveNote(await session.db.em(), session, id, input);
  }

  @Mutation(() => SensitiveNote, {
    description: "Archives a sensitive note that no longer applies; it is kept on record, never deleted.",
  })
  async archiveSensitiveNote(@Arg("id", () => ID, { description: "Id of the note." }) id: string, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return archiveSensitiveNote(await session.db.em(), session, id, ctx.app.now());
  }

  @FieldResolver(() => String, { description: "The note itself. Every read is recorded in the access log." })
  async text(@Root() note: SensitiveNote, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<string> {
    const session = sessionOf(ctx);
    // Reaching a note already required this; checked again where the text leaves, whatever the path.
    const customer = await session.loaders.byId(Customer).load(note.customer.id);
    if (!customer || !maySeeSensitiveNotes(session.viewer, customer.office.id)) throw ownOfficeOnly();
    const recorded = session.accessLog.record({
      field: PersonalDataField.SENSITIVE_NOTE,
      recordId: note.id,
      customerId: customer.id,
      officeId: customer.office.id,
      basis: AccessBasis.OWN_OFFICE,
      ...readContext(ctx, info),
    });
    if (!recorded) throw accessNotRecorded();
    return note.text;
  }

  @FieldResolver(() => Customer, { description: "The customer the note is about." })
  customer(@Root() note: SensitiveNote, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Customer).now(note.customer.id);
  }

  @FieldResolver(() => Staff, { description: "Who wrote it." })
  createdBy(@Root() note: SensitiveNote, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Staff).now(note.createdBy.id);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who last changed it, if anyone." })
  updatedBy(@Root() note: SensitiveNote, @Ctx() ctx: Context) {
    return note.updatedBy ? sessionOf(ctx).loaders.byId(Staff).now(note.updatedBy.id) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who archived it, if it is archived." })
  archivedBy(@Root() note: SensitiveNote, @Ctx() ctx: Context) {
    return note.archivedBy ? sessionOf(ctx).loaders.byId(Staff).now(note.archivedBy.id) : null;
  }
}
