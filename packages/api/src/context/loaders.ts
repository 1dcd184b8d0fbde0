import type DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import { byIdLoader, groupLoader } from "../common/loaders/entity-loader";
import { Office } from "../modules/tenancy/office.entity";
import { Property } from "../modules/property/property.entity";
import { Unit } from "../modules/property/unit.entity";
import { Customer } from "../modules/customer/customer.entity";
import { CustomerUnit } from "../modules/customer/customer-unit.entity";
import { Staff } from "../modules/staff/staff.entity";

/** Per-request DataLoaders, one per relation, created on first use. */
export class Loaders {
  constructor(
    private readonly em: () => Promise<EntityManager>,
    private readonly tenantId: string,
  ) {}

  private cache = new Map<string, DataLoader<string, unknown>>();

  private get<V>(name: string, create: () => DataLoader<string, V>): DataLoader<string, V> {
    let loader = this.cache.get(name) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = create();
      this.cache.set(name, loader as DataLoader<string, unknown>);
    }
    return loader;
  }

  get office() {
    return this.get("office", () => byIdLoader(this.em, Office));
  }
  get property() {
    return this.get("property", () => byIdLoader(this.em, Property));
  }
  get unit() {
    return this.get("unit", () => byIdLoader(this.em, Unit));
  }
  get customer() {
    return this.get("customer", () => byIdLoader(this.em, Customer));
  }
  get staff() {
    return this.get("staff", () => byIdLoader(this.em, Staff));
  }

  get childOffices() {
    return this.get("childOffices", () =>
      groupLoader(
        async (ids) => (await this.em()).find(Office, { parent: { $in: [...ids] } }, { orderBy: { code: "asc" } }),
        (o) => o.parent!.id,
      ),
    );
  }
  get unitLinksOfCustomer() {
    return this.get("unitLinksOfCustomer", () =>
      groupLoader(
        async (ids) => (await this.em()).find(CustomerUnit, { customer: { $in: [...ids] } }, { orderBy: { createdAt: "asc" } }),
        (l) => l.customer.id,
      ),
    );
  }
  get customerLinksOfUnit() {
    return this.get("customerLinksOfUnit", () =>
      groupLoader(
        async (ids) => (await this.em()).find(CustomerUnit, { unit: { $in: [...ids] } }, { orderBy: { createdAt: "asc" } }),
        (l) => l.unit.id,
      ),
    );
  }
  get unitCountOfProperty() {
    return this.get("unitCountOfProperty", () =>
      groupLoader(
        async (ids) =>
          (await this.em()).execute<{ property: string; count: number }[]>(
            "select property_id as property, count(*)::int as count from unit where tenant_id = ? and property_id in (?) group by property_id",
            [this.tenantId, ids],
          ),
        (r) => r.property,
      ),
    );
  }
}
