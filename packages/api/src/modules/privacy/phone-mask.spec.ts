import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MASK, maskPhone } from "./phone-mask";

const digitsOf = (s: string) => s.replace(/\D/g, "");

describe("maskPhone", () => {
  it.each([
    ["13812341234", "138****1234"],
    ["138 1234 1234", "138****1234"],
    ["138-1234-1234", "138****1234"],
    ["+86 138 1234 1234", "+86 138****1234"],
    ["008613812341234", "0086 138****1234"],
    ["8613812341234", "+86 138****1234"],
    ["0755-88881234", "075****1234"],
    ["(010) 6512 3456", "010****3456"],
    ["88881234", "****1234"],
    ["8001", MASK],
    ["", MASK],
    ["call me", MASK],
  ])("%j is shown as %j", (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it("never shows more than seven digits of the number, always hides at least four, and always shows the mask", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789 -+()x#abc"), maxLength: 40 }), (phone) => {
        const masked = maskPhone(phone);
        const shown = digitsOf(masked.replace(/^(\+|00)86 /, ""));
        expect(masked).toContain(MASK);
        expect(shown.length).toBeLessThanOrEqual(7);
        expect(digitsOf(phone).length - shown.length).toBeGreaterThanOrEqual(Math.min(4, digitsOf(phone).length));
        // Only characters of a masked number, never letters or other text from the input.
        expect(masked).toMatch(/^(\+86 |0086 )?\d{0,3}\*{4}\d{0,4}$/);
      }),
    );
  });

  it("keeps exactly the first three and last four digits of any Chinese mobile", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (mobile) => {
        expect(maskPhone(mobile)).toBe(`${mobile.slice(0, 3)}****${mobile.slice(7)}`);
      }),
    );
  });
});
