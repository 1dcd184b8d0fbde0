import { registerEnumType } from "type-graphql";

export enum Satisfaction {
  VERY_SATISFIED = "VERY_SATISFIED",
  SATISFIED = "SATISFIED",
  NEUTRAL = "NEUTRAL",
  DISSATISFIED = "DISSATISFIED",
  VERY_DISSATISFIED = "VERY_DISSATISFIED",
}

/** Top-2-box: the ratings that count as satisfied in the satisfaction rate (满意率). */
export const SATISFIED_RATINGS: readonly Satisfaction[] = [Satisfaction.VERY_SATISFIED, Satisfaction.SATISFIED];
/** Ratings that reopen the ticket. */
export const DISSATISFIED_RATINGS: readonly Satisfaction[] = [Satisfaction.DISSATISFIED, Satisfaction.VERY_DISSATISFIED];

export const isSatisfied = (rating: Satisfaction): boolean => SATISFIED_RATINGS.includes(rating);

export enum FollowUpStatus {
  PENDING = "PENDING",
  COMPLETED = "COMPLETED",
  EXEMPTED = "EXEMPTED",
}

export enum FollowUpMethod {
  HOME_VISIT = "HOME_VISIT",
  PHONE = "PHONE",
  ONLINE = "ONLINE",
}

export enum FollowUpOutcome {
  REACHED = "REACHED",
  NO_ANSWER = "NO_ANSWER",
  REFUSED = "REFUSED",
}

export enum FollowUpExemption {
  RESOLVED_ON_SPOT_CONFIRMED = "RESOLVED_ON_SPOT_CONFIRMED",
  ANONYMOUS = "ANONYMOUS",
  SENSITIVE = "SENSITIVE",
}

registerEnumType(Satisfaction, {
  name: "Satisfaction",
  description: "The customer's rating on the 5-point scale.",
  valuesConfig: {
    VERY_SATISFIED: { description: "非常满意." },
    SATISFIED: { description: "满意." },
    NEUTRAL: { description: "一般." },
    DISSATISFIED: { description: "不满意 (reopens the ticket)." },
    VERY_DISSATISFIED: { description: "非常不满意 (reopens the ticket)." },
  },
});

registerEnumType(FollowUpStatus, {
  name: "FollowUpStatus",
  description: "State of a follow-up task.",
  valuesConfig: {
    PENDING: { description: "Not done yet (attempts may have failed)." },
    COMPLETED: { description: "The customer was reached and rated the service." },
    EXEMPTED: { description: "Not needed, with a recorded reason." },
  },
});

registerEnumType(FollowUpMethod, {
  name: "FollowUpMethod",
  description: "How a follow-up was made (回访方式).",
  valuesConfig: {
    HOME_VISIT: { description: "Visit at an agreed time (登门拜访)." },
    PHONE: { description: "Telephone call (电话拜访)." },
    ONLINE: { description: "Online (网络拜访)." },
  },
});

registerEnumType(FollowUpOutcome, {
  name: "FollowUpOutcome",
  description: "What came of a follow-up attempt.",
  valuesConfig: {
    REACHED: { description: "The customer was reached and gave a rating." },
    NO_ANSWER: { description: "Nobody answered or was at home." },
    REFUSED: { description: "The customer declined to take part." },
  },
});

registerEnumType(FollowUpExemption, {
  name: "FollowUpExemption",
  description: "Why a ticket needs no follow-up (seed 002, 投诉回访).",
  valuesConfig: {
    RESOLVED_ON_SPOT_CONFIRMED: { description: "Resolved on the spot with the customer's confirmation." },
    ANONYMOUS: { description: "Anonymous, or no way to contact the customer." },
    SENSITIVE: { description: "A sensitive matter where a follow-up would be inappropriate." },
  },
});
