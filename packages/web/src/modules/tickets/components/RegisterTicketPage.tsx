import { useMutation, useQuery } from "@apollo/client/react";
import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { formErrorsOf, NO_ERRORS, type FormErrors } from "../../../apollo/form-errors";
import { Field } from "../../../common/components/Field";
import { FormAlert } from "../../../common/components/FormErrors";
import { wallTimeToIso } from "../../../common/format";
import type { Channel, Severity, TicketType } from "../../../gql/graphql";
import { useSession } from "../../session/hooks/session";
import { REGISTER_OPTIONS, REGISTER_TICKET } from "../graphql/tickets";
import { CHANNELS, SEVERITIES_BY_TYPE, TICKET_TYPES } from "../utils/severity";
import { CustomerPicker, type CustomerChoice } from "./CustomerPicker";
import { DeadlinePreview } from "./DeadlinePreview";
import { UnitPicker } from "./UnitPicker";

const FIELDS = new Set([
  "type",
  "channel",
  "severity",
  "officeId",
  "customerId",
  "unitId",
  "anonymous",
  "contactName",
  "contactPhone",
  "content",
  "receivedAt",
  "complainantCount",
]);

/** 客户诉求登记表: what the regulations ask staff to record, with the promised deadlines shown before saving. */
export function RegisterTicketPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { viewer, capabilities } = useSession();
  const zone = viewer.tenant.timeZone;
  const [type, setType] = useState<TicketType>("COMPLAINT");
  const [channel, setChannel] = useState<Channel>("PHONE");
  const [severity, setSeverity] = useState<Severity | "">("");
  const [officeId, setOfficeId] = useState(capabilities.mustChooseOffice ? "" : (viewer.office?.id ?? ""));
  const [customer, setCustomer] = useState<CustomerChoice | null>(null);
  const [propertyId, setPropertyId] = useState("");
  const [building, setBuilding] = useState("");
  const [unitId, setUnitId] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [receivedAt, setReceivedAt] = useState("");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  // One key per filled-in form: a retried submission (double click, lost response) registers it once.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [register, { loading }] = useMutation(REGISTER_TICKET);
  const options = useQuery(REGISTER_OPTIONS, { variables: { officeId: officeId || null } });

  const severities = SEVERITIES_BY_TYPE[type];
  const receivedAtIso = useMemo(() => wallTimeToIso(receivedAt, zone), [receivedAt, zone]);
  const effectiveOffice = customer?.office.id ?? officeId;
  const properties = (options.data?.properties.nodes ?? []).filter((p) => !effectiveOffice || p.office.id === effectiveOffice);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = String(form.get(name) ?? "").trim();
      return value || null;
    };
    setErrors(NO_ERRORS);
    if (receivedAt && !receivedAtIso) {
      setErrors({ fields: { receivedAt: { message: "", reason: "VALIDATION_FAILED" } }, form: [] });
      return;
    }
    try {
      const { data } = await register({
        variables: {
          input: {
            type,
            channel,
            severity: severity || null,
            officeId: capabilities.mustChooseOffice ? officeId || null : null,
            customerId: anonymous ? null : (customer?.id ?? null),
            unitId: unitId || null,
            anonymous,
            contactName: anonymous ? null : text("contactName"),
            contactPhone: anonymous ? null : text("contactPhone"),
            content: String(form.get("content") ?? ""),
            receivedAt: receivedAtIso,
            complainantCount: form.get("complainantCount") === null ? 1 : Number(form.get("complainantCount")),
            idempotencyKey,
          },
        },
      });
      if (data) {
        setIdempotencyKey(crypto.randomUUID());
        navigate(`/tickets/${data.registerTicket.id}`, { state: { registered: data.registerTicket.number } });
      }
    } catch (error) {
      setErrors(formErrorsOf(error, FIELDS));
    }
  }

  const e = errors.fields;
  return (
    <section aria-labelledby="register-title" className="register">
      <h1 id="register-title">{t("register.title")}</h1>
      <div className="register__layout">
        <form className="card form" onSubmit={submit} noValidate aria-labelledby="register-title" data-testid="register-form">
          <FormAlert errors={errors.form} />
          <div className="field-row">
            <Field label={t("register.type")} error={e.type} name="type">
              {(c) => (
                <select
                  {...c}
                  value={type}
                  onChange={(ev) => {
                    setType(ev.target.value as TicketType);
                    setSeverity("");
                  }}
                >
                  {TICKET_TYPES.map((v) => (
                    <option key={v} value={v}>
                      {t(`enum.TicketType.${v}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t("register.channel")} error={e.channel} name="channel">
              {(c) => (
                <select {...c} value={channel} onChange={(ev) => setChannel(ev.target.value as Channel)}>
                  {CHANNELS.map((v) => (
                    <option key={v} value={v}>
                      {t(`enum.Channel.${v}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {severities.length > 0 && (
              <Field label={t("register.severity")} error={e.severity} name="severity">
                {(c) => (
                  <select {...c} value={severity} onChange={(ev) => setSeverity(ev.target.value as Severity | "")}>
                    <option value="">
                      {t("register.severityDefault")} ({t(`enum.Severity.${severities[0]}`)})
                    </option>
                    {severities.map((v) => (
                      <option key={v} value={v}>
                        {t(`enum.Severity.${v}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
          </div>
          {capabilities.mustChooseOffice && (
            <Field label={t("register.office")} error={e.officeId} name="officeId">
              {(c) => (
                <select
                  {...c}
                  value={officeId}
                  onChange={(ev) => {
                    setOfficeId(ev.target.value);
                    setPropertyId("");
                    setBuilding("");
                    setUnitId("");
                  }}
                >
                  <option value="">{t("register.chooseOffice")}</option>
                  {options.data?.offices.nodes.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <div className="field field--check">
            <input
              id="register-anonymous"
              type="checkbox"
              checked={anonymous}
              onChange={(ev) => setAnonymous(ev.target.checked)}
            />
            <label htmlFor="register-anonymous">{t("register.anonymous")}</label>
          </div>
          {!anonymous && (
            <>
              <CustomerPicker
                officeId={officeId || null}
                value={customer}
                onChange={(c) => {
                  setCustomer(c);
                  setUnitId(c?.units[0]?.unit.id ?? "");
                }}
              />
              {e.customerId && <FormAlert errors={[e.customerId]} />}
            </>
          )}
          {customer && !anonymous ? (
            <Field label={t("register.unit")} error={e.unitId} name="unitId">
              {(c) => (
                <select {...c} value={unitId} onChange={(ev) => setUnitId(ev.target.value)}>
                  <option value="">{t("register.noUnit")}</option>
                  {customer.units.map((u) => (
                    <option key={u.unit.id} value={u.unit.id}>
                      {u.unit.property.name} {u.unit.building}-{u.unit.number}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : (
            <UnitPicker
              properties={properties}
              propertyId={propertyId}
              onPropertyChange={(id) => {
                setPropertyId(id);
                setBuilding("");
                setUnitId("");
              }}
              building={building}
              onBuildingChange={(b) => {
                setBuilding(b);
                setUnitId("");
              }}
              unitId={unitId}
              onUnitChange={setUnitId}
              error={e.unitId}
            />
          )}
          {!anonymous && (
            <div className="field-row">
              <Field label={t("register.contactName")} error={e.contactName} name="contactName">
                {(c) => (
                  <input
                    {...c}
                    name="contactName"
                    defaultValue={customer?.name ?? ""}
                    key={customer?.id ?? "none"}
                    maxLength={100}
                  />
                )}
              </Field>
              <Field label={t("register.contactPhone")} error={e.contactPhone} name="contactPhone">
                {(c) => (
                  <input
                    {...c}
                    name="contactPhone"
                    type="tel"
                    defaultValue={customer?.phone ?? ""}
                    key={customer?.id ?? "none"}
                    maxLength={50}
                  />
                )}
              </Field>
            </div>
          )}
          <Field label={t("register.content")} error={e.content} name="content">
            {(c) => <textarea {...c} name="content" rows={4} required maxLength={5000} />}
          </Field>
          <div className="field-row">
            <Field label={t("register.receivedAt")} error={e.receivedAt} name="receivedAt" hint={viewer.tenant.timeZone}>
              {(c) => <input {...c} type="datetime-local" value={receivedAt} onChange={(ev) => setReceivedAt(ev.target.value)} />}
            </Field>
            {type === "COMPLAINT" && (
              <Field label={t("register.complainantCount")} error={e.complainantCount} name="complainantCount">
                {(c) => <input {...c} name="complainantCount" type="number" min={1} defaultValue={1} />}
              </Field>
            )}
          </div>
          <button type="submit" className="button button--primary" disabled={loading}>
            {loading ? t("register.saving") : t("register.submit")}
          </button>
        </form>
        <DeadlinePreview type={type} severity={severity || null} channel={channel} at={receivedAtIso} />
      </div>
    </section>
  );
}
