import { registerEnumType } from "type-graphql";

/** Who at the head office draws a spot-check sample (seed 004: management department and general office). */
export enum SpotCheckSampler {
  HEAD_OFFICE_MANAGEMENT = "HEAD_OFFICE_MANAGEMENT",
  GENERAL_OFFICE = "GENERAL_OFFICE",
}

registerEnumType(SpotCheckSampler, {
  name: "SpotCheckSampler",
  description: "The head-office body that spot-checks follow-ups.",
  valuesConfig: {
    HEAD_OFFICE_MANAGEMENT: {
      description: "Management department (公司管理部): by default 10% of complaints, 1% of help requests.",
    },
    GENERAL_OFFICE: { description: "General manager's office (公司总经办): by default 3% of all requests." },
  },
});
