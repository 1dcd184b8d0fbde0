import type { Loaders } from "../../context/loaders";

export const unitCountOfProperty = (loaders: Loaders) =>
  loaders.group(
    "property.unitCount",
    (em, ids, tenantId) =>
      em.execute<{ property: string; count: number }[]>(
        "select property_id as property, count(*)::int as count from unit where tenant_id = ? and property_id in (?) group by property_id",
        [tenantId, ids],
      ),
    (r) => r.property,
  );
