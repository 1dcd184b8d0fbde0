import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import type { ConnectionStatus, SocketState } from "./connection-status";

const ConnectionContext = createContext<ConnectionStatus | null>(null);

export function ConnectionProvider(props: { status: ConnectionStatus; children: ReactNode }) {
  return <ConnectionContext.Provider value={props.status}>{props.children}</ConnectionContext.Provider>;
}

/** The WebSocket's state, re-rendering on every change. */
export function useSocketState(): SocketState {
  const status = useContext(ConnectionContext);
  if (!status) throw new Error("useSocketState outside ConnectionProvider");
  return useSyncExternalStore(status.subscribe, status.snapshot);
}
