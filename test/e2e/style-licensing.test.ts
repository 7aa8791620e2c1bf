import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAST_GATEWAY, type Gateway, type GatewayTuning } from "../support/gpu-stack.ts";
import { type LocalStack, startLocalStack } from "../support/local-stack.ts";
import { adminApi } from "./admin-api.ts";
import { cspViolations, launchBrowser, screenshot } from "./browser.ts";
import { generateOnStylePage as generateOn, headerBalance, signInAt as signInOn } from "./journey.ts";
import { ko } from "./korean.ts";

/**
 * The whole style-licensing journey through the real pages: the development OIDC issuer signs
 * people in, the real gpu-gateway (in this process, fast clocks) trains the style and renders
 * the images, the local payment provider takes the money, and the factory pipeline publishes
 * the style pack a buyer then downloads. Everyone's browser asks for Korean (ko-KR), so every page
 * of ours is read in Korean: buttons and labels are named by their English words through ko().
 * The development issuer's sign-in form stands for an outside identity provider and stays English.
 */

type GatewayConfig = GatewayTuning & { dataDir: string; secret: string; allowPrivateInputs?: boolean };

/** Loaded at run time, as test/support/gpu-stack.ts does (the gateway's sources are type-checked by their own config). */
async function loadGateway(): Promise<{ startGateway(config: GatewayConfig): Promise<Gateway> }> {
	const entry = "../../gpu-gateway/src/gateway.ts";
	return import(entry);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SECRET = `style-e2e-secret-${crypto.randomUUID()}`;

let gateway: Gateway;
let stack: LocalStack;
let browser: Browser;
let imagesDir: string;
let gatewayDir: string;

/** Ten distinct 512×512 training images (different colours and a diagonal band each) and a transparent signature. */
async function writeFixtures(dir: string): Promise<{ signature: string; training: string[] }> {
	const training: string[] = [];
	for (let i = 0; i < 10; i++) {
		const band = `<svg width="512" height="512"><rect x="${i * 40}" y="0" width="60" height="512" fill="rgb(${255 - i * 20},${i * 25},${120 + i * 10})"/></svg>`;
		const bytes = await sharp({ create: { width: 512, height: 512, channels: 3, background: { r: 20 + i * 22, g: 200 - i * 15, b: 90 + i * 9 } } })
			.composite([{ input: Buffer.from(band) }])
			[i % 2 === 0 ? "png" : "jpeg"]()
			.toBuffer();
		const path = join(dir, `work-${i + 1}.${i % 2 === 0 ? "png" : "jpg"}`);
		writeFileSync(path, bytes);
		training.push(path);
	}
	const signatureSvg = `<svg width="240" height="80"><text x="10" y="55" font-size="44" font-family="sans-serif" fill="#1b1b6f">A. Lune</text></svg>`;
	const signature = join(dir, "signature.png");
	writeFileSync(signature, await sharp(Buffer.from(signatureSvg)).png().toBuffer());
	return { signature, training };
}

beforeAll(async () => {
	gatewayDir = mkdtempSync(join(tmpdir(), "style-e2e-gateway-"));
	imagesDir = mkdtempSync(join(tmpdir(), "style-e2e-images-"));
	const { startGateway } = await loadGateway();
	// Training inputs are fetched from the Worker on 127.0.0.1: allowed for this local run only.
	gateway = await startGateway({ dataDir: gatewayDir, secret: SECRET, allowPrivateInputs: true, ...FAST_GATEWAY });
	[stack, browser] = await Promise.all([
		startLocalStack({ GPU_GATEWAY_URL: gateway.url, GPU_GATEWAY_SECRET: SECRET }, { withDevIssuer: true }),
		launchBrowser(),
	]);
}, 180_000);

afterAll(async () => {
	await browser?.close();
	await stack?.stop();
	await gateway?.stop();
	if (gatewayDir) rmSync(gatewayDir, { recursive: true, force: true });
	if (imagesDir) rmSync(imagesDir, { recursive: true, force: true });
});

/** The shared journey steps (./journey.ts) against this file's stack; the style costs 5 credits. */
const signInAt = (page: Page, path: string, email: string, name: string) => signInOn(stack, page, path, email, name);
const generateOnStylePage = (page: Page, slug: string, prompt: string) => generateOn(stack, page, slug, prompt, 5);

describe("style licensing in the browser", () => {
	it("artist applies, admin approves, style trains, a user buys credits and generates, the artist sells a pack a buyer downloads", async () => {
		const { signature, training } = await writeFixtures(imagesDir);

		// 1. The artist signs in with the development issuer and applies.
		const artistContext: BrowserContext = await browser.newContext({ locale: "ko-KR" });
		const artist = await artistContext.newPage();
		await signInAt(artist, "/account", "ada.lune@example.com", "Ada Lune");
		expect(await artist.getByRole("heading", { level: 1 }).textContent()).toContain(ko("Your account"));
		expect(await artist.locator("html").getAttribute("lang")).toBe("ko");
		await artist.getByLabel(ko("About your art")).fill("먹선과 맑은 수채로 10년 동안 손으로 그려 온 풍경화입니다.");
		await artist.getByRole("button", { name: ko("Apply to become an artist") }).click();
		await artist.waitForURL("**/account?applied=1");
		expect(await artist.textContent("main")).toContain(ko("Waiting for review"));
		await screenshot(artist, "style-01-applied");
		const artistMe = (await (await artistContext.request.get(`${stack.url}/api/me`)).json()) as { user: { id: string; role: string } };
		expect(artistMe.user.role).toBe("user");

		// 2. The admin approves in the dashboard.
		const adminPage = await browser.newPage({ locale: "ko-KR" });
		await adminPage.goto(`${stack.url}/admin`);
		await adminPage.waitForURL("**/admin/login");
		await adminPage.getByLabel(ko("Admin API key")).fill(stack.adminKey);
		await adminPage.getByLabel(ko("Admin API key")).press("Enter");
		await adminPage.waitForURL(/\/admin\/?$/);
		await adminPage.goto(`${stack.url}/admin/artists`);
		await screenshot(adminPage, "style-02-admin-queue");
		await adminPage.getByRole("button", { name: ko("Approve Ada Lune", { name: "Ada Lune" }) }).click();
		await adminPage.waitForURL("**/admin/artists?done=approved");
		expect(await adminPage.textContent("main")).toContain(ko("Application approved: the applicant is now an artist."));
		await adminPage.close();
		await artist.goto(`${stack.url}/account`);
		expect(await artist.textContent("main")).toContain(ko("You are an approved artist: you can register your style, train it, and sell style packs."));

		// 3. The artist creates the style, uploads the signature and ten works, and trains it.
		await artist.goto(`${stack.url}/studio/styles/new`);
		await artist.locator("#style-title").fill("수묵 수채화");
		await artist.locator("#style-description").fill("가는 먹선이 붙잡아 주는 느슨한 수채 번짐.");
		await artist.locator("#style-tags").fill("수채화, 수묵, 풍경");
		await artist.locator("#style-price").fill("5");
		await artist.getByRole("button", { name: ko("Create style") }).click();
		await artist.waitForURL(/\/studio\/styles\/[^/?]+\?done=created$/);
		const styleId = decodeURIComponent(new URL(artist.url()).pathname.split("/").pop() ?? "");
		expect(styleId).not.toBe("");

		await artist.locator("#signature-file").setInputFiles(signature);
		await artist.getByRole("button", { name: ko("Upload signature") }).click();
		await artist.waitForURL("**?done=signature");
		await artist.locator("img.signature-preview").waitFor();

		await artist.locator("#training-files").setInputFiles(training);
		await artist.getByRole("button", { name: ko("Upload"), exact: true }).click();
		await artist.waitForURL("**?done=images", { timeout: 60_000 });
		expect(await artist.locator("[data-image-count]").textContent()).toMatch(/^\s*10\s*\/\s*100\s*$/);
		expect(await artist.locator("li.training-item").count()).toBe(10);
		await screenshot(artist, "style-03-ready-to-train");

		await artist.getByRole("button", { name: ko("Start training") }).click();
		await artist.waitForURL("**?done=training");
		await screenshot(artist, "style-04-training");
		// job-progress.js moves the bar; style-studio.js reloads the page once the job ends.
		const marketplaceLink = artist.getByRole("link", { name: ko("live in the marketplace") });
		await marketplaceLink.waitFor({ timeout: 120_000 });
		expect(await artist.locator("#training-title .badge").textContent()).toBe(ko("Trained"));
		await screenshot(artist, "style-05-trained");
		const slug = decodeURIComponent((await marketplaceLink.getAttribute("href"))?.replace(/^\/styles\//, "") ?? "");
		expect(slug).not.toBe("");

		// 4. A user buys credits, generates an image in the style and gets it signed.
		const userContext = await browser.newContext({ locale: "ko-KR" });
		const user = await userContext.newPage();
		await signInAt(user, "/credits", "sam.buyer@example.com", "Sam Buyer");
		expect(await headerBalance(user)).toBe(100);
		await user.getByRole("button", { name: ko("Buy 100 credits", { count: 100 }) }).click();
		await user.waitForURL("**/local-pay/**");
		await screenshot(user, "style-06-local-pay");
		await user.locator('form[method="post"] button.button-primary').first().click();
		await user.waitForURL("**/credits?**");
		await user.getByText(ko("100 credits were added to your balance. Thank you!", { count: 100 })).waitFor({ timeout: 15_000 });
		expect(await headerBalance(user)).toBe(200);
		expect(await user.locator("[data-balance]").textContent()).toBe("200");
		await screenshot(user, "style-07-credits-bought");

		const generationId = await generateOnStylePage(user, slug, "sunset, mountains");
		await screenshot(user, "style-08-generated");
		await user.goto(`${stack.url}/generations/${generationId}`);
		// Public pages name the artist by nickname (derived from the sign-in name "Ada Lune"), never by the sign-in name.
		expect(await user.locator(".generation-signature").textContent()).toContain(`${ko("Signed by")} Ada_Lune`);
		await user.locator("figure.generation-figure img").waitFor();
		await screenshot(user, "style-09-generation-page");
		await user.goto(`${stack.url}/me`);
		await user.locator(`li[data-generation-id="${generationId}"][data-generation-status="completed"]`).waitFor();
		expect(await headerBalance(user)).toBe(195);

		const imageRes = await userContext.request.get(`${stack.url}/generations/${generationId}/image`);
		expect(imageRes.status()).toBe(200);
		const png = await imageRes.body();
		expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
		const meta = await sharp(png).metadata();
		expect([meta.format, meta.width, meta.height]).toEqual(["png", 512, 512]);
		const exif = meta.exif?.toString("latin1") ?? "";
		// EXIF Artist and the provenance JSON (ImageDescription) name the artist; the signature was stamped in.
		expect(exif).toContain(`"artist":"${artistMe.user.id}"`);
		expect(exif).toContain('"signature":"stamped"');
		expect(exif).toMatch(/"signature_sha256":"[0-9a-f]{64}"/);
		// New images are public by default: anyone may see it, until its owner makes it private.
		expect((await artistContext.request.get(`${stack.url}/generations/${generationId}/image`)).status()).toBe(200);
		await user.goto(`${stack.url}/generations/${generationId}`);
		await user.locator("form.visibility-form button").click();
		// The form posts and comes back to this page, which then offers to make it public again.
		await user.locator('form.visibility-form input[name="visibility"][value="public"]').waitFor({ state: "attached" });
		// Someone else's private image is not theirs to see.
		expect((await artistContext.request.get(`${stack.url}/generations/${generationId}/image`)).status()).toBe(404);

		// 5. The artist makes three images in their own style and publishes them as a pack.
		// Prompts are English keywords on every page (the image model's language), Korean or not.
		const own: string[] = [];
		for (const prompt of ["lighthouse, stormy sea", "pine forest, morning fog", "harbour, boats, dusk"]) {
			own.push(await generateOnStylePage(artist, slug, prompt));
		}
		await artist.goto(`${stack.url}/studio/styles/${encodeURIComponent(styleId)}/packs`);
		for (const id of own) await artist.locator(`input[name="generation_ids"][value="${id}"]`).check();
		// The buyer's image is not the artist's to sell.
		expect(await artist.locator(`input[name="generation_ids"][value="${generationId}"]`).count()).toBe(0);
		await artist.locator("#pack-title").fill("수묵 수채화 해안 풍경");
		await artist.locator("#pack-description").fill("느슨한 번짐과 가는 먹선으로 그린 해안 풍경 세 점.");
		await artist.locator("#pack-price").fill("9.99");
		await artist.locator("#pack-license-commercial").check();
		await screenshot(artist, "style-10-pack-form");
		await artist.getByRole("button", { name: ko("Publish the pack") }).click();
		await artist.waitForURL(/\/packs\?created=/);
		// The page reloads itself every few seconds while the pack is in the pipeline.
		const packId = new URL(artist.url()).searchParams.get("created") ?? "";
		expect(packId).toMatch(/^prd_/);
		const packRow = artist.locator(`li.pack-row#pack-${packId}`);
		// Polled through the admin API too, so a pack stuck or failed says where and why.
		await expect
			.poll(
				async () => {
					const detail = await adminApi<{ product: { status: string } }>(stack, `/api/products/${packId}`);
					return `${detail.product.status} ${JSON.stringify(detail).slice(0, 3000)}`;
				},
				{ timeout: 60_000, interval: 1_000 },
			)
			.toMatch(/^(PUBLISHED|QA1_FAILED|QA2_FAILED) /);
		await expect.poll(() => packRow.getAttribute("data-pack-status"), { timeout: 15_000 }).toBe("PUBLISHED");
		const published = artist.locator('li.pack-row[data-pack-status="PUBLISHED"]');
		await screenshot(artist, "style-11-pack-published");
		const productHref = await published.locator("h3 a").getAttribute("href");
		expect(productHref).toMatch(/^\/products\//);

		// A buyer buys it in the storefront and downloads the ZIP.
		const buyerContext = await browser.newContext({ acceptDownloads: true, locale: "ko-KR" });
		const buyer = await buyerContext.newPage();
		await buyer.goto(`${stack.url}${productHref}`);
		expect(await buyer.getByRole("heading", { level: 1 }).textContent()).toContain("수묵 수채화 해안 풍경");
		await screenshot(buyer, "style-12-pack-product");
		await buyer.getByLabel(ko("Email address")).fill("pack.buyer@example.com");
		await buyer.getByRole("checkbox").check();
		await buyer.locator('form.checkout-form button[type="submit"]').click();
		await buyer.waitForURL("**/local-pay/**");
		await buyer.locator('form[method="post"] button.button-primary').first().click();
		await buyer.waitForURL("**/orders/**");
		const downloadButton = buyer.locator('form[action*="/download/"] button').first();
		await downloadButton.waitFor({ timeout: 15_000 });
		await screenshot(buyer, "style-13-pack-bought");
		const [download] = await Promise.all([buyer.waitForEvent("download"), downloadButton.click()]);
		expect(download.suggestedFilename()).toMatch(/\.zip$/);
		// The Korean title names the saved file (Content-Disposition, RFC 8187).
		expect(download.suggestedFilename()).toContain("수묵");
		const zipPath = await download.path();
		const listing = spawnSync("unzip", ["-Z1", zipPath], { encoding: "utf8" });
		expect(listing.status).toBe(0);
		const entries = listing.stdout.split("\n").filter(Boolean);
		expect(entries.filter((entry) => /(^|\/)images\/[^/]+\.png$/.test(entry))).toHaveLength(3);
		expect(entries.some((entry) => /(^|\/)LICENSE\.txt$/.test(entry))).toBe(true);
		const license = spawnSync("unzip", ["-p", zipPath, entries.find((entry) => /(^|\/)LICENSE\.txt$/.test(entry)) ?? ""], { encoding: "utf8" });
		expect(license.stdout).toContain(artistMe.user.id);
		// The artist worked in Korean, so the pack is written in Korean: its licence and README.
		expect(license.stdout).toMatch(/이용 허락/);
		const readme = spawnSync("unzip", ["-p", zipPath, entries.find((entry) => /(^|\/)README\.md$/.test(entry)) ?? ""], { encoding: "utf8" });
		expect(readme.stdout).toContain("수묵 수채화 해안 풍경");
		expect(readme.stdout).toMatch(/[가-힣]{2,}.*[가-힣]{2,}/);
		expect(readFileSync(zipPath).subarray(0, 2).toString("latin1")).toBe("PK");

		await Promise.all([artistContext.close(), userContext.close(), buyerContext.close()]);
		// The studio's uploader, live progress and the generate form all ran under the strict CSP.
		expect(cspViolations).toEqual([]);
	}, 360_000);
});
