import { Entity, Enum, PrimaryKey, PrimaryKeyProp, Property, type EntityManager, type Opt } from "@mikro-orm/core";
import { tenantIdOf } from "../../common/entities/tenant-owned.entity";
import { Channel, Severity, TicketType } from "../tickets/ticket.enums";
import { DeadlineKind } from "./deadline";

/** A stored SLA rule (a group that has edited its policy); see SlaRuleData for the meaning. */
@Entity({ tableName: "sla_rule" })
export class SlaRule {
  [PrimaryKeyProp]?: ["tenantId", "position"];

  @PrimaryKey({ type: "uuid", onCreate: (_e: unknown, em: EntityManager) => tenantIdOf(em) })
  tenantId!: Opt<string>;

  @PrimaryKey({ type: "integer" })
  position!: number;

  @Enum({ items: () => TicketType, fieldName: "ticket_type" })
  ticketType!: TicketType;

  @Enum({ items: () => Severity, nullable: true })
  severity: Severity | null = null;

  @Enum({ items: () => Channel, nullable: true })
  channel: Channel | null = null;

  @Enum({ items: () => DeadlineKind, nullable: true })
  replyKind: DeadlineKind | null = null;

  @Property({ type: "integer", nullable: true })
  replyAmount: number | null = null;

  @Enum({ items: () => DeadlineKind, nullable: true })
  resolveKind: DeadlineKind | null = null;

  @Property({ type: "integer", nullable: true })
  resolveAmount: number | null = null;

  @Enum({ items: () => DeadlineKind, nullable: true })
  hardLimitKind: DeadlineKind | null = null;

  @Property({ type: "integer", nullable: true })
  hardLimitAmount: number | null = null;

  @Property({ type: "text", nullable: true })
  note: string | null = null;
}
