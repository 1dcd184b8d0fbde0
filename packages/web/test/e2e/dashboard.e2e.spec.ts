import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, demoApi, demoLogin, DEMO_PASSWORD } from "./api-client";
import { launchBrowser, newPage, screenshot, seriousA11yViolations, signIn } from "./browser";

let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  ({ browser, close: closeBrowser } = await launchBrowser());
});
afterAll(async () => closeBrowser?.());

const DEMO_OFFICES = ["翠湖管理处", "金桂管理处", "银杏管理处", "海景管理处", "枫林管理处", "滨江管理处"];

describe("head-office dashboard", () => {
  it("successful: a head-office manager sees every demo office compared, below-target offices marked, and charts", async () => {
    const { origin } = demoApi();
    const { page, context, errors } = await newPage(browser);
    await signIn(page, origin, "manager@huaxia.demo", DEMO_PASSWORD);
    await page.waitForURL(/\/dashboard/);
    const table = page.getByTestId("comparison-table");
    await table.waitFor();
    const offices = await table.locator("tbody th[scope=row]").allTextContents();
    expect(offices.sort()).toEqual([...DEMO_OFFICES].sort());

    // The offices marked below target are the ones the API says are (for the period chosen in the picker).
    await page.getByRole("button", { name: "近六个月" }).click();
    await page.waitForURL(/from=/);
    const url = new URL(page.url());
    const token = await demoLogin("manager@huaxia.demo");
    const { officeComparison } = await as<{ officeComparison: { rows: { office: { name: string }; belowTarget: string[] }[] } }>(
      token,
      `query($f: LocalDate!, $t: LocalDate!) { officeComparison(from: $f, to: $t) { rows { office { name } belowTarget } } }`,
      { f: url.searchParams.get("from"), t: url.searchParams.get("to") },
    );
    const belowInApi = officeComparison.rows.filter((r) => r.belowTarget.length).map((r) => r.office.name);
    expect(belowInApi.length).toBeGreaterThan(0);
    await expect
      .poll(async () => (await table.locator("tbody tr.is-below-target th").allTextContents()).sort())
      .toEqual(belowInApi.sort());
    expect(await table.locator("td.is-below").count()).toBeGreaterThan(0);
    expect(await table.locator("td.is-below").first().textContent()).toContain("未达标");

    // Charts drawn: bars per office, a trend line per office, the competency top five.
    await page.getByTestId("chart-office-bars").locator(".recharts-bar-rectangle").first().waitFor();
    expect(await page.getByTestId("chart-office-bars").locator(".recharts-bar-rectangle").count()).toBeGreaterThanOrEqual(
      DEMO_OFFICES.length,
    );
    await page.getByTestId("chart-trend").locator(".recharts-line").first().waitFor();
    expect(await page.getByTestId("chart-trend").locator(".recharts-line").count()).toBe(DEMO_OFFICES.length);
    await page.getByTestId("chart-competency").locator(".recharts-bar-rectangle").first().waitFor();

    await screenshot(page, "dashboard");
    // Keyboard: on a freshly loaded page the first Tab reaches the skip link, which moves focus to the content.
    await page.reload();
    await table.waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("跳到主要内容");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("content");
    const violations = await seriousA11yViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("successful: the table sorts by a column, exports as CSV, and drills down into one office", async () => {
    const { origin } = demoApi();
    const { page, context } = await newPage(browser);
    await signIn(page, origin, "manager@huaxia.demo", DEMO_PASSWORD);
    const table = page.getByTestId("comparison-table");
    await table.waitFor();

    await table.getByRole("button", { name: "收缴率" }).click();
    await expect.poll(() => table.locator("th", { hasText: "收缴率" }).getAttribute("aria-sort")).toBe("ascending");
    // Ascending: the lowest collection first (银杏 lags in the demo data).
    expect(await table.locator("tbody tr").first().locator("th").textContent()).toBe("银杏管理处");
    await table.getByRole("button", { name: "收缴率" }).click();
    await expect.poll(() => table.locator("th", { hasText: "收缴率" }).getAttribute("aria-sort")).toBe("descending");
    expect(await table.locator("tbody tr").last().locator("th").textContent()).toBe("银杏管理处");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "导出 CSV" }).first().click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toContain("管理处,满意率,回访率,收缴率");
    for (const office of DEMO_OFFICES) expect(csv).toContain(office);

    await page.getByRole("link", { name: "查看银杏管理处详情" }).click();
    await page.waitForURL(/\/offices\//);
    await expect.poll(() => page.locator("h1").textContent()).toBe("银杏管理处");
    await page.getByRole("heading", { name: "按月统计" }).waitFor();
    await expect.poll(() => page.locator("table").first().locator("tbody tr").count()).toBeGreaterThan(3);
    await page.getByTestId("chart-trend").locator(".recharts-line").first().waitFor();
    await screenshot(page, "office-drilldown");
    await context.close();
  });
});
