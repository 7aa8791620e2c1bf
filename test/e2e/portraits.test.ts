import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAST_GATEWAY, type Gateway, type GatewayTuning } from "../support/gpu-stack.ts";
import { type LocalStack, startLocalStack } from "../support/local-stack.ts";
import { adminApi } from "./admin-api.ts";
import { cspViolations, launchBrowser, screenshot } from "./browser.ts";
import { ko } from "./korean.ts";

/**
 * The whole "Find My Rizz" journey in a Korean browser, through the real pages: the landing
 * page, the local payment provider's checkout, the phone step, the photo guide and the 3:4 crop
 * (dragged and zoomed) that uploads a JPEG, live progress while the real gpu-gateway (in this
 * process, fast clocks, local backend) makes the portraits and the template writes the report,
 * the SMS read from the log provider (through the admin API, and seen on /admin/portraits), then
 * the result page of the SMS link: three wrong numbers block the client, the right number from
 * another client opens the portraits and the report, and the survey is answered. Screenshots
 * `portrait-*.png` at each step, in test/e2e/screenshots/.
 */

type GatewayConfig = GatewayTuning & { dataDir: string; secret: string; allowPrivateInputs?: boolean };

/** Loaded at run time, as test/support/gpu-stack.ts does (the gateway's sources are type-checked by their own config). */
async function loadGateway(): Promise<{ startGateway(config: GatewayConfig): Promise<Gateway> }> {
	const entry = "../../gpu-gateway/src/gateway.ts";
	return import(entry);
}

const SECRET = `portrait-e2e-secret-${crypto.randomUUID()}`;
const PHONE = "010-1234-5678";
const WRONG_PHONE = "010-9876-5432";
/** The SMS of issue 15, exactly, with the result link in place of `{result_url}`. */
const smsText = (resultUrl: string) =>
	`[Find My Rizz]\n나의 리즈 사진이 완성되었습니다!\n아래 링크에서 24시간 내에 확인하세요.\n${resultUrl}\n\n※ 24시간 후 자동 삭제됩니다.`;

let gateway: Gateway;
let stack: LocalStack;
let browser: Browser;
let gatewayDir: string;
let photoDir: string;

/** A 4:3 JPEG (1200×900) standing for a phone photo: a face-like oval on a soft background. The crop makes it 3:4. */
async function writePhoto(dir: string): Promise<string> {
	const svg = `<svg width="1200" height="900" xmlns="http://www.w3.org/2000/svg">
		<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#d9e4f2"/><stop offset="1" stop-color="#8aa1c0"/></linearGradient></defs>
		<rect width="1200" height="900" fill="url(#bg)"/>
		<ellipse cx="600" cy="420" rx="170" ry="220" fill="#e8c4a6"/>
		<ellipse cx="540" cy="380" rx="22" ry="14" fill="#3a2a20"/><ellipse cx="660" cy="380" rx="22" ry="14" fill="#3a2a20"/>
		<path d="M540 520 Q600 560 660 520" stroke="#9c4a3a" stroke-width="10" fill="none"/>
		<rect x="380" y="640" width="440" height="260" rx="120" fill="#2f4d6e"/>
	</svg>`;
	const path = join(dir, "selfie.jpg");
	writeFileSync(path, await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer());
	return path;
}

beforeAll(async () => {
	gatewayDir = mkdtempSync(join(tmpdir(), "portrait-e2e-gateway-"));
	photoDir = mkdtempSync(join(tmpdir(), "portrait-e2e-photo-"));
	const { startGateway } = await loadGateway();
	// The photo is fetched from the Worker on 127.0.0.1: allowed for this local run only.
	gateway = await startGateway({ dataDir: gatewayDir, secret: SECRET, allowPrivateInputs: true, ...FAST_GATEWAY });
	[stack, browser] = await Promise.all([
		startLocalStack({ GPU_GATEWAY_URL: gateway.url, GPU_GATEWAY_SECRET: SECRET, ADMIN_RATE_LIMIT_PER_MINUTE: "100000" }),
		launchBrowser(),
	]);
}, 180_000);

afterAll(async () => {
	await browser?.close();
	await stack?.stop();
	await gateway?.stop();
	if (gatewayDir) rmSync(gatewayDir, { recursive: true, force: true });
	if (photoDir) rmSync(photoDir, { recursive: true, force: true });
});

/** A Korean browser from one client address (the verification limits count per address). */
async function koreanClient(ip: string): Promise<BrowserContext> {
	return browser.newContext({ locale: "ko-KR", extraHTTPHeaders: { "CF-Connecting-IP": ip } });
}

type AdminSms = { purpose: string; outcome: string; body: string; recipient: string | null };

/** The job's SMS as the log provider recorded it, once the `portrait_ready` one was accepted. */
async function readySms(jobId: string): Promise<AdminSms> {
	for (let i = 0; i < 200; i++) {
		const { sms } = await adminApi<{ sms: AdminSms[] }>(stack, `/api/portrait-jobs/${jobId}`);
		const ready = sms.find((line) => line.purpose === "portrait_ready" && line.outcome === "accepted");
		if (ready) return ready;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error("no SMS was sent");
}

/** Sends the result page's phone form and returns the status its post was answered with (303 for a match, then the page loads). */
async function verifyWith(page: Page, phone: string): Promise<number> {
	await page.locator('form.portrait-verify-form input[name="phone"]').fill(phone);
	const [response] = await Promise.all([
		page.waitForResponse((res) => res.request().method() === "POST" && /\/result\/ptj_[0-9a-f]{32}$/.test(res.url())),
		page.locator("form.portrait-verify-form button[type=submit]").click(),
	]);
	await page.waitForLoadState();
	return response.status();
}

describe("Find My Rizz in a Korean browser", () => {
	it("landing, pay, phone, guide and crop, upload, live progress, SMS, three wrong numbers (blocked), the right one from another client, result, survey", async () => {
		const photo = await writePhoto(photoDir);
		const buyer = await koreanClient("203.0.113.10");
		const page = await buyer.newPage();
		const lang = () => page.locator("html").getAttribute("lang");

		// 1. Landing, in Korean: the price and the call to action.
		await page.goto(`${stack.url}/portraits`);
		expect(await lang()).toBe("ko");
		const landing = (await page.textContent("main")) ?? "";
		expect(landing).toContain("₩9,900");
		const cta = page.getByRole("button", { name: ko("Find my rizz now") });
		expect(await cta.textContent()).toBe("지금 바로 나의 리즈 알아보기");
		await screenshot(page, "portrait-landing");

		// 2. Pay on the local provider's checkout.
		await cta.click();
		await page.waitForURL("**/local-pay/**");
		expect((await page.textContent("main")) ?? "").toContain("₩9,900");
		await screenshot(page, "portrait-pay");
		await page.locator('form[method="post"] button.button-primary').first().click();
		await page.waitForURL(/\/portraits\/ptj_[0-9a-f]{32}\?key=/);
		const jobUrl = new URL(page.url());
		const jobId = jobUrl.pathname.split("/").at(-1) ?? "";

		// 3. The phone step (the page reloads itself until the payment is confirmed).
		const phoneInput = page.locator('form.portrait-phone-form input[name="phone"]');
		await phoneInput.waitFor({ timeout: 30_000 });
		expect(await page.locator("[data-status-name]").textContent()).toBe("pending_phone");
		expect(await page.locator("time[data-deletes-at]").textContent()).toMatch(/^\d{4}년 \d{1,2}월 \d{1,2}일 (오전|오후) \d{1,2}:\d{2}:\d{2} KST$/);
		expect(await page.locator("time[data-deletes-at]").getAttribute("datetime")).toMatch(/\+09:00$/);
		await phoneInput.fill(PHONE);
		await screenshot(page, "portrait-phone");
		await page.locator("form.portrait-phone-form button[type=submit]").click();
		await page.waitForLoadState();
		expect(await page.locator("[data-status-name]").textContent()).toBe("pending_upload");

		// 4. The photo guide, the crop locked to 3:4 (dragged and zoomed a little), the upload.
		await page.getByRole("link", { name: ko("Go to the photo guide and upload") }).click();
		await page.waitForURL(`**/portraits/${jobId}/upload?key=*`);
		await page.locator("[data-photo-guide]").waitFor();
		await screenshot(page, "portrait-guide");
		await page.locator("input[data-crop-file]").setInputFiles(photo);
		const submit = page.locator("button[data-crop-submit]");
		await expect.poll(() => submit.isEnabled()).toBe(true);
		await page.locator("input[data-crop-zoom]").fill("1.15");
		const canvas = page.locator("canvas[data-crop-canvas]");
		const box = await canvas.boundingBox();
		if (!box) throw new Error("the crop canvas is not shown");
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width / 2 - 30, box.y + box.height / 2 + 10, { steps: 5 });
		await page.mouse.up();
		await screenshot(page, "portrait-crop");
		const [upload] = await Promise.all([page.waitForResponse((res) => res.url().endsWith(`/api/portraits/${jobId}/photo`)), submit.click()]);
		expect(upload.status()).toBe(202);
		await page.waitForURL(`**/portraits/${jobId}?key=*`);

		// 5. Live progress: the job's socket through the job progress Durable Object, polling as the fallback.
		const progress = page.locator("[data-portrait-progress]");
		const completed = page.locator('[data-step="completed"]');
		await Promise.race([progress.waitFor({ timeout: 30_000 }), completed.waitFor({ timeout: 30_000 })]);
		if (await progress.isVisible()) {
			expect(await page.locator("[data-status-name]").textContent()).toBe("processing");
			// The socket opens (the job progress Durable Object of portrait:<jobId>) unless the job finished first.
			await expect
				.poll(async () => ((await progress.isVisible()) ? await progress.getAttribute("data-progress-connection") : "live"), { timeout: 10_000 })
				.toBe("live");
			await screenshot(page, "portrait-progress");
		}
		await completed.waitFor({ timeout: 120_000 });
		expect(await page.locator("[data-status-name]").textContent()).toBe("completed");
		await screenshot(page, "portrait-completed");

		// 6. The SMS, as the log provider recorded it: the seed's text exactly, the number masked.
		const sms = await readySms(jobId);
		const resultUrl = `${stack.url}/result/${jobId}`;
		expect(sms.body).toBe(smsText(resultUrl));
		expect(sms.recipient ?? "").not.toContain("1234-5678");
		const adminContext = await browser.newContext();
		const admin = await adminContext.newPage();
		await admin.goto(`${stack.url}/admin/login`);
		await admin.getByLabel("Admin API key").fill(stack.adminKey);
		await admin.getByLabel("Admin API key").press("Enter");
		await admin.waitForURL(/\/admin\/?$/);
		await admin.goto(`${stack.url}/admin/portraits`);
		await admin.locator("#portrait-sms").waitFor();
		expect((await admin.textContent("#portrait-sms")) ?? "").toContain(jobId);
		await screenshot(admin, "portrait-sms-log");
		await adminContext.close();

		// 7. The SMS link: three wrong numbers, then this client is blocked, even with the right one.
		const guesser = await koreanClient("203.0.113.20");
		const guess = await guesser.newPage();
		await guess.goto(resultUrl);
		expect(await guess.locator("html").getAttribute("lang")).toBe("ko");
		for (let attempt = 1; attempt <= 3; attempt++) {
			expect(await verifyWith(guess, WRONG_PHONE)).toBe(403);
			expect(await guess.locator("[data-error]").getAttribute("data-error")).toBe("mismatch");
		}
		expect(await verifyWith(guess, PHONE)).toBe(429);
		expect(await guess.locator("[data-error]").getAttribute("data-error")).toBe("blocked");
		await screenshot(guess, "portrait-blocked");
		await guesser.close();

		// 8. The right number from another client: the result page with three portraits and the report.
		const owner = await koreanClient("203.0.113.30");
		const result = await owner.newPage();
		await result.goto(resultUrl);
		// A match answers 303 with the session cookie, back to the page, which now shows the result.
		expect(await verifyWith(result, PHONE)).toBe(303);
		const images = result.locator(".portrait-gallery img");
		await expect.poll(() => images.count()).toBe(3);
		for (let i = 0; i < 3; i++) {
			await images.nth(i).scrollIntoViewIfNeeded();
			await expect.poll(() => images.nth(i).evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 15_000 }).toBeGreaterThan(0);
		}
		const report = (await result.textContent(".portrait-report")) ?? "";
		expect(report).toMatch(/[가-힣]{4,}/);
		await screenshot(result, "portrait-result");

		// 9. The survey, once.
		await result.locator('input[name="rating"][value="5"]').check();
		await result.locator('textarea[name="comment"]').fill("사진이 자연스럽고 리포트가 구체적이어서 좋았습니다.");
		await result.locator('[data-survey="open"] button[type=submit]').click();
		await result.locator('[data-survey="thanks"]').waitFor();
		// The portraits are lazy images: bring each into view so the full-page screenshot shows them.
		const reloaded = result.locator(".portrait-gallery img");
		for (let i = 0; i < 3; i++) {
			await reloaded.nth(i).scrollIntoViewIfNeeded();
			await expect.poll(() => reloaded.nth(i).evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 15_000 }).toBeGreaterThan(0);
		}
		await screenshot(result, "portrait-survey");
		await owner.close();
		await buyer.close();

		expect(cspViolations).toEqual([]);
	});
});
