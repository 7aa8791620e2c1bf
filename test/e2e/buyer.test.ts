import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../support/local-stack.ts";
import { publishedProduct } from "./admin-api.ts";
import { cspViolations, launchBrowser, screenshot } from "./browser.ts";

let stack: LocalStack;
let browser: Browser;
beforeAll(async () => {
	[stack, browser] = await Promise.all([startLocalStack(), launchBrowser()]);
});
afterAll(async () => {
	await browser?.close();
	await stack?.stop();
});

describe("a buyer in the browser", () => {
	it("buys, pays, downloads the exact package, and is refused a second use of a single-use product", async () => {
		const detail = await publishedProduct(stack, { topic: "urban beekeeping for beginners", download_limit: 1, price_cents: 1200 });
		const page = await browser.newPage({ acceptDownloads: true });

		await page.goto(`${stack.url}/`);
		await screenshot(page, "catalog");
		await page.getByRole("link", { name: detail.product.title }).first().click();
		await page.waitForURL(`**/products/${detail.product.slug}`);
		expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(detail.product.title);
		// The preview runs in a sandboxed frame: wait for its page before the screenshot.
		await page.frameLocator("iframe").locator("h1").waitFor();
		await screenshot(page, "product-page");

		await page.getByLabel(/email/i).fill("buyer@example.com");
		await page.getByRole("checkbox").check();
		await page.getByRole("button", { name: /buy/i }).click();
		await page.waitForURL("**/local-pay/**");
		await page.getByRole("button", { name: /pay/i }).click();
		await page.waitForURL("**/orders/**");
		const downloadButton = page.getByRole("button", { name: /download/i }).first();
		await downloadButton.waitFor({ timeout: 15_000 });
		await screenshot(page, "thank-you");
		const linkAction = await page.locator('form[action*="/download/"]').first().getAttribute("action");
		expect(linkAction).toMatch(/\/download\//);

		const [download] = await Promise.all([page.waitForEvent("download"), downloadButton.click()]);
		const path = await download.path();
		const bytes = readFileSync(path);
		expect(bytes.byteLength).toBe(detail.package?.size);
		expect(createHash("sha256").update(bytes).digest("hex")).toBe(detail.package?.sha256);
		expect(download.suggestedFilename()).toMatch(/\.zip$/);

		// The mailed link opened again after the one use was spent: a clear refusal.
		const second = await browser.newPage();
		const response = await second.goto(new URL(linkAction ?? "", stack.url).toString());
		expect(response?.status()).toBe(410);
		expect(await second.content()).toMatch(/download limit reached/i);
		await screenshot(second, "limit-reached");
		expect(cspViolations).toEqual([]);
	});
});
