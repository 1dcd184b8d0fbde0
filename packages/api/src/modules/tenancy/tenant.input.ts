import { IsIn, IsOptional, Length, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { LocalDateScalar } from "../../common/scalars";
import { CalendarDayKind } from "./calendar-day.entity";

export const TIME_ZONES: readonly string[] = Intl.supportedValuesOf("timeZone").concat("UTC");

@InputType({ description: "Changes to the group's settings; omitted fields stay as they are." })
export class UpdateTenantInput {
  @Field({ nullable: true, description: "Display name." })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true, description: "IANA time zone, e.g. Asia/Shanghai." })
  @IsOptional()
  @IsIn(TIME_ZONES, { message: "timeZone must be an IANA time zone such as Asia/Shanghai" })
  timeZone?: string;
}

@InputType({ description: "A holiday or make-up working day to put in the calendar (replaces any entry for that date)." })
export class CalendarDayInput {
  @Field(() => LocalDateScalar, { description: "The local date, YYYY-MM-DD." })
  day!: string;

  @Field(() => CalendarDayKind, { description: "Holiday or make-up working day." })
  kind!: CalendarDayKind;

  @Field({ defaultValue: "", description: "Name of the holiday, e.g. 春节." })
  @MaxLength(100)
  name: string = "";
}
