import { useState, type FormEvent } from "react";

interface TicketRow {
  id: string;
  number: string;
  type: string;
  status: string;
  content: string;
  resolveDueAt: string | null;
  resolveOverdue: boolean;
  office: { name: string };
}

interface Viewer {
  role: string | null;
  staff: { name: string } | null;
  tenant: { name: string };
  office: { name: string } | null;
}

async function graphql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors[0]!.message);
  return body.data as T;
}

/**
 * Placeholder console: signs in and shows who you are. The full console (dashboards, live board, ticket
 * forms) replaces it in the web-console issue.
 */
export function App() {
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [tickets, setTickets] = useState<TicketRow[]>([]);
  const [error, setError] = useState<string | null>(null);

  async function signIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      const { login } = await graphql<{ login: { token: string } }>(
        `
          mutation ($s: String!, $e: String!, $p: String!) {
            login(tenantSlug: $s, email: $e, password: $p) {
              token
            }
          }
        `,
        { s: form.get("tenant"), e: form.get("email"), p: form.get("password") },
      );
      const { me, tickets } = await graphql<{ me: Viewer; tickets: { nodes: TicketRow[] } }>(
        `
          {
            me {
              role
              staff {
                name
              }
              tenant {
                name
              }
              office {
                name
              }
            }
            tickets(first: 20) {
              nodes {
                id
                number
                type
                status
                content
                resolveDueAt
                resolveOverdue
                office {
                  name
                }
              }
            }
          }
        `,
        {},
        login.token,
      );
      setViewer(me);
      setTickets(tickets.nodes);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 960, margin: "4rem auto", lineHeight: 1.5 }}>
      <h1>物业服务平台</h1>
      {viewer ? (
        <>
          <p>
            {viewer.staff?.name} · {viewer.role} · {viewer.office?.name} · {viewer.tenant.name}
          </p>
          <table>
            <caption>最新诉求 Latest requests</caption>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">类型</th>
                <th scope="col">状态</th>
                <th scope="col">管理处</th>
                <th scope="col">内容</th>
                <th scope="col">处理时限</th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((t) => (
                <tr key={t.id} style={t.resolveOverdue ? { color: "#b00020" } : undefined}>
                  <td>{t.number}</td>
                  <td>{t.type}</td>
                  <td>{t.status}</td>
                  <td>{t.office.name}</td>
                  <td>{t.content}</td>
                  <td>
                    {t.resolveDueAt ? new Date(t.resolveDueAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <form onSubmit={signIn} aria-label="登录 Sign in">
          <p>
            <label>
              集团 Group <input name="tenant" defaultValue="huaxia" required />
            </label>
          </p>
          <p>
            <label>
              邮箱 Email <input name="email" type="email" defaultValue="admin@huaxia.demo" required />
            </label>
          </p>
          <p>
            <label>
              密码 Password <input name="password" type="password" required />
            </label>
          </p>
          <button type="submit">登录 Sign in</button>
          {error && <p role="alert">{error}</p>}
        </form>
      )}
    </main>
  );
}
