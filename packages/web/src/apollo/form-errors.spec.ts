import { describe, expect, it } from "vitest";
import { formErrorsFrom } from "./form-errors";

describe("formErrorsFrom", () => {
  it("successful: puts a domain rule's error next to the field it names", () => {
    const result = formErrorsFrom([
      {
        message: "The time received cannot be in the future.",
        extensions: { code: "BAD_USER_INPUT", reason: "RECEIVED_IN_FUTURE", field: ["input", "receivedAt"] },
      },
    ]);
    expect(result.fields.receivedAt).toEqual({
      message: "The time received cannot be in the future.",
      reason: "RECEIVED_IN_FUTURE",
      code: "BAD_USER_INPUT",
    });
    expect(result.form).toEqual([]);
  });

  it("successful: spreads a validation failure's problems over their fields, first message per field wins", () => {
    const result = formErrorsFrom([
      {
        message: "Invalid input: …",
        extensions: {
          code: "BAD_USER_INPUT",
          reason: "VALIDATION_FAILED",
          field: ["input", "content"],
          problems: [
            { field: ["input", "content"], message: "content must be longer than or equal to 1 characters" },
            { field: ["input", "content"], message: "second" },
            { field: ["input", "complainantCount"], message: "complainantCount must not be less than 1" },
          ],
        },
      },
    ]);
    expect(Object.keys(result.fields).sort()).toEqual(["complainantCount", "content"]);
    expect(result.fields.content!.message).toMatch(/longer than/);
  });

  it("failing: an error without a field, or for a field the form does not have, goes to the form", () => {
    const result = formErrorsFrom(
      [
        { message: "Your role does not allow this.", extensions: { code: "FORBIDDEN", reason: "ROLE_NOT_ALLOWED" } },
        { message: "Office?", extensions: { code: "BAD_USER_INPUT", field: ["input", "officeId"] } },
      ],
      new Set(["content"]),
    );
    expect(result.fields).toEqual({});
    expect(result.form.map((e) => e.code)).toEqual(["FORBIDDEN", "BAD_USER_INPUT"]);
  });
});
