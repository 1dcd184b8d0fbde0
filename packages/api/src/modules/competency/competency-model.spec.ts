import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../config";
import { compositeScore, defaultCompetencyModel, modelProblems, topFive } from "./competency-model";

const model = defaultCompetencyModel();

describe("the competency model", () => {
  it("is the shared domain file, unchanged (when the shared folder is present)", () => {
    const shared = path.join(REPO_ROOT, "../shared/domain/competency-model.json");
    if (!existsSync(shared)) return;
    expect(readFileSync(path.join(__dirname, "competency-model.json"), "utf8")).toBe(readFileSync(shared, "utf8"));
  });

  it("the default has 11 indicators in 3 groups whose combined weights sum to 100, and is valid", () => {
    expect(model).toHaveLength(11);
    expect(new Set(model.map((i) => i.groupCode)).size).toBe(3);
    expect(modelProblems(model)).toEqual([]);
  });

  it("the top five by combined weight are the ones DESIGN names", () => {
    expect(topFive(model).map((i) => [i.code, i.combinedWeight])).toEqual([
      ["INTERPERSONAL_COMMUNICATION", 11.55],
      ["REFLECTIVE_PRACTICE", 10.38],
      ["UNDERSTANDING_NEEDS", 10.35],
      ["SELF_MANAGEMENT", 10.1],
      ["SOLUTION_PROVISION", 9.98],
    ]);
  });

  it("failing: weights that do not add up, or an indicator without weight, are named", () => {
    const broken = model.map((i) => (i.code === "TEAMWORK" ? { ...i, combinedWeight: 0, weightInGroup: 0 } : i));
    const problems = modelProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        "indicator TEAMWORK has no weight",
        "combined weights add up to 92.89, not 100",
        "weights within group SERVICE add up to 78.76, not 100",
      ]),
    );
  });

  it("composite score: all 5s give 100, all 1s give 20, and it grows with any rating (property)", () => {
    expect(compositeScore(model, new Map(model.map((i) => [i.code, 5])))).toBeCloseTo(100, 6);
    expect(compositeScore(model, new Map(model.map((i) => [i.code, 1])))).toBeCloseTo(20, 6);
    expect(compositeScore(model, new Map())).toBeNull();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 11, maxLength: 11 }), fc.nat(10), (ratings, which) => {
        const base = new Map(model.map((i, k) => [i.code, ratings[k]!]));
        const score = compositeScore(model, base)!;
        expect(score).toBeGreaterThanOrEqual(20 - 1e-9);
        expect(score).toBeLessThanOrEqual(100 + 1e-9);
        const code = model[which]!.code;
        if (base.get(code)! < 5)
          expect(compositeScore(model, new Map([...base, [code, base.get(code)! + 1]]))!).toBeGreaterThan(score);
      }),
    );
  });
});
