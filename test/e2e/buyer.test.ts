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

	it("buys a Korean product in Korean: Hangul pages, won prices, the Korean file name, then reads the store in English", async () => {
		const detail = await publishedProduct(stack, {
			topic: "초보자를 위한 사워도우 빵 굽기",
			languages: ["ko", "en"],
			price_cents: 9900,
			currency: "krw",
			download_limit: 3,
		});
		expect(detail.product.title).toMatch(/[가-힣]/);
		// A Korean browser: Accept-Language ko-KR, and Korean in every page that follows.
		const context = await browser.newContext({ acceptDownloads: true, locale: "ko-KR" });
		const page = await context.newPage();
		const lang = () => page.locator("html").getAttribute("lang");

		await page.goto(`${stack.url}/`);
		expect(await lang()).toBe("ko");
		await screenshot(page, "ko-catalog");
		await page.getByRole("link", { name: detail.product.title }).first().click();
		await page.waitForURL(/\/products\//);
		expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(detail.product.title);
		const main = (await page.textContent("main")) ?? "";
		expect(main).toContain("₩9,900");
		expect(main).toMatch(/한국어/);
		await page.frameLocator("iframe").locator("h1").waitFor();
		await screenshot(page, "ko-product-page");

		await page.locator('form.checkout-form input[name="email"]').fill("buyer.ko@example.com");
		await page.locator('form.checkout-form input[type="checkbox"]').check();
		await page.locator('form.checkout-form button[type="submit"]').click();
		await page.waitForURL("**/local-pay/**");
		expect(await lang()).toBe("ko");
		expect((await page.textContent("main")) ?? "").toContain("₩9,900");
		await screenshot(page, "ko-pay");
		await page.locator('form[method="post"] button.button-primary').first().click();
		await page.waitForURL("**/orders/**");
		const downloadButton = page.locator('form[action*="/download/"] button').first();
		await downloadButton.waitFor({ timeout: 15_000 });
		expect(await lang()).toBe("ko");
		expect((await page.textContent("main")) ?? "").toMatch(/[가-힣]{2,}/);
		await screenshot(page, "ko-thank-you");

		const [download] = await Promise.all([page.waitForEvent("download"), downloadButton.click()]);
		const bytes = readFileSync(await download.path());
		expect(createHash("sha256").update(bytes).digest("hex")).toBe(detail.package?.sha256);
		// The Korean title reaches the saved file's name (Content-Disposition, RFC 8187).
		expect(download.suggestedFilename()).toContain("사워도우");
		expect(download.suggestedFilename()).toMatch(/\.zip$/);

		// The switcher on the page: the same product in English, remembered for the next page.
		await page.goto(`${stack.url}/products/${encodeURIComponent(detail.product.slug)}`);
		await page.locator('a[hreflang="en"]').first().click();
		expect(await lang()).toBe("en");
		await page.goto(`${stack.url}/`);
		expect(await lang()).toBe("en");
		await screenshot(page, "ko-buyer-switched-to-english");
		await context.close();
		expect(cspViolations).toEqual([]);
	});
});
