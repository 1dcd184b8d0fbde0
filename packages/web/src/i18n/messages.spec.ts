import { describe, expect, it } from "vitest";
import { en } from "./en";
import { zhCN } from "./zh-CN";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value === "string") return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
}

describe("translations", () => {
  it("successful: zh-CN and English have the same keys, and every text is filled in", () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
    for (const key of keys(zhCN)) {
      const value = key.split(".").reduce<any>((o, k) => o[k], zhCN);
      expect(value.trim(), key).not.toBe("");
    }
  });

  it("successful: both languages use the same placeholders in each text", () => {
    for (const key of keys(en)) {
      const get = (m: object) => key.split(".").reduce<any>((o, k) => o[k], m) as string;
      expect(placeholders(get(zhCN)), key).toEqual(placeholders(get(en)));
    }
  });
});
