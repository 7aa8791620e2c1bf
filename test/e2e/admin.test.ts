import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_LLM_KEY, type FakeLlm, startFakeLlm } from "../support/fakes/llm-server.ts";
import { type LocalStack, startLocalStack } from "../support/local-stack.ts";
import { adminApi } from "./admin-api.ts";
import { cspViolations, launchBrowser, screenshot } from "./browser.ts";

// Products here are written by the fake OpenAI-compatible model, whose answer is flawed on
// purpose when the topic says so ("no-faq"), so a failed gate can be shown for real.
let llm: FakeLlm;
let stack: LocalStack;
let browser: Browser;
beforeAll(async () => {
	llm = await startFakeLlm();
	[stack, browser] = await Promise.all([startLocalStack({ LLM_BASE_URL: llm.url, LLM_API_KEY: FAKE_LLM_KEY }), launchBrowser()]);
});
afterAll(async () => {
	await browser?.close();
	await stack?.stop();
	await llm?.close();
});

async function signIn(page: Page): Promise<void> {
	await page.goto(`${stack.url}/admin`);
	await page.waitForURL("**/admin/login");
	await page.getByLabel("Admin API key").fill(stack.adminKey);
	await page.getByLabel("Admin API key").press("Enter");
	await page.waitForURL(/\/admin\/?$/);
}

/** Creates a product with the dashboard's form and returns the row the table shows for it. */
async function createFromDashboard(page: Page, topic: string) {
	await page.goto(`${stack.url}/admin/products`);
	await page.getByLabel("Topic", { exact: true }).fill(topic);
	await page.getByRole("button", { name: "Create product" }).click();
	await page.waitForURL("**/admin/products**");
	return page.locator("tr[data-product-id]", { hasText: new RegExp(topic.split(" ")[0] ?? topic, "i") }).first();
}

describe("the admin dashboard in the browser", () => {
	it("signs in, creates a product, watches it publish live, reads its QA report, unpublishes it", async () => {
		const page = await browser.newPage();
		await signIn(page);
		await screenshot(page, "dashboard-overview");

		const row = await createFromDashboard(page, "greenhouse tomatoes e2e");
		const productId = await row.getAttribute("data-product-id");
		expect(productId).toMatch(/^prd_/);
		// No reload from here: the page's script updates the row in place.
		await page.waitForSelector(`tr[data-product-id="${productId}"][data-status="PUBLISHED"]`, { timeout: 60_000 });

		await page.goto(`${stack.url}/admin/products/${productId}`);
		const text = await page.textContent("main");
		expect(text).toContain("QA1");
		expect(text).toContain("section.faq");
		expect(text).toMatch(/functional/i);
		await screenshot(page, "dashboard-product");

		const detail = await adminApi<{ product: { slug: string } }>(stack, `/api/products/${productId}`);
		expect(await (await fetch(`${stack.url}/`)).text()).toContain(`/products/${detail.product.slug}`);
		await Promise.all([page.waitForURL(/done=unpublished/), page.getByRole("button", { name: "Unpublish" }).click()]);
		expect(await page.textContent("main")).toMatch(/unpublished/i);
		expect((await adminApi<{ product: { status: string } }>(stack, `/api/products/${productId}`)).product.status).toBe("UNPUBLISHED");
		const catalog = await browser.newPage();
		await catalog.goto(`${stack.url}/`);
		expect(await catalog.content()).not.toContain(`/products/${detail.product.slug}`);
		// The dashboard's live table (admin-live.js) ran under the strict CSP.
		expect(cspViolations).toEqual([]);
	});

	it("shows a failed gate with its reason", async () => {
		const page = await browser.newPage();
		await signIn(page);
		const row = await createFromDashboard(page, "broken e2e no-faq kit");
		const productId = await row.getAttribute("data-product-id");
		await page.waitForSelector(`tr[data-product-id="${productId}"][data-status="QA1_FAILED"]`, { timeout: 60_000 });
		await page.goto(`${stack.url}/admin/products/${productId}`);
		const text = (await page.textContent("main")) ?? "";
		expect(text).toMatch(/QA1 failed/i);
		expect(text).toContain("section.faq");
		expect(text).toContain('no element with data-section="faq"');
		await screenshot(page, "dashboard-failed-gate");
	});
});
