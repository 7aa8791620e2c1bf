import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "../../src/db/client";
import { grants, products } from "../../src/db/schema";
import { admin as enAdmin } from "../../src/i18n/en/admin";
import { admin as koAdmin } from "../../src/i18n/ko/admin";
import { MISSING_MARK } from "../../src/i18n/translator";
import { paidOrder, publishedProduct } from "../support/commerce-helpers";
import { ADMIN_KEY, api, waitFor } from "../support/helpers";

const ORIGIN = "http://localhost:8787";
const FORM = "application/x-www-form-urlencoded";

function uniqueIp(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(3));
	return `10.${bytes[0]}.${bytes[1]}.${bytes[2]}`;
}

/** A form post from the dashboard (same Origin), as a reader who chose Korean. */
function postForm(path: string, fields: Record<string, string>, cookie = "lang=ko") {
	return api(path, {
		method: "POST",
		auth: null,
		headers: { "Content-Type": FORM, Origin: ORIGIN, Accept: "text/html", Cookie: cookie, "CF-Connecting-IP": uniqueIp() },
		body: new URLSearchParams(fields).toString(),
	});
}

/** Signs in with the admin key; the cookie sent afterwards also chooses Korean. */
async function signInKorean(): Promise<string> {
	const res = await postForm("/admin/login", { key: ADMIN_KEY });
	expect(res.status).toBe(303);
	const token = /(?:^|[\s,])ef_admin=([^;]+)/.exec(res.headers.get("Set-Cookie") ?? "")?.[1];
	if (!token) throw new Error("no session cookie");
	return `ef_admin=${token}; lang=ko`;
}

/** Every English message of the admin catalogue that Korean words differently, without placeholders. */
function englishOnlyMessages(en: object, ko: object): string[] {
	const found: string[] = [];
	for (const [key, value] of Object.entries(en)) {
		const other = (ko as Record<string, unknown>)[key];
		if (typeof value === "string") {
			if (value !== other && !value.includes("{{") && value.trim().length >= 3) found.push(value.trim());
		} else if (typeof value === "object" && value && typeof other === "object" && other) {
			found.push(...englishOnlyMessages(value, other));
		}
	}
	return found;
}
const ENGLISH = englishOnlyMessages(enAdmin, koAdmin);

/** A Korean dashboard page: 200, `<html lang="ko">`, no missing message and no English message as an element's text or attribute. */
async function koreanPage(path: string, cookie: string, status = 200): Promise<string> {
	const res = await api(path, { auth: null, headers: { Cookie: cookie, Accept: "text/html" } });
	expect(res.status, path).toBe(status);
	const html = await res.text();
	expect(html).toContain('<html lang="ko">');
	expect(html).not.toContain(MISSING_MARK);
	for (const english of ENGLISH) {
		expect(html, `${path} shows "${english}"`).not.toContain(`>${english}<`);
		for (const attribute of ["aria-label", "title", "placeholder", "alt", "value", "data-label"]) {
			expect(html, `${path} shows "${english}"`).not.toContain(`${attribute}="${english}"`);
		}
	}
	return html;
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe("the dashboard in Korean", () => {
	it("signs in in Korean: the login page, a wrong key, the inbox page and a Korean sign-in mail", async () => {
		const login = await koreanPage("/admin/login", "lang=ko");
		expect(login).toContain("대시보드 로그인");
		expect(login).toContain("관리자 API 키");
		expect(login).toContain("로그인 링크 받기");
		expect(login).toContain("<title>로그인 · 관리자 · Edge Factory</title>");
		expect(login).toContain('href="/admin/login?lang=en" hreflang="en" lang="en">View in English</a>');

		const wrong = await postForm("/admin/login", { key: "not-the-key" });
		expect(wrong.status).toBe(401);
		const wrongHtml = await wrong.text();
		expect(wrongHtml).toContain('<html lang="ko">');
		expect(wrongHtml).toContain("관리자 API 키가 아닙니다.");

		const mails: { to: string; subject: string; text: string; html: string }[] = [];
		const log = console.log;
		vi.spyOn(console, "log").mockImplementation((line: unknown) => {
			const entry = typeof line === "string" && line.includes('"msg":"mail"') ? JSON.parse(line) : null;
			if (entry) mails.push(entry);
			else log(line);
		});
		const inbox = await postForm("/admin/login/magic", { email: "admin@example.com" });
		expect(inbox.status).toBe(200);
		const inboxHtml = await inbox.text();
		expect(inboxHtml).toContain("받은편지함을 확인하세요");
		expect(inboxHtml).not.toContain(MISSING_MARK);
		const mail = await waitFor(async () => mails.find((m) => m.to === "admin@example.com"), 5000, "the sign-in mail");
		expect(mail.subject).toBe("Edge Factory 로그인 링크");
		expect(mail.text).toContain("Edge Factory 대시보드에 로그인하세요: http://localhost:8787/admin/login/magic?token=");
		expect(mail.text).toContain("15분 안에 한 번만");
		expect(mail.html).toContain(">Edge Factory 대시보드에 로그인</a>");

		const badLink = await koreanPage("/admin/login/magic?token=nope", "lang=ko", 401);
		expect(badLink).toContain("유효하지 않은 로그인 링크입니다.");
	});

	it("shows the overview, products and a product in Korean, with Korean money and times", async () => {
		const { product } = await publishedProduct(`ko admin ${crypto.randomUUID().slice(0, 8)}`);
		// A won-priced product: KRW has no minor unit, so 9900 is ₩9,900.
		await getDb(env.DB).update(products).set({ currency: "krw", priceCents: 9900 }).where(eq(products.id, product.id));
		const cookie = await signInKorean();

		const overview = await koreanPage("/admin", cookie);
		expect(overview).toContain("<h1>개요</h1>");
		expect(overview).toContain(">게시됨</span>");
		expect(overview).toContain(">QA1 불합격</span>");
		expect(overview).toContain('<title id="chart-revenue-title">최근 14일 일별 매출</title>');
		expect(overview).toContain('aria-label="대시보드"');
		expect(overview).toContain("로그아웃");
		// The way back to English, worded in English.
		expect(overview).toContain('href="/admin?lang=en" hreflang="en" lang="en">View in English</a>');

		const list = await koreanPage("/admin/products", cookie);
		expect(list).toContain("<h1>상품</h1>");
		expect(list).toContain("₩9,900");
		expect(list).toContain('placeholder="예: 사워도우"');
		// The live script gets its words and the status labels in Korean.
		expect(list).toContain('data-just-now="방금"');
		expect(list).toContain("&quot;PUBLISHED&quot;:&quot;게시됨&quot;");
		expect(list).toContain("US$19.00");

		const detail = await koreanPage(`/admin/products/${product.id}?done=published`, cookie);
		expect(detail).toContain("상품을 스토어에 다시 게시했습니다.");
		expect(detail).toContain("₩9,900");
		expect(detail).toContain("단계 실행 기록");
		expect(detail).toContain(">기능성</span>");
		// Times in the reader's zone (Korea by default for Korean), with the zone named.
		expect(detail).toMatch(/\d{4}년 \d{1,2}월 \d{1,2}일 (오전|오후) \d{1,2}:\d{2} GMT\+9/);
		expect(detail).toContain("1번째 시도");

		const created = await koreanPage("/admin/products?created=2", cookie);
		expect(created).toContain("상품 2개를 만들었습니다.");
	});

	it("shows orders, an order, the download log and artists in Korean, and the dashboard's errors", async () => {
		const { product } = await publishedProduct(`ko orders ${crypto.randomUUID().slice(0, 8)}`);
		const bought = await paidOrder(product.id);
		const cookie = await signInKorean();

		const list = await koreanPage("/admin/orders?status=FULFILLED", cookie);
		expect(list).toContain("<h1>주문</h1>");
		expect(list).toContain(bought.orderId);
		expect(list).toContain(">처리 완료</option>");
		expect(list).toContain("US$15.00");

		const grant = await getDb(env.DB).query.grants.findFirst({ where: eq(grants.orderId, bought.orderId) });
		const detail = await koreanPage(`/admin/orders/${bought.orderId}?done=reissued`, cookie);
		expect(detail).toContain("처리 완료");
		expect(detail).toContain("사용 가능");
		expect(detail).toContain(`aria-label="이용 권한 ${grant?.id} 회수"`);
		expect(detail).toContain("US$15.00 전액을 환불합니다.");
		expect(detail).toContain("새 다운로드 링크를 담은 메일");
		expect(detail).toContain("영수증");
		expect(detail).toMatch(/GMT\+9/);

		const downloads = await koreanPage(`/admin/downloads?order_id=${bought.orderId}`, cookie);
		expect(downloads).toContain("<h1>다운로드</h1>");
		expect(downloads).toContain('aria-label="다운로드 필터"');

		const artists = await koreanPage("/admin/artists?done=approved", cookie);
		expect(artists).toContain("<h1>아티스트 신청</h1>");
		expect(artists).toContain("신청을 승인했습니다.");

		const missing = await koreanPage("/admin/no-such-page", cookie, 404);
		expect(missing).toContain("오류 404");
		expect(missing).toContain("돌아가기");
		expect(missing).toContain("요청 ID");
	});

	it("keeps English for a reader without a language choice", async () => {
		const res = await api("/admin/login", { auth: null, headers: { Accept: "text/html" } });
		const html = await res.text();
		expect(html).toContain('<html lang="en">');
		expect(html).toContain("Sign in to the dashboard");
		expect(html).toContain('href="/admin/login?lang=ko" hreflang="ko" lang="ko">한국어로 보기</a>');
		expect(html).not.toContain(MISSING_MARK);
		// Following the link switches the dashboard to Korean and remembers it.
		const switched = await api("/admin/login?lang=ko", { auth: null, headers: { Accept: "text/html" } });
		expect(await switched.text()).toContain('<html lang="ko">');
		expect(switched.headers.get("Set-Cookie") ?? "").toMatch(/(^|[\s,])lang=ko/);
	});
});
