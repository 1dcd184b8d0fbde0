import { lazy, Suspense, useCallback, useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes } from "react-router";
import type { ConsoleClient } from "./apollo/client";
import { ConnectionProvider } from "./apollo/use-connection";
import { Layout } from "./common/components/Layout";
import { BoardPage } from "./modules/board/components/BoardPage";
import { SignInPage } from "./modules/session/components/SignInPage";
import { SessionProvider, tokenStore, useSession } from "./modules/session/hooks/session";
import { homePath } from "./modules/session/utils/capabilities";
import { SpotChecksPage } from "./modules/spot-checks/components/SpotChecksPage";
import { RegisterTicketPage } from "./modules/tickets/components/RegisterTicketPage";
import { TicketListPage } from "./modules/tickets/components/TicketListPage";
import { TicketPage } from "./modules/tickets/components/TicketPage";

// The dashboard pages carry the charts library: load them only for those who open them.
const DashboardPage = lazy(() => import("./modules/dashboard/components/DashboardPage"));
const OfficePage = lazy(() => import("./modules/dashboard/components/OfficePage"));

/** Signed out: the sign-in page. Signed in: the console, with pages by role. */
export function App(props: { client: ConsoleClient; sessionEnded: EventTarget }) {
  const { t } = useTranslation();
  const [token, setToken] = useState(tokenStore.get());
  const [notice, setNotice] = useState<string | null>(null);
  const { client } = props;

  const signOut = useCallback(() => {
    tokenStore.clear();
    setToken(null);
    void client.reset();
  }, [client]);

  useEffect(() => {
    const ended = () => {
      if (!tokenStore.get()) return;
      setNotice(t("signIn.sessionEnded"));
      signOut();
    };
    props.sessionEnded.addEventListener("ended", ended);
    return () => props.sessionEnded.removeEventListener("ended", ended);
  }, [props.sessionEnded, signOut, t]);

  if (!token) {
    return (
      <SignInPage
        notice={notice}
        onSignedIn={(newToken) => {
          tokenStore.set(newToken);
          setNotice(null);
          setToken(newToken);
        }}
      />
    );
  }
  return (
    <ConnectionProvider status={props.client.connection}>
      <SessionProvider key={token} onSignOut={signOut} loading={<p role="status">{t("app.loading")}</p>}>
        <Layout>
          <Suspense fallback={<p role="status">{t("app.loading")}</p>}>
            <ConsoleRoutes />
          </Suspense>
        </Layout>
      </SessionProvider>
    </ConnectionProvider>
  );
}

function ConsoleRoutes() {
  const { viewer, capabilities } = useSession();
  const { t } = useTranslation();
  const only = (allowed: boolean, page: ReactNode) => (allowed ? page : <Navigate to="/" replace />);
  return (
    <Routes>
      <Route path="/" element={<Navigate to={homePath(viewer.role, viewer.seesAllOffices)} replace />} />
      <Route path="/dashboard" element={only(capabilities.compareOffices, <DashboardPage />)} />
      <Route path="/offices/:officeId" element={<OfficePage />} />
      <Route path="/board" element={<BoardPage />} />
      <Route path="/board/:officeId" element={<BoardPage />} />
      <Route path="/tickets" element={<TicketListPage />} />
      <Route path="/tickets/new" element={only(capabilities.registerTickets, <RegisterTicketPage />)} />
      <Route path="/tickets/:ticketId" element={<TicketPage />} />
      <Route path="/spot-checks" element={only(capabilities.spotCheck, <SpotChecksPage />)} />
      <Route path="*" element={<p>{t("app.notFound")}</p>} />
    </Routes>
  );
}
