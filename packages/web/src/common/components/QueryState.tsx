import type { ErrorLike } from "@apollo/client";
import { useTranslation } from "react-i18next";

/** Loading and error states of a query, announced politely. */
export function QueryState(props: { loading?: boolean; error?: ErrorLike; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (props.error) {
    return (
      <div className="alert" role="alert">
        {t("errors.generic", { message: props.error.message })}{" "}
        {props.onRetry && (
          <button type="button" className="button" onClick={props.onRetry}>
            {t("app.retry")}
          </button>
        )}
      </div>
    );
  }
  if (props.loading) {
    return (
      <p className="loading" role="status">
        {t("app.loading")}
      </p>
    );
  }
  return null;
}
