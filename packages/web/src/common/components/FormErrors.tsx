import { useTranslation } from "react-i18next";
import type { FieldError } from "../../apollo/form-errors";

/** The API's message in the console's language when its reason is known, else as the API wrote it. */
export function useErrorMessage(): (error: FieldError) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    if (error.code === "NETWORK") return t("errors.network");
    const key = `errors.${error.reason}`;
    return error.reason && i18n.exists(key) ? t(key) : error.message;
  };
}

/** A field's error, next to it (referenced by the input's aria-describedby). */
export function ErrorText(props: { id: string; error: FieldError | undefined }) {
  const message = useErrorMessage();
  if (!props.error) return null;
  return (
    <p id={props.id} className="field__error" role="alert">
      {message(props.error)}
    </p>
  );
}

/** Errors that belong to no single field. */
export function FormAlert(props: { errors: FieldError[]; title?: string }) {
  const message = useErrorMessage();
  if (!props.errors.length) return null;
  return (
    <div className="alert" role="alert">
      {props.title && <strong>{props.title}: </strong>}
      {props.errors.map((e, i) => (
        <span key={i}>{message(e)} </span>
      ))}
    </div>
  );
}
