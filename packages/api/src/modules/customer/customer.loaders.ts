import type { Loaders } from "../../context/loaders";
import { CustomerUnit } from "./customer-unit.entity";

export const unitLinksOfCustomer = (loaders: Loaders) =>
  loaders.group(
    "customer.units",
    (em, ids) => em.find(CustomerUnit, { customer: { $in: ids } }, { orderBy: { createdAt: "asc" } }),
    (l) => l.customer.id,
  );

export const customerLinksOfUnit = (loaders: Loaders) =>
  loaders.group(
    "unit.customers",
    (em, ids) => em.find(CustomerUnit, { unit: { $in: ids } }, { orderBy: { createdAt: "asc" } }),
    (l) => l.unit.id,
  );
