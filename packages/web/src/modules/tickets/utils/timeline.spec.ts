import { describe, expect, it } from "vitest";
import { createFormatters } from "../../../common/format";
import { zhCN } from "../../../i18n/zh-CN";
import { describeChange } from "./timeline";

const lookup = (key: string): string | undefined =>
  key.split(".").reduce<any>((o, k) => (o && typeof o === "object" ? o[k] : undefined), zhCN);
const t = (key: string) => lookup(key) ?? key;
const exists = (key: string) => typeof lookup(key) === "string";
const f = createFormatters("zh-CN", "Asia/Shanghai");

describe("describeChange", () => {
  it("successful: names the field and translates enum values", () => {
    expect(describeChange({ field: "status", from: "NEW", to: "ASSIGNED" }, t, exists, f)).toEqual({
      label: "状态",
      from: "登记",
      to: "已派单",
    });
  });

  it("successful: shows instants in the group's time zone", () => {
    expect(describeChange({ field: "resolveDueAt", from: null, to: "2026-12-02T16:00:00.000Z" }, t, exists, f)).toEqual({
      label: "处理时限",
      from: "—",
      to: "2026/12/03 00:00",
    });
  });

  it("failing: an internal id change is left out; an unknown field keeps its name", () => {
    expect(
      describeChange({ field: "assigneeId", from: null, to: "0b6f1c1e-8a6b-4b8e-9a55-2b0e1f6b9a01" }, t, exists, f),
    ).toBeNull();
    expect(describeChange({ field: "somethingNew", from: "1", to: "2" }, t, exists, f)).toEqual({
      label: "somethingNew",
      from: "1",
      to: "2",
    });
  });
});
