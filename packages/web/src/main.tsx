import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { createConsoleClient } from "./apollo/client";
import { App } from "./App";
import { initI18n } from "./i18n";
import { tokenStore } from "./modules/session/hooks/session";
import "./styles.css";

initI18n();
const sessionEnded = new EventTarget();
const client = createConsoleClient({
  getToken: tokenStore.get,
  onSessionEnded: () => sessionEnded.dispatchEvent(new Event("ended")),
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ApolloProvider client={client.apollo}>
      <BrowserRouter>
        <App client={client} sessionEnded={sessionEnded} />
      </BrowserRouter>
    </ApolloProvider>
  </StrictMode>,
);
