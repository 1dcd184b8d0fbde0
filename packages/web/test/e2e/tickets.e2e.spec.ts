import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, demoApi, demoLogin, DEMO_PASSWORD } from "./api-client";
import { launchBrowser, newPage, screenshot, seriousA11yViolations, signIn } from "./browser";

let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  ({ browser, close: closeBrowser } = await launchBrowser());
});
afterAll(async () => closeBrowser?.());

const field = (page: Page, name: string) => page.locator(`[data-field="${name}"]`);

/** A wall time in the group's zone, as a datetime-local input takes it. */
function shanghaiWallTime(date: Date): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  })
    .format(date)
    .replace(" ", "T");
}

describe("ticket work", () => {
  it("successful: staff register a request through the form, seeing the promised deadlines before saving; a refused value is shown next to its field", async () => {
    const { origin } = demoApi();
    const { page, context, errors } = await newPage(browser);
    await signIn(page, origin, "jg.staff1@huaxia.demo", DEMO_PASSWORD);
    await page.getByRole("link", { name: "诉求登记" }).click();
    const form = page.getByTestId("register-form");
    await form.waitFor();

    // The deadlines of a general complaint by phone, as the API's policy computes them, before saving.
    const token = await demoLogin("jg.staff1@huaxia.demo");
    const expected = (
      await as(token, `{ ticketDeadlines(type: COMPLAINT, severity: GENERAL, channel: PHONE) { resolveDueAt hardLimitAt } }`)
    ).ticketDeadlines;
    const shown = (iso: string) =>
      new Intl.DateTimeFormat("zh-CN", {
        timeZone: "Asia/Shanghai",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }).format(new Date(iso));
    await expect.poll(() => page.getByTestId("deadline-resolve").textContent()).toBe(shown(expected.resolveDueAt));
    await expect.poll(() => page.getByTestId("deadline-hard").textContent()).toBe(shown(expected.hardLimitAt));
    // Another type, other deadlines: a minor repair must be resolved within 8 hours and has no reply step.
    await page.getByLabel("诉求类型").selectOption("REPAIR");
    await expect.poll(() => page.getByTestId("deadline-reply").textContent()).toBe("无固定时限");
    await page.getByLabel("诉求类型").selectOption("COMPLAINT");

    await page.getByLabel("诉求内容").fill("E2E：楼上装修噪音，晚上十点以后还在施工");
    // Received "tomorrow": the API refuses it, and the message stands next to that field.
    await page.getByLabel("受理时间（留空为现在）").fill(shanghaiWallTime(new Date(Date.now() + 26 * 3600_000)));
    await page.getByRole("button", { name: "登记" }).click();
    const receivedAtError = field(page, "receivedAt").locator(".field__error");
    await receivedAtError.waitFor();
    expect(await receivedAtError.textContent()).toContain("受理时间不能晚于现在");
    expect(await field(page, "receivedAt").locator("input").getAttribute("aria-invalid")).toBe("true");
    expect(await field(page, "content").locator(".field__error").count()).toBe(0);
    await screenshot(page, "register-field-error");
    const formViolations = await seriousA11yViolations(page);
    expect(formViolations, JSON.stringify(formViolations, null, 2)).toEqual([]);

    await page.getByLabel("受理时间（留空为现在）").fill("");
    await page.getByRole("button", { name: "登记" }).click();
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    const notice = await page.getByTestId("ticket-notice").textContent();
    const number = /JG-\d{8}-\d+/.exec(notice ?? "")?.[0];
    expect(number, notice ?? "").toBeTruthy();
    await expect.poll(() => page.getByTestId("timeline").textContent()).toContain("登记");

    // The registered request, as the API has it: this staff member is its first receiver.
    const saved = (
      await as(token, `query($n: String!) { ticketByNumber(number: $n) { content receiver { email } allowedActions } }`, {
        n: number,
      })
    ).ticketByNumber;
    expect(saved.content).toBe("E2E：楼上装修噪音，晚上十点以后还在施工");
    expect(saved.receiver.email).toBe("jg.staff1@huaxia.demo");

    // Only the actions the API allows this role now are offered.
    const offered = await page.locator("[data-action]").evaluateAll((els) => els.map((e) => e.getAttribute("data-action")));
    expect(offered.length).toBeGreaterThan(0);
    for (const action of offered) expect(saved.allowedActions).toContain(action);

    // Reply to the customer from the detail page: it lands in the timeline.
    await page.getByRole("button", { name: "答复", exact: true }).click();
    await page.getByLabel("答复客户").fill("已联系施工方，今晚起十点后停工。");
    await page.locator("#ticket-action-form").getByRole("button", { name: "答复" }).click();
    await expect.poll(() => page.getByTestId("timeline").textContent()).toContain("已联系施工方");
    await screenshot(page, "ticket-detail");
    const violations = await seriousA11yViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("successful: the console switches between 中文 and English, remembers it, and keeps times in the group's time zone", async () => {
    const { origin } = demoApi();
    const { page, context } = await newPage(browser);
    await signIn(page, origin, "jg.manager@huaxia.demo", DEMO_PASSWORD);
    await page.waitForURL(/\/board$/);
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "客户诉求" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");

    await page.getByLabel("语言").selectOption("en");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Requests" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.getByRole("heading", { name: /Live board/ }).waitFor();
    await page.getByRole("heading", { name: /^New \d+$/ }).waitFor();

    await page.reload();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Requests" }).waitFor();
    await page.getByRole("link", { name: "Requests" }).click();
    await page.getByRole("heading", { name: "Requests" }).waitFor();
    const received = await page.locator("tbody tr").first().locator("td").nth(4).textContent();
    // English dates, in the group's zone (month/day/year, 24-hour clock).
    expect(received).toMatch(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}$/);
    await page.getByLabel("Language").selectOption("zh-CN");
    await page.getByRole("heading", { name: "客户诉求" }).waitFor();
    await context.close();
  });

  it("failing: office roles are offered no dashboard and no spot checks; the head office is, and draws a sample", async () => {
    const { origin } = demoApi();
    const { page, context } = await newPage(browser);
    await page.goto(`${origin}/`);
    await page.getByRole("button", { name: "登录" }).waitFor();
    const signInViolations = await seriousA11yViolations(page);
    expect(signInViolations, JSON.stringify(signInViolations, null, 2)).toEqual([]);
    await signIn(page, origin, "bj.staff1@huaxia.demo", DEMO_PASSWORD);
    await page.waitForURL(/\/tickets$/);
    const nav = page.getByRole("navigation", { name: "主导航" });
    expect(await nav.getByRole("link").allTextContents()).toEqual(["实时看板", "客户诉求", "诉求登记"]);
    await page.goto(`${origin}/dashboard`);
    await page.waitForURL(/\/tickets$/);
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.getByRole("button", { name: "登录" }).waitFor();

    await signIn(page, origin, "quality@huaxia.demo", DEMO_PASSWORD);
    await page.waitForURL(/\/dashboard/);
    expect(await nav.getByRole("link").allTextContents()).toEqual(["总部看板", "实时看板", "客户诉求", "诉求登记", "回访抽查"]);
    await nav.getByRole("link", { name: "回访抽查" }).click();
    await page.getByLabel("抽查部门").selectOption("GENERAL_OFFICE");
    await page.getByRole("button", { name: "抽取" }).click();
    await page.getByText(/条已回访诉求中抽取/).waitFor({ timeout: 30_000 });
    await screenshot(page, "spot-checks");
    await context.close();
  });
});
