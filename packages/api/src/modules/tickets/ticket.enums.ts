import { registerEnumType } from "type-graphql";

export enum TicketType {
  COMPLAINT = "COMPLAINT",
  SUGGESTION = "SUGGESTION",
  HELP = "HELP",
  COORDINATION = "COORDINATION",
  REPAIR = "REPAIR",
  CONSULTATION = "CONSULTATION",
  QUALITY = "QUALITY",
}

export enum Channel {
  PHONE = "PHONE",
  VISIT = "VISIT",
  LETTER = "LETTER",
  ONLINE = "ONLINE",
}

/** One enum for every type's severities; which apply to which type is in SEVERITIES_BY_TYPE. */
export enum Severity {
  SIMPLE = "SIMPLE",
  GENERAL = "GENERAL",
  COMPLEX = "COMPLEX",
  MINOR = "MINOR",
  MEDIUM = "MEDIUM",
  MAJOR = "MAJOR",
  URGENT = "URGENT",
  NORMAL = "NORMAL",
}

export enum TicketStatus {
  NEW = "NEW",
  ASSIGNED = "ASSIGNED",
  IN_PROGRESS = "IN_PROGRESS",
  RESOLVED = "RESOLVED",
  CLOSED = "CLOSED",
  REJECTED = "REJECTED",
}

export enum ComplaintClass {
  MAJOR = "MAJOR",
  IMPORTANT = "IMPORTANT",
  GENERAL = "GENERAL",
  MINOR = "MINOR",
}

export enum ComplaintValidity {
  VALID = "VALID",
  INVALID = "INVALID",
}

export enum PauseReason {
  CUSTOMER_NOT_HOME = "CUSTOMER_NOT_HOME",
  WAITING_FOR_PARTS = "WAITING_FOR_PARTS",
  WAITING_FOR_CUSTOMER_DECISION = "WAITING_FOR_CUSTOMER_DECISION",
  OTHER = "OTHER",
}

/** Which severities a type takes, the first being the default when none is given (none: the type has no severity). */
export const SEVERITIES_BY_TYPE: Readonly<Record<TicketType, readonly Severity[]>> = {
  [TicketType.COMPLAINT]: [Severity.GENERAL, Severity.SIMPLE, Severity.COMPLEX],
  [TicketType.REPAIR]: [Severity.MINOR, Severity.MEDIUM, Severity.MAJOR],
  [TicketType.HELP]: [Severity.NORMAL, Severity.URGENT],
  [TicketType.SUGGESTION]: [],
  [TicketType.COORDINATION]: [],
  [TicketType.CONSULTATION]: [],
  [TicketType.QUALITY]: [],
};

/** Statuses in which work is still going on (the SLA clock runs). */
export const OPEN_STATUSES: readonly TicketStatus[] = [TicketStatus.NEW, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS];

registerEnumType(TicketType, {
  name: "TicketType",
  description: "Kind of customer request (客户诉求).",
  valuesConfig: {
    COMPLAINT: { description: "Complaint (投诉)." },
    SUGGESTION: { description: "Suggestion (建议)." },
    HELP: { description: "Request for help (求助)." },
    COORDINATION: { description: "Coordination between parties, e.g. neighbours (协调)." },
    REPAIR: { description: "Repair request (报修)." },
    CONSULTATION: { description: "Consultation or enquiry (咨询)." },
    QUALITY: { description: "Service-quality problem (服务质量问题)." },
  },
});

registerEnumType(Channel, {
  name: "Channel",
  description: "How the request reached the office.",
  valuesConfig: {
    PHONE: { description: "Telephone call (来电)." },
    VISIT: { description: "In person (来访)." },
    LETTER: { description: "Letter or written note (来函)." },
    ONLINE: { description: "Online: app, web, message (网络)." },
  },
});

registerEnumType(Severity, {
  name: "Severity",
  description: "Severity within a type: complaints SIMPLE/GENERAL/COMPLEX, repairs MINOR/MEDIUM/MAJOR, help URGENT/NORMAL.",
  valuesConfig: {
    SIMPLE: { description: "Simple complaint, answered at once (简单投诉)." },
    GENERAL: { description: "General complaint (一般投诉)." },
    COMPLEX: { description: "Complex complaint (复杂投诉)." },
    MINOR: { description: "Minor repair (小修)." },
    MEDIUM: { description: "Medium repair (中修)." },
    MAJOR: { description: "Major repair, tracked to completion (大修)." },
    URGENT: { description: "Urgent help, e.g. a medical emergency (紧急求助)." },
    NORMAL: { description: "Ordinary help request." },
  },
});

registerEnumType(TicketStatus, {
  name: "TicketStatus",
  description: "Where a request is in its lifecycle.",
  valuesConfig: {
    NEW: { description: "Registered, not yet assigned (登记)." },
    ASSIGNED: { description: "Assigned to a person or department (派单)." },
    IN_PROGRESS: { description: "Being worked on (处理中)." },
    RESOLVED: { description: "Resolved; awaiting the follow-up (已解决)." },
    CLOSED: { description: "Followed up or exempt, and archived (回访完成/归档)." },
    REJECTED: { description: "Rejected as an invalid complaint, with a reason (无效投诉)." },
  },
});

registerEnumType(ComplaintClass, {
  name: "ComplaintClass",
  description: "Classification of a complaint (投诉分类).",
  valuesConfig: {
    MAJOR: {
      description: "Major (重大): lawsuit, media exposure, 10+ complainants, or unresolved a month later through our fault.",
    },
    IMPORTANT: { description: "Important (重要), set by the office manager." },
    GENERAL: { description: "General (一般), the default." },
    MINOR: { description: "Minor (轻微), set by the office manager." },
  },
});

registerEnumType(ComplaintValidity, {
  name: "ComplaintValidity",
  description: "The office manager's decision on a complaint (有效/无效投诉).",
  valuesConfig: {
    VALID: { description: "A valid complaint (有效投诉)." },
    INVALID: { description: "An invalid complaint (无效投诉); the ticket is rejected with a reason." },
  },
});

registerEnumType(PauseReason, {
  name: "PauseReason",
  description: "Why the SLA clock is paused.",
  valuesConfig: {
    CUSTOMER_NOT_HOME: { description: "The customer is not at home (业主不在家)." },
    WAITING_FOR_PARTS: { description: "Waiting for parts or materials (等待配件)." },
    WAITING_FOR_CUSTOMER_DECISION: { description: "Waiting for the customer's decision (等待业主决定)." },
    OTHER: { description: "Another reason, given in the note." },
  },
});
