import type { EntityManager } from "@mikro-orm/postgresql";
import { UniqueConstraintViolationException, type FilterQuery } from "@mikro-orm/core";
import { isId } from "../../common/ids";
import type { Session } from "../../context/context.type";
import { likeContains } from "../../common/text-search";
import { findVisible } from "../../context/find-visible";
import { findVisibleUnit } from "../property/property.service";
import { findVisibleOffice } from "../tenancy/office.service";
import { maySearchPhones } from "../privacy/personal-data.policy";
import { Customer } from "./customer.entity";
import { alreadyLinked, customerNotFound, linkNotFound } from "./customer.errors";
import type { CreateCustomerInput, CustomerListArgs, UpdateCustomerInput } from "./customer.input";
import { CustomerUnit, type UnitRelation } from "./customer-unit.entity";

export function findVisibleCustomer(
  em: EntityManager,
  session: Session,
  id: string,
  field: string[] = ["id"],
): Promise<Customer> {
  return findVisible(em, session, Customer, id, "office", () => customerNotFound(field));
}

export async function customerWhere(em: EntityManager, session: Session, args: CustomerListArgs): Promise<FilterQuery<Customer>> {
  const where: Record<string, unknown> = { ...(await session.scope.where(args.officeId)) };
  if (args.search) {
    const pattern = likeContains(args.search);
    // Numbers are searchable only by those who see them in full; for others a hit would confirm a guessed number.
    where.$or = maySearchPhones(session.viewer)
      ? [{ name: { $ilike: pattern } }, { phone: { $ilike: pattern } }]
      : [{ name: { $ilike: pattern } }];
  }
  if (args.unitId) {
    const links = isId(args.unitId) ? await em.find(CustomerUnit, { unit: args.unitId }) : [];
    where.id = { $in: links.map((l) => l.customer.id) };
  }
  return where as FilterQuery<Customer>;
}

async function link(
  em: EntityManager,
  session: Session,
  customer: Customer,
  unitId: string,
  relation: UnitRelation,
  field: string[],
) {
  const unit = await findVisibleUnit(em, session, unitId, field);
  return em.create(CustomerUnit, { customer, unit, relation });
}

export async function createCustomer(em: EntityManager, session: Session, input: CreateCustomerInput): Promise<Customer> {
  const office = await findVisibleOffice(em, session, input.officeId, ["input", "officeId"]);
  const customer = em.create(Customer, { office, name: input.name.trim(), phone: input.phone ?? null, kind: input.kind });
  const seen = new Set<string>();
  for (const [i, u] of input.units.entries()) {
    if (seen.has(u.unitId)) continue;
    seen.add(u.unitId);
    await link(em, session, customer, u.unitId, u.relation, ["input", "units", String(i), "unitId"]);
  }
  await em.flush();
  return customer;
}

export async function updateCustomer(
  em: EntityManager,
  session: Session,
  id: string,
  input: UpdateCustomerInput,
): Promise<Customer> {
  const customer = await findVisibleCustomer(em, session, id);
  if (input.name !== undefined) customer.name = input.name.trim();
  if (input.phone !== undefined) customer.phone = input.phone;
  if (input.kind !== undefined) customer.kind = input.kind;
  await em.flush();
  return customer;
}

export async function linkCustomerUnit(
  em: EntityManager,
  session: Session,
  customerId: string,
  unitId: string,
  relation: UnitRelation,
): Promise<CustomerUnit> {
  const customer = await findVisibleCustomer(em, session, customerId, ["customerId"]);
  const created = await link(em, session, customer, unitId, relation, ["unitId"]);
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw alreadyLinked();
    throw error;
  }
  return created;
}

export async function unlinkCustomerUnit(
  em: EntityManager,
  session: Session,
  customerId: string,
  unitId: string,
): Promise<Customer> {
  const customer = await findVisibleCustomer(em, session, customerId, ["customerId"]);
  const unit = await findVisibleUnit(em, session, unitId, ["unitId"]);
  const existing = await em.findOne(CustomerUnit, { customer, unit });
  if (!existing) throw linkNotFound();
  em.remove(existing);
  await em.flush();
  return customer;
}
