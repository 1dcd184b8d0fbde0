import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("successful: quotes commas, quotes and new lines, and leaves empty cells for missing values", () => {
    const csv = toCsv(
      [
        { name: "翠湖管理处", rate: 0.97, note: 'says "hi", twice\nok' },
        { name: "银杏", rate: null, note: undefined },
      ],
      [
        { header: "管理处", value: (r) => r.name },
        { header: "满意率", value: (r) => r.rate },
        { header: "备注", value: (r) => r.note },
      ],
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual(["管理处,满意率,备注", '翠湖管理处,0.97,"says ""hi"", twice\nok"', "银杏,,"]);
  });
});
