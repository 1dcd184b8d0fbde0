import type { MikroORM } from "@mikro-orm/postgresql";

interface RawConnection {
  query: (text: string, values?: unknown[]) => Promise<unknown>;
}

/**
 * Runs `fn` while holding a session-level advisory lock on a pooled connection of its own, so processes doing
 * the same one-off work on one database (instances starting together) take turns; the lock ends with the
 * connection should the process die. `fn` must not need more than the pool's other connections.
 */
export async function oneAtATime<T>(orm: MikroORM, lockKey: number, fn: () => Promise<T>): Promise<T> {
  const client = orm.em.getConnection().getKnex().client as {
    acquireConnection: () => Promise<RawConnection>;
    releaseConnection: (connection: RawConnection) => Promise<unknown>;
  };
  const connection = await client.acquireConnection();
  try {
    // Waiting for the turn lasts as long as the other's work: not bounded by the timeout meant for requests.
    await connection.query("set statement_timeout = 0");
    await connection.query("select pg_advisory_lock($1)", [lockKey]);
    try {
      return await fn();
    } finally {
      // Unlocked before the connection goes back to the pool, where the lock would otherwise stay held.
      await connection.query("select pg_advisory_unlock($1)", [lockKey]);
    }
  } finally {
    await connection.query("reset statement_timeout").catch(() => undefined);
    await client.releaseConnection(connection);
  }
}
