import { useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import { useDebouncedValue } from "../../../common/use-debounced-value";
import { useTranslation } from "react-i18next";
import type { CustomerSearchQuery } from "../../../gql/graphql";
import { CUSTOMER_SEARCH } from "../graphql/tickets";

export type CustomerChoice = CustomerSearchQuery["customers"]["nodes"][number];

/** Finds a customer by name or telephone; the choice is a radio group, so it works by keyboard. */
export function CustomerPicker(props: {
  officeId: string | null;
  value: CustomerChoice | null;
  onChange: (c: CustomerChoice | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState("");
  const deferred = useDebouncedValue(search.trim());
  const { data } = useQuery(CUSTOMER_SEARCH, {
    variables: { search: deferred, officeId: props.officeId },
    skip: deferred.length < 1,
  });
  const results = deferred ? (data?.customers.nodes ?? []) : [];
  return (
    <fieldset className="customer-picker">
      <legend>{t("register.customer")}</legend>
      <label htmlFor={`${id}-search`}>{t("register.customerSearch")}</label>
      <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
      <div className="customer-picker__results" role="radiogroup" aria-label={t("register.customer")}>
        <label className="radio">
          <input type="radio" name={`${id}-customer`} checked={!props.value} onChange={() => props.onChange(null)} />
          {t("register.noCustomer")}
        </label>
        {props.value && !results.some((c) => c.id === props.value!.id) && (
          <label className="radio">
            <input type="radio" name={`${id}-customer`} checked onChange={() => undefined} />
            {props.value.name} {props.value.phone}
          </label>
        )}
        {results.map((c) => (
          <label key={c.id} className="radio">
            <input type="radio" name={`${id}-customer`} checked={props.value?.id === c.id} onChange={() => props.onChange(c)} />
            {c.name} {c.phone} · {c.office.name}
            {c.units.length
              ? ` · ${c.units.map((u) => `${u.unit.property.name} ${u.unit.building}-${u.unit.number}`).join("、")}`
              : ""}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
