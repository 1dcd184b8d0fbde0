import { describe, expect, it } from "vitest";
import { SettledLoader } from "./settled-loader";

const counting = () => {
  const batches: string[][] = [];
  const loader = new SettledLoader<string, string | null>(async (keys) => {
    batches.push([...keys]);
    return keys.map((k) => (k === "missing" ? null : k === "broken" ? new Error("no") : k.toUpperCase()));
  });
  return { loader, batches };
};

describe("SettledLoader", () => {
  it("answers with a promise before its batch and with the plain value after it", async () => {
    const { loader } = counting();
    const first = loader.now("a");
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toBe("A");
    expect(loader.now("a")).toBe("A");
  });

  it("warms many keys in one batch, after which every read is synchronous, found or not", async () => {
    const { loader, batches } = counting();
    await loader.warm(["a", "b", "a", "missing"]);
    expect(batches).toEqual([["a", "b", "missing"]]);
    expect([loader.now("a"), loader.now("b"), loader.now("missing")]).toEqual(["A", "B", null]);
    await loader.warm(["a", "b"]);
    expect(batches).toHaveLength(1);
  });

  it("does not remember errors: the key still fails through DataLoader", async () => {
    const { loader } = counting();
    await loader.warm(["broken"]);
    const read = loader.now("broken");
    expect(read).toBeInstanceOf(Promise);
    await expect(read).rejects.toThrow("no");
  });

  it("forgets what is cleared and remembers what is primed", async () => {
    const { loader, batches } = counting();
    await loader.warm(["a"]);
    loader.clear("a");
    expect(loader.now("a")).toBeInstanceOf(Promise);
    loader.prime("p", "primed");
    expect(loader.now("p")).toBe("primed");
    loader.clearAll();
    const again = loader.now("p");
    expect(again).toBeInstanceOf(Promise);
    expect(await again).toBe("P");
    expect(batches.flat()).toContain("p");
  });
});
