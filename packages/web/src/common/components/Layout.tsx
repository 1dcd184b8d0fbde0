import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { useSession } from "../../modules/session/hooks/session";
import { LanguageSwitch } from "./LanguageSwitch";

export function Layout(props: { children: ReactNode }) {
  const { t } = useTranslation();
  const { viewer, capabilities, signOut } = useSession();
  const links: { to: string; label: string; show: boolean }[] = [
    { to: "/dashboard", label: t("app.nav.dashboard"), show: capabilities.compareOffices },
    { to: "/board", label: t("app.nav.board"), show: true },
    { to: "/tickets", label: t("app.nav.tickets"), show: true },
    { to: "/tickets/new", label: t("app.nav.newTicket"), show: capabilities.registerTickets },
    { to: "/spot-checks", label: t("app.nav.spotChecks"), show: capabilities.spotCheck },
  ];
  return (
    <div className="layout">
      <a className="skip-link" href="#content">
        {t("app.skipToContent")}
      </a>
      <header className="topbar">
        <div className="topbar__brand">
          <span className="topbar__name">{t("app.name")}</span>
          <span className="topbar__tenant">{viewer.tenant.name}</span>
        </div>
        <nav aria-label={t("app.nav.main")}>
          <ul className="topbar__nav">
            {links
              .filter((l) => l.show)
              .map((l) => (
                <li key={l.to}>
                  <NavLink to={l.to} end={l.to === "/tickets"}>
                    {l.label}
                  </NavLink>
                </li>
              ))}
          </ul>
        </nav>
        <div className="topbar__user">
          <LanguageSwitch />
          <span className="topbar__who" data-testid="viewer">
            {viewer.staff?.name} · {viewer.role ? t(`enum.Role.${viewer.role}`) : ""}
            {viewer.office ? ` · ${viewer.office.name}` : ""}
          </span>
          <button type="button" className="button" onClick={signOut}>
            {t("app.signOut")}
          </button>
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        {props.children}
      </main>
    </div>
  );
}
