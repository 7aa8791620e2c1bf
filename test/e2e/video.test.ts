import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAST_GATEWAY, type Gateway, type GatewayTuning } from "../support/gpu-stack.ts";
import { type LocalStack, startLocalStack } from "../support/local-stack.ts";
import { adminApi } from "./admin-api.ts";
import { cspViolations, launchBrowser, screenshot } from "./browser.ts";
import { signInAt } from "./journey.ts";
import { ko } from "./korean.ts";

/**
 * The short-video journey in Korean through the real pages: the development OIDC issuer signs the
 * shop's own account in (its e-mail is the stack's ADMIN_EMAILS, so its video may be sold), the
 * onboarding makes a brand profile, picks a template and starts a video from a keyword, the real
 * gpu-gateway (in this process, fast clocks, the local backend: espeak-ng and ffmpeg) makes the
 * images, the voice and the video while the project page shows the progress live, the page's
 * `<video>` plays the MP4, and the admin publishes it as a product from /admin/videos; the store
 * then shows it. Buttons and labels are named by their English words through ko().
 */

type GatewayConfig = GatewayTuning & { dataDir: string; secret: string; allowPrivateInputs?: boolean };

async function loadGateway(): Promise<{ startGateway(config: GatewayConfig): Promise<Gateway> }> {
	const entry = "../../gpu-gateway/src/gateway.ts";
	return import(entry);
}

const SECRET = `video-e2e-secret-${crypto.randomUUID()}`;
const SHOP_EMAIL = "shop-video@example.com";

let gateway: Gateway;
/** What the first journey made, for the channels journey that publishes it. */
const made = { projectId: "", productId: "" };
let stack: LocalStack;
let browser: Browser;
let gatewayDir: string;

beforeAll(async () => {
	gatewayDir = mkdtempSync(join(tmpdir(), "video-e2e-gateway-"));
	const { startGateway } = await loadGateway();
	// Scene images and the voice are fetched from the Worker on 127.0.0.1: allowed for this local run only.
	gateway = await startGateway({ dataDir: gatewayDir, secret: SECRET, allowPrivateInputs: true, ...FAST_GATEWAY });
	[stack, browser] = await Promise.all([
		startLocalStack({ GPU_GATEWAY_URL: gateway.url, GPU_GATEWAY_SECRET: SECRET, ADMIN_EMAILS: SHOP_EMAIL }, { withDevIssuer: true }),
		launchBrowser(),
	]);
}, 180_000);

afterAll(async () => {
	await browser?.close();
	await stack?.stop();
	await gateway?.stop();
	if (gatewayDir) rmSync(gatewayDir, { recursive: true, force: true });
});

/**
 * Reads the live progress bar while the run works, without reloading, until the page's script
 * reloads it at the end (the `<video>` appears): the distinct values it showed, in order.
 */
async function watchProgress(page: Page, timeoutMs: number): Promise<number[]> {
	const seen: number[] = [];
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const state = await page
			.evaluate(() => {
				const bar = document.querySelector<HTMLProgressElement>("[data-video-progress] progress");
				return { value: bar ? bar.value : null, video: document.querySelector("video[data-project-video]") !== null };
			})
			.catch(() => ({ value: null, video: false })); // mid-navigation
		if (state.video) return seen;
		if (state.value !== null && seen.at(-1) !== state.value) seen.push(state.value);
		if (seen.length === 2) await screenshot(page, "video-progress");
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`no video within ${timeoutMs} ms; progress seen: ${seen.join(", ")}`);
}

describe("short videos in the browser, in Korean", () => {
	it("onboarding → generate-all with live progress → the video plays → published as a product", async () => {
		const context = await browser.newContext({ locale: "ko-KR", extraHTTPHeaders: { "Accept-Language": "ko-KR,ko;q=0.9" } });
		const page = await context.newPage();
		await signInAt(stack, page, "/video/start", SHOP_EMAIL, "상점 운영자");
		await page.getByRole("heading", { level: 1, name: ko("Get started with short videos") }).waitFor();
		await screenshot(page, "video-onboarding");

		// 1. Brand profile.
		await page.getByLabel(ko("Brand name")).fill("제주 바람");
		await page.getByRole("button", { name: ko("Create and continue") }).click();
		await page.waitForURL(/\/video\/start\?brand=/);
		// 2. Template: the first built-in one.
		await page
			.getByRole("link", { name: ko("Choose") })
			.first()
			.click();
		await page.waitForURL(/template=/);
		// 3. The keyword: the project is made and generate-all starts.
		await page.getByLabel(ko("Keyword"), { exact: true }).fill("제주 여행");
		// The shortest video the line makes, to keep the journey quick on two cores.
		await page.locator("select[name=duration_s]").selectOption("15");
		await screenshot(page, "video-onboarding-keyword");
		await page.getByRole("button", { name: ko("Make my video") }).click();
		await page.waitForURL(/\/video\/projects\/[^/?]+/);
		const projectId = /\/video\/projects\/([^/?]+)/.exec(page.url())?.[1] ?? "";
		expect(projectId).not.toBe("");

		// Live progress: the bar moves on its own (the page's script), then the page reloads with the video.
		const progress = await watchProgress(page, 150_000);
		expect(progress.length, `progress seen: ${progress.join(", ")}`).toBeGreaterThanOrEqual(2);
		expect(progress.some((value) => value > 0 && value < 100)).toBe(true);

		const video = page.locator("video[data-project-video]");
		await video.waitFor();
		await video.scrollIntoViewIfNeeded();
		// Muted, so the browser's autoplay policy lets a script start it; then its clock must move.
		await page.evaluate(async () => {
			const element = document.querySelector<HTMLVideoElement>("video[data-project-video]");
			if (!element) throw new Error("no video");
			element.muted = true;
			await element.play();
		});
		await page.waitForFunction(
			() => {
				const element = document.querySelector<HTMLVideoElement>("video[data-project-video]");
				return element !== null && !element.paused && element.currentTime > 0.5;
			},
			undefined,
			{ timeout: 30_000 },
		);
		const played = await page.evaluate(() => {
			const element = document.querySelector<HTMLVideoElement>("video[data-project-video]");
			return { paused: element?.paused, width: element?.videoWidth, height: element?.videoHeight, duration: element?.duration ?? 0 };
		});
		expect(played).toMatchObject({ paused: false, width: 1080, height: 1920 });
		// 15 s, within the 10 % the QA allows.
		expect(played.duration).toBeGreaterThan(13.5);
		expect(played.duration).toBeLessThan(16.5);
		await screenshot(page, "video-playing");

		// The admin publishes it from the dashboard's "Videos" page.
		const admin = await context.newPage();
		await admin.goto(`${stack.url}/admin`);
		await admin.waitForURL("**/admin/login");
		await admin.getByLabel(ko("Admin API key")).fill(stack.adminKey);
		await admin.getByLabel(ko("Admin API key")).press("Enter");
		await admin.waitForURL(/\/admin\/?$/);
		// "Videos" in the dashboard's navigation.
		await admin.locator('nav a[href="/admin/videos"]').click();
		await admin.waitForURL("**/admin/videos");
		const row = admin.locator(`tr[data-project-id="${projectId}"]`);
		await row.getByLabel(ko("Price (USD)")).fill("12");
		await screenshot(admin, "video-admin-videos");
		await row.getByRole("button", { name: ko("Publish as product") }).click();
		await admin.waitForURL(/\/admin\/products\/prd_/);
		const productId = /\/admin\/products\/(prd_[^/?]+)/.exec(admin.url())?.[1] ?? "";
		made.projectId = projectId;
		made.productId = productId;

		type Detail = { product: { slug: string; status: string; last_error: string | null; kind: string } };
		let detail = await adminApi<Detail>(stack, `/api/products/${productId}`);
		for (let i = 0; i < 240 && !["PUBLISHED", "QA1_FAILED", "QA2_FAILED"].includes(detail.product.status); i++) {
			await new Promise((resolve) => setTimeout(resolve, 250));
			detail = await adminApi<Detail>(stack, `/api/products/${productId}`);
		}
		expect(detail.product.status, detail.product.last_error ?? "").toBe("PUBLISHED");
		expect(detail.product.kind).toBe("short_video");

		// The store's page of the product, in Korean.
		const store = await context.newPage();
		await store.goto(`${stack.url}/products/${detail.product.slug}`);
		await expect.poll(() => store.locator("h1.product-title").textContent()).toContain("제주 여행");
		expect(await store.locator(".product-head .eyebrow").textContent()).toBe(ko("Short video"));
		expect(await store.locator(".file-table").textContent()).toContain("video.mp4");
		await screenshot(store, "video-product-page");
		expect(cspViolations).toEqual([]);
		await context.close();
	}, 300_000);

	it("channels: the sandbox shop carries the product and follows its price; the video is scheduled and published to the sandbox channel", async () => {
		expect(made.productId, "the first journey published a product").not.toBe("");
		const context = await browser.newContext({ locale: "ko-KR", extraHTTPHeaders: { "Accept-Language": "ko-KR,ko;q=0.9" } });
		const admin = await context.newPage();
		await admin.goto(`${stack.url}/admin/login`);
		await admin.getByLabel(ko("Admin API key")).fill(stack.adminKey);
		await admin.getByLabel(ko("Admin API key")).press("Enter");
		await admin.waitForURL(/\/admin\/?$/);

		// 1. The admin connects the sandbox shop through its consent page (OAuth with state and PKCE, in-app).
		await admin.locator('nav a[href="/admin/channels"]').click();
		await admin.waitForURL("**/admin/channels");
		await admin.locator('button[data-connect="local"]').click();
		await admin.waitForURL(/\/sandbox\/authorize\?/);
		await admin.getByLabel(ko("Name of the new sandbox account")).fill("제주 샌드박스 상점");
		await screenshot(admin, "channels-sandbox-consent");
		await admin.locator("button[data-approve]").click();
		await admin.waitForURL(/\/admin\/channels\?notice=connected/);
		const shopLink = admin.locator('a[href^="/sandbox/shops/"]').first();
		const shopPath = (await shopLink.getAttribute("href")) ?? "";
		expect(shopPath).toMatch(/^\/sandbox\/shops\/sbx_/);
		await screenshot(admin, "channels-admin-shops");

		// 2. The published video product is enabled for the shop: it is pushed there.
		await admin.goto(`${stack.url}/admin/products/${made.productId}/channels`);
		await admin.locator("button[data-toggle]").first().click();
		await admin.waitForURL(/done=saved/);
		const shop = await context.newPage();
		const shopRow = shop.locator("tr[data-product]");
		await expect
			.poll(
				async () => {
					await shop.goto(`${stack.url}${shopPath}`);
					return (await shopRow.count()) > 0 ? await shopRow.first().textContent() : "";
				},
				{ timeout: 30_000, interval: 500 },
			)
			.toContain("$12.00");
		expect(await shopRow.first().textContent()).toContain("제주 여행");
		await screenshot(shop, "channels-sandbox-shop");

		// 3. A new price on the product's shops page follows to the shop.
		await admin.locator("#edit-price").fill("15");
		await admin.getByRole("button", { name: ko("Save and update the shops") }).click();
		await admin.waitForURL(/done=edited/);
		await expect
			.poll(
				async () => {
					await shop.goto(`${stack.url}${shopPath}`);
					return await shopRow.first().textContent();
				},
				{ timeout: 30_000, interval: 500 },
			)
			.toContain("$15.00");
		expect(await shop.locator("tr[data-product]").count()).toBe(1);
		await screenshot(shop, "channels-sandbox-shop-price");
		await screenshot(admin, "channels-product-shops");

		// 4. The video's owner connects a sandbox channel, schedules the video, and publishes it.
		const owner = await context.newPage();
		await signInAt(stack, owner, "/video/channels", SHOP_EMAIL, "상점 운영자");
		await owner.locator('button[data-connect="local"]').click();
		await owner.waitForURL(/\/sandbox\/authorize\?/);
		await owner.getByLabel(ko("Name of the new sandbox account")).fill("제주 바람 채널");
		await owner.locator("button[data-approve]").click();
		await owner.waitForURL(/\/video\/channels\?notice=connected/);
		expect(await owner.locator("[data-channel-status]").first().getAttribute("data-channel-status")).toBe("connected");
		await screenshot(owner, "channels-video-channels");

		await owner.goto(`${stack.url}/video/schedules`);
		await owner.locator("#schedule-project").selectOption(made.projectId);
		const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Asia/Seoul" });
		await owner.locator("#schedule-date").fill(tomorrow);
		await owner.locator("#schedule-time").fill("09:00");
		await owner.locator("#schedule-title").fill("제주 여행 15초");
		await owner.locator("#schedule-tags").fill("제주, 여행");
		await owner.locator("form:has(#schedule-project) button[type=submit]").click();
		await owner.locator('[data-notice="created"], [role="alert"]').first().waitFor();
		await screenshot(owner, "channels-schedule-created");
		expect(await owner.locator('[role="alert"]').allTextContents()).toEqual([]);
		// The list's row (the calendar above shows the same schedule on its day).
		const row = owner.locator("tr", { hasText: "제주 여행 15초" }).last();
		expect(await row.locator("[data-status]").getAttribute("data-status")).toBe("pending");
		await screenshot(owner, "channels-schedule-calendar");
		await row.locator('button[data-action="publish-now"]').click();
		await expect
			.poll(
				async () => {
					await owner.goto(`${stack.url}/video/schedules`);
					return await owner.locator("tr", { hasText: "제주 여행 15초" }).last().locator("[data-status]").getAttribute("data-status");
				},
				{ timeout: 60_000, interval: 1_000 },
			)
			.toBe("published");
		await screenshot(owner, "channels-schedule-published");

		// 5. The sandbox channel holds the video, playable.
		await owner.goto(`${stack.url}/video/channels`);
		await owner.locator('a[href^="/sandbox/channels/"]').first().click();
		await owner.locator("tr[data-video]", { hasText: "제주 여행 15초" }).getByRole("link").click();
		const played = owner.locator("video");
		await played.waitFor();
		await expect.poll(() => owner.evaluate(() => document.querySelector("video")?.readyState ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
		await screenshot(owner, "channels-sandbox-video");
		expect(cspViolations).toEqual([]);
		await context.close();
	}, 240_000);
});
