import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withoutSuggestions } from "./field-suggestions";

const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/);

describe("withoutSuggestions", () => {
  it("removes every form of graphql-js's suggestion and keeps the rest of the message", () => {
    fc.assert(
      fc.property(name, fc.array(name, { minLength: 1, maxLength: 5 }), (asked, suggested) => {
        const list = suggested.map((s) => `"${s}"`).join(", ");
        const base = `Cannot query field "${asked}" on type "Query".`;
        expect(withoutSuggestions(`${base} Did you mean ${list}?`)).toBe(base);
        const enumBase = `Value "${asked}" does not exist in "TicketType" enum.`;
        expect(withoutSuggestions(`${enumBase} Did you mean the enum value "${suggested[0]}"?`)).toBe(enumBase);
      }),
    );
  });

  it("leaves messages without a suggestion untouched", () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes("Did you mean") && s.trim() === s),
        (message) => {
          expect(withoutSuggestions(message)).toBe(message);
        },
      ),
    );
  });
});
