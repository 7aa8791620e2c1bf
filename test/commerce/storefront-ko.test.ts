import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { products } from "../../src/db/schema";
import { MISSING_MARK } from "../../src/i18n/translator";
import { buyerOrder, checkout, orderState, pathOf, payLocally, publishedProduct } from "../support/commerce-helpers";
import { api } from "../support/helpers";
import { outboxOf } from "../support/mail-helpers";

const KO = { "Accept-Language": "ko", Accept: "text/html" };
const EN = { Accept: "text/html" };

/** A storefront page as a reader of the given language sees it. */
async function page(path: string, headers: Record<string, string>, init: RequestInit = {}) {
	const res = await api(path, { auth: null, ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } });
	return { status: res.status, location: res.headers.get("Location"), html: await res.text() };
}

/** Expects a page rendered wholly in Korean: `lang="ko"` and no message missing from the catalogue. */
function expectKorean(html: string) {
	expect(html).toContain('<html lang="ko"');
	expect(html).not.toContain(MISSING_MARK);
}

/** Sets a published product's price as stored (the pipeline's fixtures price in USD). */
async function setPrice(productId: string, priceCents: number, currency: string) {
	await getDb(env.DB).update(products).set({ priceCents, currency }).where(eq(products.id, productId));
}

/** Checks out through the product page's form in Korean and pays; returns the order and its page URL. */
async function koreanPurchase(productId: string, email: string) {
	const form = new URLSearchParams({ product_id: productId, email, consent: "yes" });
	const posted = await page("/checkout", KO, { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
	expect(posted.status).toBe(303);
	const sessionId = (posted.location ?? "").split("/local-pay/")[1] ?? "";
	expect(sessionId).toMatch(/^cs_local_/);
	const payPage = await page(`/local-pay/${sessionId}`, KO);
	expect(payPage.status).toBe(200);
	expectKorean(payPage.html);
	expect(payPage.html).toContain("로컬 테스트 결제입니다");
	expect(payPage.html).toContain("테스트 카드");
	const orderUrl = await payLocally(sessionId);
	const orderId = pathOf(orderUrl).split("/orders/")[1] ?? "";
	return { orderId, orderUrl, sessionId };
}

describe("the storefront in Korean", () => {
	it("shows the catalog with Korean words, lang and prices", async () => {
		const { product } = await publishedProduct("korean catalog topic");
		await setPrice(product.id, 9900, "krw");
		const { html, status } = await page("/", KO);
		expect(status).toBe(200);
		expectKorean(html);
		expect(html).toContain("전체 상품");
		expect(html).toContain("₩9,900");
		// The card names the languages the product includes (the pipeline's fixture products are English).
		expect(html).toContain("제공 언어: 영어");
		expect(html).not.toContain("All products");
		expect(html).not.toContain("Ready-made digital products");
		const english = await page("/", EN);
		expect(english.html).toContain('<html lang="en"');
		expect(english.html).toContain("All products");
	});

	it("prices a KRW product ₩9,900 and a USD one $19.00 on the product page", async () => {
		const { product: won } = await publishedProduct("korean product page won");
		await setPrice(won.id, 9900, "krw");
		const ko = await page(`/products/${won.slug}`, KO);
		expect(ko.status).toBe(200);
		expectKorean(ko.html);
		expect(ko.html).toContain("₩9,900");
		expect(ko.html).toContain("지금 구매 — ₩9,900");
		expect(ko.html).toContain("이메일 주소");
		expect(ko.html).toContain("청약철회");
		expect(ko.html).toContain("제공 언어: 영어");
		expect(ko.html).not.toContain("Buy now");
		expect(ko.html).not.toContain("What&#39;s in the package");

		const { product: dollar } = await publishedProduct("english product page dollar", { priceCents: 1900 });
		const en = await page(`/products/${dollar.slug}`, EN);
		expect(en.status).toBe(200);
		expect(en.html).toContain("Buy now — $19.00");
		expect(en.html).toContain("Languages: English");
		expect(en.html).not.toContain(MISSING_MARK);
	});

	it("answers a bad checkout form in Korean, and stores nothing", async () => {
		const { product } = await publishedProduct("korean checkout form errors");
		const form = new URLSearchParams({ product_id: product.id, email: "not-an-email", consent: "yes" });
		const bad = await page("/checkout", KO, { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
		expect(bad.status).toBe(400);
		expectKorean(bad.html);
		expect(bad.html).toContain("결제를 진행하지 못했습니다.");
		expect(bad.html).toContain("올바른 이메일 주소를 입력해 주세요.");
		const noConsent = new URLSearchParams({ product_id: product.id, email: "ko-buyer@example.com" });
		const unconfirmed = await page("/checkout", KO, { method: "POST", body: noConsent, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
		expect(unconfirmed.status).toBe(400);
		expect(unconfirmed.html).toContain("다운로드를 즉시 제공받는 데 동의해 주세요.");
		const rows = await getDb(env.DB).query.orders.findMany({ where: (o, { eq: equals }) => equals(o.email, "ko-buyer@example.com") });
		expect(rows).toHaveLength(0);
	});

	it("records the buyer's language, shows the order page in Seoul time and mails the receipt in Korean", async () => {
		const { product } = await publishedProduct("korean order and receipt");
		await setPrice(product.id, 9900, "krw");
		const { orderId, orderUrl } = await koreanPurchase(product.id, "ko-receipt@example.com");

		const { order } = await orderState(orderId);
		expect(order?.locale).toBe("ko");
		expect(order?.consentText).toContain("청약철회");

		const orderPage = await page(pathOf(orderUrl) + new URL(orderUrl).search, KO);
		expect(orderPage.status).toBe(200);
		expectKorean(orderPage.html);
		expect(orderPage.html).toContain("주문해 주셔서 감사합니다!");
		expect(orderPage.html).toContain("₩9,900");
		const seoul = new Intl.DateTimeFormat("ko-KR", {
			year: "numeric",
			month: "short",
			day: "numeric",
			hour: "numeric",
			minute: "2-digit",
			timeZone: "Asia/Seoul",
			timeZoneName: "short",
		}).format(new Date(order?.createdAt ?? ""));
		expect(seoul).toContain("GMT+9");
		expect(orderPage.html).toContain(seoul);
		expect(orderPage.html).not.toContain("Order summary");

		const [receipt] = await outboxOf(orderId);
		expect(receipt?.kind).toBe("receipt");
		expect(receipt?.subject).toBe(`Edge Factory 주문 ${orderId} 안내`);
		expect(receipt?.textBody).toContain("주문해 주셔서 감사합니다.");
		expect(receipt?.textBody).toContain("결제 금액: ₩9,900");
		expect(receipt?.textBody).toContain(`주문 일시: ${seoul}`);
		expect(receipt?.htmlBody).toContain("내 주문 보기");
		expect(receipt?.textBody).not.toContain(MISSING_MARK);
		expect(receipt?.htmlBody).not.toContain(MISSING_MARK);
	});

	it("mails the receipt of an order placed in English in English, with times in UTC", async () => {
		const { product } = await publishedProduct("english receipt", { priceCents: 1900 });
		const bought = await checkout(product.id, "en-receipt@example.com");
		await payLocally(bought.sessionId);
		const { order } = await orderState(bought.orderId);
		expect(order?.locale).toBe("en");
		const [receipt] = await outboxOf(bought.orderId);
		expect(receipt?.subject).toBe(`Your Edge Factory order ${bought.orderId}`);
		expect(receipt?.textBody).toContain("Thank you for your order.");
		expect(receipt?.textBody).toContain("Total: $19.00");
		expect(receipt?.textBody).toContain("UTC");
		expect(receipt?.htmlBody).toContain("Open my order");
	});

	it("shows the public feed in Korean", async () => {
		const { html, status } = await page("/feed", KO);
		expect(status).toBe(200);
		expectKorean(html);
		expect(html).toContain("<h1>피드</h1>");
		expect(html).toContain("스타일 둘러보기");
		expect(html).not.toContain("Public feed");
	});

	it("shows the download landing page in Korean", async () => {
		const { product } = await publishedProduct("korean download landing");
		const bought = await checkout(product.id, "ko-download@example.com");
		await payLocally(bought.sessionId);
		const item = (await buyerOrder(bought.orderId, bought.key)).items[0];
		const landing = await page(pathOf(item?.download_url ?? ""), KO);
		expect(landing.status).toBe(200);
		expectKorean(landing.html);
		expect(landing.html).toContain("다운로드할 준비가 되었습니다");
		expect(landing.html).toContain("5회 중 5회 남음");
		expect(landing.html).not.toContain("Your download is ready");
	});
});
