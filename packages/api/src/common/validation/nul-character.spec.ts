import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nulCharacterPath } from "./nul-character";

describe("nulCharacterPath", () => {
  it("finds U+0000 anywhere in an argument and says where", () => {
    expect(nulCharacterPath("a\u0000b")).toEqual([]);
    expect(nulCharacterPath({ name: "ok", units: [{ unitId: "x" }, { unitId: "\u0000" }] })).toEqual(["units", "1", "unitId"]);
    expect(nulCharacterPath(["ok", "fine"])).toBeNull();
    expect(nulCharacterPath(null)).toBeNull();
  });

  it("accepts any text without it", () => {
    const withoutNul = fc.jsonValue().filter((value) => !JSON.stringify(value).includes("\\u0000"));
    fc.assert(
      fc.property(withoutNul, (value) => {
        expect(nulCharacterPath(value)).toBeNull();
      }),
    );
  });
});
