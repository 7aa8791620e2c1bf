import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { channelSyncLog, productChannels } from "../../src/db/channels-schema";
import { newId } from "../../src/lib/ids";
import { englishPhrases, visibleText } from "../i18n/english-strings";
import { publishedProduct } from "../support/commerce-helpers";
import { api, testAppDeps, waitFor } from "../support/helpers";
import { adminCookie } from "../support/portrait-result-helpers";
import { connectSandboxChannel } from "../support/sandbox-helpers";

async function page(path: string, cookie: string, lang: "ko" | "en") {
	const res = await api(path, { auth: null, headers: { Accept: "text/html", Cookie: `lang=${lang}; ${cookie}` } });
	return { status: res.status, location: res.headers.get("Location"), html: await res.text() };
}

function post(path: string, cookie: string, form: Record<string, string>) {
	return api(path, {
		method: "POST",
		auth: null,
		headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:8787" },
		body: new URLSearchParams(form).toString(),
	});
}

/** English catalogue phrases shown on a Korean page (none may be). */
const englishOn = (html: string) => {
	const text = visibleText(html);
	return [...englishPhrases()].filter(([phrase]) => text.includes(phrase)).map(([phrase, key]) => `${key}: "${phrase}"`);
};

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";

describe("the sync pages", () => {
	it("show a product's shops in Korean and English, toggle a shop with the CSRF field, and queue 'sync now'", async () => {
		const deps = (await testAppDeps()).channels;
		const shop = await connectSandboxChannel(deps, { kind: "shop", displayName: "페이지 샌드박스 상점" });
		const { product } = await publishedProduct("Shop sync pages");
		const cookie = await adminCookie();
		const path = `/admin/products/${product.id}/channels`;

		expect((await page(path, "", "en")).location).toBe("/admin/login");
		const ko = await page(path, cookie, "ko");
		expect(ko.status).toBe(200);
		expect(ko.html).toContain('<html lang="ko"');
		expect(ko.html).toContain("페이지 샌드박스 상점");
		expect(ko.html).toContain("판매 안 함");
		expect(ko.html).toContain("지금 동기화");
		const en = await page(path, cookie, "en");
		expect(en.html).toContain('<html lang="en"');
		expect(en.html).toContain("Not enabled");
		expect(en.html).toContain("Sync now");
		const detail = await page(`/admin/products/${product.id}`, cookie, "ko");
		expect(detail.html).toContain(`href="${path}"`);
		expect(detail.html).toContain("쇼핑몰");

		const toggle = `${path}/${shop.channel.id}`;
		expect((await post(toggle, cookie, { enabled: "true" })).status).toBe(403);
		expect(await deps.db.query.productChannels.findMany({ where: eq(productChannels.productId, product.id) })).toEqual([]);
		const saved = await post(toggle, cookie, { enabled: "true", _csrf: csrfOf(en.html) });
		expect(saved.status).toBe(303);
		expect(saved.headers.get("Location")).toBe(`${path}?done=saved`);
		expect(
			await deps.db.query.productChannels.findFirst({ where: and(eq(productChannels.productId, product.id), eq(productChannels.channelId, shop.channel.id)) }),
		).toMatchObject({ enabled: true });
		await waitFor(
			async () => deps.db.query.channelSyncLog.findFirst({ where: and(eq(channelSyncLog.productId, product.id), eq(channelSyncLog.outcome, "succeeded")) }),
			20_000,
			"the product pushed",
		);

		const after = await page(`${path}?done=saved`, cookie, "ko");
		expect(after.html).toContain("저장했습니다");
		expect(after.html).toContain("판매 중");
		expect(after.html).toMatch(/sbp_[0-9a-z]+/);
		expect(after.html).toContain("상품 등록");
		expect(englishOn(after.html)).toEqual([]);
		expect(englishOn(ko.html)).toEqual([]);

		const now = await post(`${path}/sync`, cookie, { _csrf: csrfOf(en.html) });
		expect(now.status).toBe(303);
		expect(now.headers.get("Location")).toBe(`${path}?done=queued&queued=1`);
		expect((await page(`${path}?done=queued&queued=1`, cookie, "en")).html).toContain("A sync is queued for 1 shop.");
		expect((await page("/admin/products/prd_00000000000000000000000000000000/channels", cookie, "en")).status).toBe(404);
	}, 60_000);

	it("show the sync log with filters and outcome badges in Korean and English", async () => {
		const deps = (await testAppDeps()).channels;
		const shop = await connectSandboxChannel(deps, { kind: "shop", displayName: "Log page shop" });
		const { product } = await publishedProduct("Shop sync log page");
		await deps.db.insert(channelSyncLog).values([
			{
				id: newId("syl"),
				channelId: shop.channel.id,
				productId: product.id,
				operation: "create_product",
				outcome: "failed",
				attempt: 1,
				detail: "503 from the shop",
				createdAt: "2026-01-02T03:04:05.000Z",
			},
			{
				id: newId("syl"),
				channelId: shop.channel.id,
				productId: product.id,
				operation: "create_product",
				outcome: "succeeded",
				externalId: "sbp_logpage",
				attempt: 2,
				createdAt: "2026-01-02T03:05:05.000Z",
			},
		]);
		const cookie = await adminCookie();
		expect((await page("/admin/sync-log", "", "en")).location).toBe("/admin/login");

		const en = await page(`/admin/sync-log?product_id=${product.id}`, cookie, "en");
		expect(en.status).toBe(200);
		expect(en.html).toContain("Sync log");
		expect(en.html).toContain("Log page shop");
		expect(en.html).toContain('data-outcome="failed"');
		expect(en.html).toContain('data-outcome="succeeded"');
		expect(en.html).toContain("503 from the shop");
		expect(en.html).toContain("sbp_logpage");

		const ko = await page(`/admin/sync-log?product_id=${product.id}&outcome=failed`, cookie, "ko");
		expect(ko.html).toContain("동기화 기록");
		expect(ko.html).toContain("실패");
		expect(ko.html).not.toContain("sbp_logpage");
		expect(englishOn(ko.html)).toEqual([]);
		// Seoul time for the Korean reader: 03:04 UTC is 12:04 KST.
		expect(ko.html).toMatch(/12:04/);
		const none = await page(`/admin/sync-log?product_id=${product.id}&outcome=skipped`, cookie, "ko");
		expect(none.html).toContain("조건에 맞는 기록이 없습니다");
	}, 60_000);

	it("edits the price and words the shops show, refusing a malformed price without changing anything", async () => {
		const { product } = await publishedProduct("Shop edit form");
		const cookie = await adminCookie();
		const path = `/admin/products/${product.id}/channels`;
		const en = await page(path, cookie, "en");
		expect(en.html).toContain("What the shops show");
		expect(en.html).toContain(`value="${(product.priceCents / 100).toFixed(2)}"`);
		const csrf = csrfOf(en.html);
		const bad = await post(`${path}/details`, cookie, { _csrf: csrf, price: "12.345", title: "Changed", description: "" });
		expect(bad.headers.get("Location")).toBe(`${path}?done=price`);
		const deps = await testAppDeps();
		const unchanged = await deps.db.query.products.findFirst({ where: (p, { eq: is }) => is(p.id, product.id) });
		expect(unchanged?.priceCents).toBe(product.priceCents);
		expect((await page(`${path}?done=price`, cookie, "ko")).html).toContain("가격을 USD 금액으로 입력해 주세요");
		const saved = await post(`${path}/details`, cookie, { _csrf: csrf, price: "12.50", title: "Sourdough, revised", description: "Fresh words" });
		expect(saved.headers.get("Location")).toBe(`${path}?done=edited`);
		const edited = await deps.db.query.products.findFirst({ where: (p, { eq: is }) => is(p.id, product.id) });
		expect(edited).toMatchObject({ priceCents: 1250, title: "Sourdough, revised", description: "Fresh words" });
	});
});
