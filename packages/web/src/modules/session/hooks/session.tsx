import { useQuery } from "@apollo/client/react";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { createFormatters, type Formatters } from "../../../common/format";
import type { ViewerQuery } from "../../../gql/graphql";
import { VIEWER } from "../graphql/session";
import { capabilitiesOf, type Capabilities } from "../utils/capabilities";

export type Viewer = ViewerQuery["me"];

const TOKEN_KEY = "psp.token";

/** The token lives for the browser tab's session (sessionStorage): closing the tab signs out. */
export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

interface SessionValue {
  viewer: Viewer;
  capabilities: Capabilities;
  signOut: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside a signed-in page");
  return value;
}

/** Formatters in the console's language and the group's time zone. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const zone = useContext(SessionContext)?.viewer.tenant.timeZone ?? "Asia/Shanghai";
  return useMemo(() => createFormatters(i18n.language, zone), [i18n.language, zone]);
}

/** Loads who is signed in (with the token in the store) and provides it to the pages below. */
export function SessionProvider(props: { children: ReactNode; loading: ReactNode; onSignOut: () => void }) {
  const { data, error } = useQuery(VIEWER, { fetchPolicy: "network-only" });
  const { onSignOut } = props;
  const value = useMemo<SessionValue | null>(
    () =>
      data?.me
        ? {
            viewer: data.me,
            capabilities: capabilitiesOf(data.me.role, data.me.seesAllOffices, data.me.readOnly),
            signOut: onSignOut,
          }
        : null,
    [data, onSignOut],
  );
  if (error && !data) return <p role="alert">{error.message}</p>;
  if (!value) return <>{props.loading}</>;
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}
