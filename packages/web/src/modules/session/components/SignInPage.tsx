import { useMutation } from "@apollo/client/react";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formErrorsOf, NO_ERRORS, type FormErrors } from "../../../apollo/form-errors";
import { ErrorText, FormAlert } from "../../../common/components/FormErrors";
import { LanguageSwitch } from "../../../common/components/LanguageSwitch";
import { LOGIN } from "../graphql/session";

const FIELDS = new Set(["tenantSlug", "email", "password"]);

export function SignInPage(props: { onSignedIn: (token: string) => void; notice?: string | null }) {
  const { t } = useTranslation();
  const [login, { loading }] = useMutation(LOGIN);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const id = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setErrors(NO_ERRORS);
    try {
      const { data } = await login({
        variables: {
          tenantSlug: String(form.get("tenantSlug") ?? "").trim(),
          email: String(form.get("email") ?? "").trim(),
          password: String(form.get("password") ?? ""),
        },
      });
      if (data) props.onSignedIn(data.login.token);
    } catch (error) {
      setErrors(formErrorsOf(error, FIELDS));
    }
  }

  return (
    <div className="sign-in">
      <header className="sign-in__header">
        <h1>{t("app.name")}</h1>
        <LanguageSwitch />
      </header>
      <main id="content">
        <form className="card sign-in__form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
          <h2 id={`${id}-title`}>{t("signIn.title")}</h2>
          {props.notice && (
            <p className="notice" role="status">
              {props.notice}
            </p>
          )}
          <FormAlert errors={errors.form} title={t("signIn.failed")} />
          <div className="field">
            <label htmlFor={`${id}-tenant`}>{t("signIn.tenant")}</label>
            <input
              id={`${id}-tenant`}
              name="tenantSlug"
              autoComplete="organization"
              required
              defaultValue="huaxia"
              aria-describedby={`${id}-tenant-hint`}
            />
            <small id={`${id}-tenant-hint`}>{t("signIn.tenantHint")}</small>
            <ErrorText id={`${id}-tenant-error`} error={errors.fields.tenantSlug} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-email`}>{t("signIn.email")}</label>
            <input id={`${id}-email`} name="email" type="email" autoComplete="username" required />
            <ErrorText id={`${id}-email-error`} error={errors.fields.email} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t("signIn.password")}</label>
            <input id={`${id}-password`} name="password" type="password" autoComplete="current-password" required />
            <ErrorText id={`${id}-password-error`} error={errors.fields.password} />
          </div>
          <button type="submit" className="button button--primary" disabled={loading}>
            {t("signIn.submit")}
          </button>
        </form>
      </main>
    </div>
  );
}
