import type { EntityManager } from "@mikro-orm/postgresql";
import { UniqueConstraintViolationException, ref, type FilterQuery } from "@mikro-orm/core";
import { forbidden } from "../../common/errors/app-error";
import { isId } from "../../common/ids";
import { likeContains } from "../../common/text-search";
import type { Session } from "../../context/context.type";
import { findVisible } from "../../context/find-visible";
import { Role } from "../../auth/roles";
import { findVisibleOffice } from "../tenancy/office.service";
import { Property } from "./property.entity";
import { propertyNotFound, unitNotFound, unitNumberTaken } from "./property.errors";
import type { CreatePropertyInput, CreateUnitInput, UpdatePropertyInput, UpdateUnitInput } from "./property.input";
import { Unit } from "./unit.entity";

export function findVisibleProperty(
  em: EntityManager,
  session: Session,
  id: string,
  field: string[] = ["id"],
): Promise<Property> {
  return findVisible(em, session, Property, id, "office", () => propertyNotFound(field));
}

export function findVisibleUnit(em: EntityManager, session: Session, id: string, field: string[] = ["id"]): Promise<Unit> {
  return findVisible(em, session, Unit, id, "property.office", () => unitNotFound(field));
}

export async function propertyWhere(
  session: Session,
  args: { officeId?: string | null; search?: string | null },
): Promise<FilterQuery<Property>> {
  const where: Record<string, unknown> = { ...(await session.scope.where(args.officeId)) };
  if (args.search) where.name = { $ilike: likeContains(args.search) };
  return where as FilterQuery<Property>;
}

export async function unitWhere(
  session: Session,
  args: { propertyId?: string | null; officeId?: string | null; building?: string | null },
): Promise<FilterQuery<Unit>> {
  const where: Record<string, unknown> = { ...(await session.scope.where(args.officeId, "property.office")) };
  if (args.propertyId) {
    where.property = { ...(where.property as object), id: isId(args.propertyId) ? args.propertyId : { $in: [] } };
  }
  if (args.building) where.building = args.building;
  return where as FilterQuery<Unit>;
}

export async function createProperty(em: EntityManager, session: Session, input: CreatePropertyInput): Promise<Property> {
  const office = await findVisibleOffice(em, session, input.officeId, ["input", "officeId"]);
  const property = em.create(Property, { name: input.name.trim(), address: input.address ?? null, office });
  await em.flush();
  return property;
}

export async function updateProperty(
  em: EntityManager,
  session: Session,
  id: string,
  input: UpdatePropertyInput,
): Promise<Property> {
  const property = await findVisibleProperty(em, session, id);
  if (input.officeId !== undefined && input.officeId !== property.office.id) {
    if (session.viewer.role !== Role.HEAD_OFFICE_ADMIN) {
      throw forbidden("ROLE_NOT_ALLOWED", "Only head-office admins hand a property over to another office.");
    }
    property.office = ref(await findVisibleOffice(em, session, input.officeId, ["input", "officeId"]));
  }
  if (input.name !== undefined) property.name = input.name.trim();
  if (input.address !== undefined) property.address = input.address;
  await em.flush();
  return property;
}

const toCenti = (m2: number) => Math.round(m2 * 100);

async function flushUnit(em: EntityManager, unit: Unit): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw unitNumberTaken(unit.building, unit.number);
    throw error;
  }
}

export async function createUnit(em: EntityManager, session: Session, input: CreateUnitInput): Promise<Unit> {
  const property = await findVisibleProperty(em, session, input.propertyId, ["input", "propertyId"]);
  const unit = em.create(Unit, {
    property,
    building: input.building.trim(),
    number: input.number.trim(),
    floor: input.floor ?? null,
    areaCentiM2: toCenti(input.area),
  });
  await flushUnit(em, unit);
  return unit;
}

export async function updateUnit(em: EntityManager, session: Session, id: string, input: UpdateUnitInput): Promise<Unit> {
  const unit = await findVisibleUnit(em, session, id);
  if (input.building !== undefined) unit.building = input.building.trim();
  if (input.number !== undefined) unit.number = input.number.trim();
  if (input.floor !== undefined) unit.floor = input.floor;
  if (input.area !== undefined) unit.areaCentiM2 = toCenti(input.area);
  await flushUnit(em, unit);
  return unit;
}
