import { registerEnumType } from "type-graphql";

export enum ViolationKind {
  DEDUCTION = "DEDUCTION",
  BONUS = "BONUS",
}

export enum ViolationSeverity {
  LIGHT = "LIGHT",
  MODERATE = "MODERATE",
  SEVERE = "SEVERE",
}

registerEnumType(ViolationKind, {
  name: "ViolationKind",
  description: "Whether a catalogue item takes points off the monthly score or adds them.",
  valuesConfig: {
    DEDUCTION: { description: "A violation (扣分): its points are taken off 100." },
    BONUS: { description: "A reward (奖励分): its points are added." },
  },
});

registerEnumType(ViolationSeverity, {
  name: "ViolationSeverity",
  description: "The regulation's grading of a violation.",
  valuesConfig: {
    LIGHT: { description: "轻度违规." },
    MODERATE: { description: "中度违规." },
    SEVERE: { description: "重度违规." },
  },
});
