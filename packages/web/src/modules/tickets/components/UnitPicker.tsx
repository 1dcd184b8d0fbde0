import { useQuery } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import { Field } from "../../../common/components/Field";
import type { FieldError } from "../../../apollo/form-errors";
import { PROPERTY_UNITS } from "../graphql/tickets";

/** Property → building → unit, for a request that names a unit but no customer. */
export function UnitPicker(props: {
  properties: { id: string; name: string }[];
  propertyId: string;
  onPropertyChange: (id: string) => void;
  unitId: string;
  onUnitChange: (id: string) => void;
  building: string;
  onBuildingChange: (b: string) => void;
  error?: FieldError;
}) {
  const { t } = useTranslation();
  const units = useQuery(PROPERTY_UNITS, { variables: { propertyId: props.propertyId }, skip: !props.propertyId });
  const all = units.data?.units.nodes ?? [];
  const buildings = [...new Set(all.map((u) => u.building))].sort((a, b) => a.localeCompare(b, "zh-CN", { numeric: true }));
  const inBuilding = all
    .filter((u) => u.building === props.building)
    .sort((a, b) => a.number.localeCompare(b.number, "zh-CN", { numeric: true }));
  return (
    <div className="field-row">
      <Field label={t("register.property")}>
        {(c) => (
          <select {...c} value={props.propertyId} onChange={(e) => props.onPropertyChange(e.target.value)}>
            <option value="">{t("register.noUnit")}</option>
            {props.properties.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("register.building")}>
        {(c) => (
          <select
            {...c}
            value={props.building}
            onChange={(e) => props.onBuildingChange(e.target.value)}
            disabled={!buildings.length}
          >
            <option value="">—</option>
            {buildings.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("register.unit")} error={props.error} name="unitId">
        {(c) => (
          <select {...c} value={props.unitId} onChange={(e) => props.onUnitChange(e.target.value)} disabled={!inBuilding.length}>
            <option value="">{t("register.chooseUnit")}</option>
            {inBuilding.map((u) => (
              <option key={u.id} value={u.id}>
                {u.number}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
