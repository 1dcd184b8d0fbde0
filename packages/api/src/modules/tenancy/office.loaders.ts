import type { Loaders } from "../../context/loaders";
import { Office } from "./office.entity";

export const childOffices = (loaders: Loaders) =>
  loaders.group(
    "office.children",
    (em, ids) => em.find(Office, { parent: { $in: ids } }, { orderBy: { code: "asc" } }),
    (o) => o.parent!.id,
  );
