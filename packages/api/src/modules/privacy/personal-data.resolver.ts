import { Arg, Authorized, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { andThen, type MaybePromise } from "../../common/maybe-promise";
import type { Context, Session } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { Customer } from "../customer/customer.entity";
import { Staff } from "../staff/staff.entity";
import { Ticket } from "../tickets/ticket.entity";
import type { AccessRead } from "./access-recorder";
import { maySeeSensitiveNotes, residentPhoneBasis, seesStaffPhones, type TicketNeed } from "./personal-data.policy";
import { maskPhone } from "./phone-mask";
import { hasPendingSpotCheck, sensitiveNotesOf } from "./privacy.loaders";
import { PersonalDataField } from "./privacy.enums";
import { SensitiveNote } from "./sensitive-note.entity";

/** What a full read is recorded with, besides the field, the record and the basis. */
export function readContext(ctx: Context, info: GraphQLResolveInfo): Pick<AccessRead, "requestId" | "operationName"> {
  return { requestId: ctx.requestId, operationName: info.operation.name?.value ?? null };
}

/**
 * A resident's telephone number as `session` may see it: in full (and recorded) when the policy gives a basis
 * and the read can be recorded, masked otherwise.
 */
function residentPhone(
  session: Session,
  phone: string | null,
  read: Omit<AccessRead, "basis" | "officeId"> & { officeId: string | null },
  ticket?: TicketNeed,
): MaybePromise<string | null> {
  if (phone === null) return null;
  // Synchronous whenever the policy can decide without a look-up (e.g. a BI token, or a known office scope).
  return andThen(
    residentPhoneBasis(session.viewer, read.officeId, (id) => session.scope.includesNow(id), ticket),
    (basis) =>
      basis && read.officeId && session.accessLog.record({ ...read, officeId: read.officeId, basis }) ? phone : maskPhone(phone),
  );
}

@Authorized()
@Resolver(() => Customer)
export class CustomerPersonalDataResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Contact telephone number: in full for the staff of the office serving the customer (every such read is in the access log), masked (138****1234) for everyone else.",
  })
  phone(@Root() customer: Customer, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return residentPhone(sessionOf(ctx), customer.phone, {
      field: PersonalDataField.CUSTOMER_PHONE,
      recordId: customer.id,
      customerId: customer.id,
      officeId: customer.office?.id ?? null,
      ...readContext(ctx, info),
    });
  }

  @FieldResolver(() => [SensitiveNote], {
    nullable: true,
    description:
      "Sensitive notes (health, elderly living alone — 空巢老人…), oldest first: only for the staff of the customer's own office, null for everyone else. Every note read is in the access log.",
  })
  async sensitiveNotes(
    @Root() customer: Customer,
    @Arg("includeArchived", { defaultValue: false, description: "Include notes archived as no longer applying." })
    includeArchived: boolean,
    @Ctx() ctx: Context,
  ): Promise<SensitiveNote[] | null> {
    const session = sessionOf(ctx);
    if (!customer.office || !maySeeSensitiveNotes(session.viewer, customer.office.id)) return null;
    const notes = await sensitiveNotesOf(session.loaders).load(customer.id);
    return notes.filter((n) => includeArchived || !n.archivedAt);
  }
}

@Authorized()
@Resolver(() => Ticket)
export class TicketPersonalDataResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Telephone to reach the person who made it: in full for the staff of the handling office, and for the head office while the ticket is escalated to it or awaits its spot check; masked (138****1234) otherwise. Full reads are in the access log.",
  })
  contactPhone(@Root() ticket: Ticket, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const session = sessionOf(ctx);
    return residentPhone(
      session,
      ticket.contactPhone,
      {
        field: PersonalDataField.TICKET_CONTACT_PHONE,
        recordId: ticket.id,
        customerId: ticket.customer?.id ?? null,
        officeId: ticket.office?.id ?? null,
        ...readContext(ctx, info),
      },
      { escalated: ticket.escalatedAt !== null, pendingSpotCheck: () => hasPendingSpotCheck(session.loaders, ticket.id) },
    );
  }
}

@Authorized()
@Resolver(() => Staff)
export class StaffPersonalDataResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: "Work telephone number: in full for staff, masked (138****1234) for API tokens.",
  })
  phone(@Root() staff: Staff, @Ctx() ctx: Context) {
    if (staff.phone === null) return null;
    return seesStaffPhones(sessionOf(ctx).viewer) ? staff.phone : maskPhone(staff.phone);
  }
}
