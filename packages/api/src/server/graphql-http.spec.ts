import { describe, expect, it } from "vitest";
import { isGraphqlPath } from "./graphql-http";

describe("which requests are GraphQL's", () => {
  it.each(["/graphql", "/graphql?query=%7B__typename%7D", "/graphql/", "/graphql/?query=x"])("successful: %s", (url) => {
    expect(isGraphqlPath(url)).toBe(true);
  });

  it.each(["/", "/graphqlx", "/graphql-old", "/graphql/extra", "/health/ready", "/graphq", "", undefined])(
    "failing: %s is the site's, not GraphQL's",
    (url) => {
      expect(isGraphqlPath(url)).toBe(false);
    },
  );
});
