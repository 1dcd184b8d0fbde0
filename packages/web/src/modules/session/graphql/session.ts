import { graphql } from "../../../gql";

export const LOGIN = graphql(`
  mutation Login($tenantSlug: String!, $email: String!, $password: String!) {
    login(tenantSlug: $tenantSlug, email: $email, password: $password) {
      token
      expiresAt
    }
  }
`);

export const VIEWER = graphql(`
  query Viewer {
    me {
      kind
      role
      seesAllOffices
      readOnly
      staff {
        id
        name
        email
      }
      office {
        id
        name
        kind
      }
      tenant {
        id
        name
        slug
        timeZone
      }
    }
  }
`);
