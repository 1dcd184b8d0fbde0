import { registerEnumType } from "type-graphql";

/** The personal data whose every unmasked read is recorded. */
export enum PersonalDataField {
  CUSTOMER_PHONE = "CUSTOMER_PHONE",
  TICKET_CONTACT_PHONE = "TICKET_CONTACT_PHONE",
  SENSITIVE_NOTE = "SENSITIVE_NOTE",
}

registerEnumType(PersonalDataField, {
  name: "PersonalDataField",
  description: "A kind of personal data whose unmasked reads are recorded in the access log.",
  valuesConfig: {
    CUSTOMER_PHONE: { description: "A customer's telephone number (`Customer.phone`), read in full." },
    TICKET_CONTACT_PHONE: { description: "A ticket's contact telephone (`Ticket.contactPhone`), read in full." },
    SENSITIVE_NOTE: { description: "A sensitive customer note (health, living alone…), read." },
  },
});

/** Why the reader was allowed to see the data in full. */
export enum AccessBasis {
  OWN_OFFICE = "OWN_OFFICE",
  SPOT_CHECK = "SPOT_CHECK",
  ESCALATION = "ESCALATION",
}

registerEnumType(AccessBasis, {
  name: "AccessBasis",
  description: "The need that allowed an unmasked read.",
  valuesConfig: {
    OWN_OFFICE: { description: "Staff of the office that serves the customer (front desk, follow-ups, visits)." },
    SPOT_CHECK: { description: "Head office calling the customer back for a pending spot check (抽查) of the ticket." },
    ESCALATION: { description: "Head office handling a ticket escalated to it." },
  },
});

/** Categories of sensitive customer notes (who needs special care, and why). */
export enum SensitiveNoteCategory {
  ELDERLY_LIVING_ALONE = "ELDERLY_LIVING_ALONE",
  HEALTH = "HEALTH",
  MOBILITY = "MOBILITY",
  FAMILY_SITUATION = "FAMILY_SITUATION",
  OTHER = "OTHER",
}

registerEnumType(SensitiveNoteCategory, {
  name: "SensitiveNoteCategory",
  description: "What a sensitive customer note is about.",
  valuesConfig: {
    ELDERLY_LIVING_ALONE: {
      description: "Elderly resident living alone (空巢老人/独居老人): regular visits, emergency contact.",
    },
    HEALTH: { description: "Health condition the staff should know about (健康状况), e.g. heart disease, dementia." },
    MOBILITY: { description: "Limited mobility or disability (行动不便/残障): help with stairs, evacuation." },
    FAMILY_SITUATION: { description: "Family circumstances calling for discretion (家庭情况)." },
    OTHER: { description: "Anything else only the office's own staff should see." },
  },
});
