import { ArgsType, Field, ID, registerEnumType } from "type-graphql";
import { LocalDateScalar } from "../../common/scalars";

export enum ReportGrouping {
  OFFICE = "OFFICE",
  MONTH = "MONTH",
}

registerEnumType(ReportGrouping, {
  name: "ReportGrouping",
  description: "How a report's rows are grouped; without any, one row covers the whole scope.",
  valuesConfig: {
    OFFICE: { description: "A row per office." },
    MONTH: { description: "A row per month (in the group's time zone)." },
  },
});

@ArgsType()
export class ReportPeriodArgs {
  @Field(() => LocalDateScalar, { description: "First day of the period (in the group's time zone)." })
  from!: string;

  @Field(() => LocalDateScalar, { description: "Day after the last day of the period: [from, to)." })
  to!: string;
}

@ArgsType()
export class ReportArgs extends ReportPeriodArgs {
  @Field(() => ID, { nullable: true, description: "Only this office (office roles may read their own office only)." })
  officeId?: string | null;

  @Field(() => [ReportGrouping], { defaultValue: [], description: "Group rows by office and/or month." })
  groupBy!: ReportGrouping[];
}

@ArgsType()
export class CollectionReportArgs extends ReportArgs {
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "Payments dated before this day count; default tomorrow (every payment so far).",
  })
  asOf?: string | null;
}

@ArgsType()
export class SnapshotArgs {
  @Field(() => ID, { nullable: true, description: "Only this office." })
  officeId?: string | null;

  @Field({ defaultValue: false, description: "A row per office instead of one for the whole scope." })
  byOffice!: boolean;
}

@ArgsType()
export class ArrearsReportArgs extends SnapshotArgs {
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "Arrears at the start of this day; default tomorrow (arrears now).",
  })
  asOf?: string | null;
}

@ArgsType()
export class OfficeComparisonArgs extends ReportPeriodArgs {
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "Payments dated before this day count toward collection; default tomorrow.",
  })
  asOf?: string | null;
}
