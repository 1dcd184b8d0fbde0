/** The state of the console's WebSocket to the API, for the connection indicator. */
export type SocketState = "idle" | "connecting" | "connected" | "closed";

type Listener = () => void;

/** A tiny external store (read with useSyncExternalStore) fed by graphql-ws client events. */
export class ConnectionStatus {
  private state: SocketState = "idle";
  private lastCloseCode: number | null = null;
  private readonly listeners = new Set<Listener>();

  get current(): SocketState {
    return this.state;
  }

  get closeCode(): number | null {
    return this.lastCloseCode;
  }

  set(state: SocketState, closeCode?: number): void {
    if (closeCode !== undefined) this.lastCloseCode = closeCode;
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): SocketState => this.state;
}
