import { inject } from "vitest";
import { gqlClient, ok, type TestApi } from "../../../api/test/harness/api";
import { login } from "../../../api/test/harness/tenant-fixture";
import { DEMO_PASSWORD } from "../../../api/src/seeders/demo-data";

export { DEMO_PASSWORD };

/** Another session: GraphQL straight to the API the console talks to, as a second user would send it. */
export function demoApi(): Pick<TestApi, "gql"> & { origin: string } {
  const origin = inject("consoleOrigin");
  return { origin, gql: gqlClient(`${origin}/graphql`).gql };
}

export async function demoLogin(email: string): Promise<string> {
  return login(demoApi() as unknown as TestApi, "huaxia", email, DEMO_PASSWORD);
}

export async function as<T = any>(token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  return ok(await demoApi().gql<T>(query, variables, { token }));
}

/** Registers a request as the given staff member; returns its number and id. */
export async function registerTicket(token: string, input: Record<string, unknown>): Promise<{ id: string; number: string }> {
  return (
    await as<{ registerTicket: { id: string; number: string } }>(
      token,
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { id number } }`,
      { i: input },
    )
  ).registerTicket;
}
