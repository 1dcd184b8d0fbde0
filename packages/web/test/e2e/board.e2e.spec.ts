import type { Browser, Page, WebSocket as PageSocket } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, demoApi, demoLogin, DEMO_PASSWORD, registerTicket } from "./api-client";
import { launchBrowser, newPage, screenshot, seriousA11yViolations, signIn } from "./browser";
import { TcpProxy } from "./tcp-proxy";

let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  ({ browser, close: closeBrowser } = await launchBrowser());
});
afterAll(async () => closeBrowser?.());

const lane = (page: Page, name: "newTickets" | "inProgress" | "overdue") => page.locator(`[data-lane="${name}"]`);
const card = (page: Page, number: string) => page.locator(`[data-ticket="${number}"]`);

/** Opens the manager's board and waits until it follows events live. */
async function openBoard(page: Page, origin: string, email: string): Promise<void> {
  await signIn(page, origin, email, DEMO_PASSWORD);
  await page.waitForURL(/\/board$/);
  await page.getByTestId("connection").and(page.locator('[data-state="live"]')).waitFor({ timeout: 30_000 });
  // Marks this document: a reload would lose it.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
}

const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

describe("office live board", () => {
  it("successful: a request registered in another session appears on the office manager's board without reload", async () => {
    const { origin } = demoApi();
    const { page, context, errors } = await newPage(browser);
    await openBoard(page, origin, "ch.manager@huaxia.demo");
    await expect.poll(() => page.locator("h1").textContent()).toContain("翠湖管理处");
    const staff = await demoLogin("ch.staff1@huaxia.demo");
    const ticket = await registerTicket(staff, {
      type: "COMPLAINT",
      channel: "PHONE",
      content: "E2E：地下车库照明损坏，晚上看不清",
    });

    await card(page, ticket.number).waitFor({ timeout: 20_000 });
    expect(await lane(page, "newTickets").locator(`[data-ticket="${ticket.number}"]`).count()).toBe(1);
    expect(await card(page, ticket.number).getAttribute("data-highlight")).toBe("arrived");
    await expect.poll(() => page.getByTestId("board-announcement").textContent()).toContain(ticket.number);
    expect(await notReloaded(page)).toBe(true);

    await screenshot(page, "board");
    const violations = await seriousA11yViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("successful: a request that passes its reply deadline moves to the overdue lane and is highlighted", async () => {
    const { origin } = demoApi();
    const { page, context } = await newPage(browser);
    await openBoard(page, origin, "fl.manager@huaxia.demo");
    const staff = await demoLogin("fl.staff1@huaxia.demo");
    // A telephone consultation must be answered within 15 minutes (default policy): received 14m40s ago,
    // its reply falls due in about 20 s and the API's overdue sweep marks it.
    const receivedAt = new Date(Date.now() - (14 * 60 + 40) * 1000).toISOString();
    const ticket = await registerTicket(staff, {
      type: "CONSULTATION",
      channel: "PHONE",
      content: "E2E：咨询停车月卡办理",
      receivedAt,
    });

    await card(page, ticket.number).waitFor({ timeout: 20_000 });
    const overdueCard = lane(page, "overdue").locator(`[data-ticket="${ticket.number}"]`);
    await overdueCard.waitFor({ timeout: 90_000 });
    expect(await overdueCard.getAttribute("data-highlight")).toBe("overdue");
    expect(await overdueCard.getAttribute("class")).toContain("ticket-card--overdue");
    expect(await lane(page, "newTickets").locator(`[data-ticket="${ticket.number}"]`).count()).toBe(0);
    expect(await overdueCard.textContent()).toContain("超时");
    // However long the lane, the card that just became overdue is scrolled into its view.
    await expect
      .poll(() =>
        overdueCard.evaluate((el: HTMLElement) => {
          const list = el.parentElement!;
          return el.offsetTop >= list.scrollTop && el.offsetTop + el.offsetHeight <= list.scrollTop + list.clientHeight + 1;
        }),
      )
      .toBe(true);
    expect(await notReloaded(page)).toBe(true);
    await screenshot(page, "board-overdue");
    await context.close();
  });

  it("successful: when the connection drops, the board says so, then resumes after the last sequence it saw, missing nothing and showing nothing twice", async () => {
    const { origin } = demoApi();
    const target = new URL(origin);
    const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port) });
    const proxied = await proxy.start();
    const { page, context } = await newPage(browser);
    const subscribes: { after: number | null }[] = [];
    page.on("websocket", (ws: PageSocket) => {
      ws.on("framesent", (frame) => {
        const message = JSON.parse(String(frame.payload)) as { type: string; payload?: { variables?: { after?: number } } };
        if (message.type === "subscribe") subscribes.push({ after: message.payload?.variables?.after ?? null });
      });
    });
    try {
      await openBoard(page, proxied, "hj.manager@huaxia.demo");
      const staff = await demoLogin("hj.staff1@huaxia.demo");
      const before = await registerTicket(staff, { type: "REPAIR", channel: "PHONE", content: "E2E：断线前 — 电梯按钮失灵" });
      await card(page, before.number).waitFor({ timeout: 20_000 });
      const seen = Number(await page.locator("[data-last-sequence]").getAttribute("data-last-sequence"));
      expect(seen).toBeGreaterThan(0);

      proxy.cut();
      await page.getByTestId("connection").and(page.locator('[data-state="reconnecting"]')).waitFor({ timeout: 20_000 });
      // Changes while the board is cut off: two new requests, and the first one assigned.
      const missedA = await registerTicket(staff, { type: "HELP", channel: "VISIT", content: "E2E：断线中 — 求助搬运" });
      const missedB = await registerTicket(staff, {
        type: "SUGGESTION",
        channel: "ONLINE",
        content: "E2E：断线中 — 建议增加垃圾桶",
      });
      const manager = await demoLogin("hj.manager@huaxia.demo");
      await as(
        manager,
        `mutation($id: ID!) { assignTicket(id: $id, input: { department: "工程部", instruction: "今天处理" }) { id } }`,
        {
          id: before.id,
        },
      );
      proxy.restore();

      await page.getByTestId("connection").and(page.locator('[data-state="live"]')).waitFor({ timeout: 45_000 });
      await card(page, missedA.number).waitFor({ timeout: 20_000 });
      await card(page, missedB.number).waitFor({ timeout: 20_000 });
      await lane(page, "inProgress").locator(`[data-ticket="${before.number}"]`).waitFor({ timeout: 20_000 });

      // Resumed from exactly the last sequence seen before the drop.
      expect(subscribes.length).toBeGreaterThanOrEqual(2);
      expect(subscribes.at(-1)!.after).toBeGreaterThanOrEqual(seen);
      expect(subscribes.some((s) => s.after === seen)).toBe(true);
      // Each request once, none twice anywhere on the board.
      for (const n of [before.number, missedA.number, missedB.number]) expect(await card(page, n).count()).toBe(1);
      const numbers = await page.locator("[data-ticket]").evaluateAll((els) => els.map((e) => e.getAttribute("data-ticket")));
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(await notReloaded(page)).toBe(true);
    } finally {
      await context.close();
      await proxy.stop();
    }
  });
});
