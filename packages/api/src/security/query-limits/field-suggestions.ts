/**
 * graphql-js helpfully suggests names ("Did you mean "tickets"?", "Did you mean the enum value "REPAIR"?"),
 * which lets anyone map the schema by guessing. Callers who have not signed in get the message without it.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, "").trim();
}
