import { Entity, Enum, PrimaryKey, PrimaryKeyProp, Property, type EntityManager, type Opt } from "@mikro-orm/core";
import { Field, ObjectType, registerEnumType } from "type-graphql";
import { tenantIdOf } from "../../common/entities/tenant-owned.entity";
import { LocalDateScalar } from "../../common/scalars";

export enum CalendarDayKind {
  HOLIDAY = "HOLIDAY",
  WORKDAY = "WORKDAY",
}

registerEnumType(CalendarDayKind, {
  name: "CalendarDayKind",
  description: "An exception to the Monday–Friday working week.",
  valuesConfig: {
    HOLIDAY: { description: "A public holiday (法定节假日) on what would be a working day." },
    WORKDAY: { description: "A make-up working day (调休上班) on what would be a weekend." },
  },
});

@ObjectType({ description: "A day of the tenant's working-day calendar that differs from the normal week." })
@Entity({ tableName: "calendar_day" })
export class CalendarDay {
  [PrimaryKeyProp]?: ["tenantId", "day"];

  @PrimaryKey({ type: "uuid", onCreate: (_e: unknown, em: EntityManager) => tenantIdOf(em) })
  tenantId!: Opt<string>;

  @Field(() => LocalDateScalar, { description: "The local date (YYYY-MM-DD) in the tenant's time zone." })
  @PrimaryKey({ type: "date", columnType: "date" })
  day!: string;

  @Field(() => CalendarDayKind, { description: "Holiday or make-up working day." })
  @Enum({ items: () => CalendarDayKind })
  kind!: CalendarDayKind;

  @Field(() => String, { description: "Name of the holiday, e.g. 国庆节." })
  @Property({ type: "text" })
  name: Opt<string> = "";
}
