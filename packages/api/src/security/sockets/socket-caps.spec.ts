import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConnectionCaps } from "./socket-caps";

describe("connection caps", () => {
  it("never lets a caller hold more than the maximum, and every release frees exactly one slot (twice is once)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.record({ caller: fc.constantFrom("a", "b"), take: fc.boolean(), twice: fc.boolean() }), { maxLength: 60 }),
        (max, steps) => {
          const caps = new ConnectionCaps(max);
          const held: Record<string, (() => void)[]> = { a: [], b: [] };
          for (const step of steps) {
            if (step.take) {
              const release = caps.take(step.caller);
              expect(release === undefined).toBe(held[step.caller]!.length >= max);
              if (release) held[step.caller]!.push(release);
            } else {
              const release = held[step.caller]!.pop();
              release?.();
              if (step.twice) release?.();
            }
            for (const c of ["a", "b"]) expect(caps.countOf(c)).toBe(held[c]!.length);
          }
        },
      ),
    );
  });
});
