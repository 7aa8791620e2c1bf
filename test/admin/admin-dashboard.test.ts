import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMagicLink } from "../../src/admin/sessions";
import { getDb } from "../../src/db/client";
import { adminSessions, downloadLog, grants, orders, products, publishHistory } from "../../src/db/schema";
import { productDetail } from "../../src/pipeline/product-queries";
import { buyerOrder, paidOrder, pathOf, publishedProduct, redeem } from "../support/commerce-helpers";
import { ADMIN_KEY, api, countRows, productRow, waitFor } from "../support/helpers";
import { inOneRateWindow } from "../support/rate-window";

const ORIGIN = "http://localhost:8787";
const FORM = "application/x-www-form-urlencoded";

/** A fresh client address per test, so the sign-in limit of one test never touches another. */
function uniqueIp(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(3));
	return `10.${bytes[0]}.${bytes[1]}.${bytes[2]}`;
}

/** A form post as a browser on the dashboard sends it (same Origin). */
function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
	return api(path, {
		method: "POST",
		auth: null,
		headers: { "Content-Type": FORM, Origin: ORIGIN, Accept: "text/html", ...headers },
		body: new URLSearchParams(fields).toString(),
	});
}

/** The `ef_admin=<token>` pair of a response's Set-Cookie, or null. */
function sessionCookie(res: Response): string | null {
	const token = /(?:^|[\s,])ef_admin=([^;]+)/.exec(res.headers.get("Set-Cookie") ?? "")?.[1];
	return token ? `ef_admin=${token}` : null;
}

/** Signs in with the admin key and returns the cookie to send. */
async function signIn(ip = uniqueIp()): Promise<string> {
	const res = await postForm("/admin/login", { key: ADMIN_KEY }, { "CF-Connecting-IP": ip });
	expect(res.status).toBe(303);
	const cookie = sessionCookie(res);
	if (!cookie) throw new Error("no session cookie");
	return cookie;
}

/** A dashboard page as the signed-in browser gets it. */
function page(path: string, cookie: string) {
	return api(path, { auth: null, headers: { Cookie: cookie, Accept: "text/html" } });
}

/** The CSRF token the page's forms carry. */
async function csrfTokenOf(path: string, cookie: string): Promise<string> {
	const res = await page(path, cookie);
	expect(res.status).toBe(200);
	const token = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1];
	if (!token) throw new Error(`no CSRF token on ${path}`);
	return token;
}

async function historyRows(productId: string) {
	return getDb(env.DB).query.publishHistory.findMany({ where: eq(publishHistory.productId, productId) });
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe("dashboard sign-in", () => {
	it("signs in with the admin key: 303 to /admin, an HttpOnly SameSite=Lax cookie, then the dashboard", async () => {
		const sessions = await countRows("admin_sessions");
		const res = await postForm("/admin/login", { key: ADMIN_KEY }, { "CF-Connecting-IP": uniqueIp() });
		expect(res.status).toBe(303);
		expect(res.headers.get("Location")).toBe("/admin");
		const setCookie = res.headers.get("Set-Cookie") ?? "";
		expect(setCookie).toMatch(/^ef_admin=[A-Za-z0-9_-]{40,};/);
		expect(setCookie).toContain("HttpOnly");
		expect(setCookie).toContain("SameSite=Lax");
		expect(setCookie).toContain("Path=/");
		// Plain http (local dev): a Secure cookie would never come back.
		expect(setCookie).not.toContain("Secure");
		expect(await countRows("admin_sessions")).toBe(sessions + 1);

		const dashboard = await page("/admin", sessionCookie(res) ?? "");
		expect(dashboard.status).toBe(200);
		expect(dashboard.headers.get("Content-Type")).toContain("text/html");
		expect(dashboard.headers.get("Cache-Control")).toBe("no-store");
		expect(dashboard.headers.get("X-Frame-Options")).toBe("DENY");
		const html = await dashboard.text();
		expect(html).toContain("<h1>Overview</h1>");
		expect(html).toContain('href="/css/admin.css"');
		expect(html).toContain('class="skip-link" href="#main"');
		expect(html).toContain('action="/admin/logout"');
		// Charts are accessible images with a data table behind them.
		expect(html).toContain('role="img"');
		expect(html).toContain('<title id="chart-revenue-title">Revenue per day, last 14 days</title>');
		expect(html).toMatch(/<table class="visually-hidden"><caption>Revenue per day/);
		// A card per pipeline state, each with its name in words.
		for (const label of [
			"Draft",
			"Generating",
			"QA1 failed",
			"QA1 passed",
			"Packaging",
			"Packaged",
			"QA2 failed",
			"QA2 passed",
			"Published",
			"Unpublished",
			"Archived",
		]) {
			expect(html).toContain(`>${label}</span>`);
		}
		// Signed in, the sign-in page sends the admin on.
		const login = await page("/admin/login", sessionCookie(res) ?? "");
		expect(login.status).toBe(303);
		expect(login.headers.get("Location")).toBe("/admin");
	});

	it("refuses a wrong key with 401 and no cookie, and a sign-in form from another site with 403", async () => {
		const sessions = await countRows("admin_sessions");
		const login = await api("/admin/login", { auth: null, headers: { Accept: "text/html" } });
		expect(login.status).toBe(200);
		expect(login.headers.get("Cache-Control")).toBe("no-store");
		expect(await login.text()).toContain('type="password"');

		const wrong = await postForm("/admin/login", { key: "not-the-key" }, { "CF-Connecting-IP": uniqueIp() });
		expect(wrong.status).toBe(401);
		expect(wrong.headers.get("Set-Cookie")).toBeNull();
		expect(await wrong.text()).toContain("That key is not the admin API key.");

		const crossSite = await postForm("/admin/login", { key: ADMIN_KEY }, { "CF-Connecting-IP": uniqueIp(), Origin: "https://evil.test" });
		expect(crossSite.status).toBe(403);
		expect(crossSite.headers.get("Set-Cookie")).toBeNull();
		expect(await countRows("admin_sessions")).toBe(sessions);
	});

	it("limits sign-in to 5 attempts per 5 minutes per IP, right or wrong, across both forms", () =>
		inOneRateWindow(async () => {
			const ip = uniqueIp();
			for (let i = 0; i < 3; i++) expect((await postForm("/admin/login", { key: "wrong" }, { "CF-Connecting-IP": ip })).status).toBe(401);
			expect((await postForm("/admin/login/magic", { email: "someone@example.com" }, { "CF-Connecting-IP": ip })).status).toBe(200);
			expect((await postForm("/admin/login", { key: ADMIN_KEY }, { "CF-Connecting-IP": ip })).status).toBe(303);
			const sixth = await postForm("/admin/login", { key: ADMIN_KEY }, { "CF-Connecting-IP": ip });
			expect(sixth.status).toBe(429);
			expect(Number(sixth.headers.get("Retry-After"))).toBeGreaterThan(0);
			expect(sixth.headers.get("Set-Cookie")).toBeNull();
			expect(await sixth.text()).toContain("Too many attempts");
			expect((await postForm("/admin/login/magic", { email: "admin@example.com" }, { "CF-Connecting-IP": ip })).status).toBe(429);
			// Another address is not affected.
			expect((await postForm("/admin/login", { key: ADMIN_KEY }, { "CF-Connecting-IP": uniqueIp() })).status).toBe(303);
		}));

	it("mails a single-use link to an ADMIN_EMAILS address, and answers every address the same way", async () => {
		const mails: { to: string; text: string }[] = [];
		const log = console.log;
		vi.spyOn(console, "log").mockImplementation((line: unknown) => {
			const entry = typeof line === "string" && line.includes('"msg":"mail"') ? (JSON.parse(line) as { to: string; text: string }) : null;
			if (entry) mails.push(entry);
			else log(line);
		});
		const links = await countRows("admin_magic_links");
		const unknown = await postForm("/admin/login/magic", { email: "stranger@example.com" }, { "CF-Connecting-IP": uniqueIp() });
		const admin = await postForm("/admin/login/magic", { email: "Admin@Example.com" }, { "CF-Connecting-IP": uniqueIp() });
		expect(unknown.status).toBe(200);
		expect(admin.status).toBe(200);
		const unknownHtml = await unknown.text();
		expect(unknownHtml).toContain("Check your inbox");
		// Same page but for the address typed in: nothing tells an admin address from another.
		expect((await admin.text()).replace("Admin@Example.com", "stranger@example.com")).toBe(unknownHtml);

		// The link is made and mailed after the response (so both answers take the same time).
		await waitFor(async () => (await countRows("admin_magic_links")) === links + 1, 5000, "the magic link row");
		const mail = await waitFor(async () => mails.find((m) => m.to === "admin@example.com"), 5000, "the sign-in mail");
		expect(mails.some((m) => m.to === "stranger@example.com")).toBe(false);
		const link = /http:\/\/localhost:8787(\/admin\/login\/magic\?token=[A-Za-z0-9_%-]+)/.exec(mail.text)?.[1] ?? "";
		expect(link).not.toBe("");

		// Opening the link (as a mail scanner would) spends nothing and signs nobody in.
		const opened = await api(link, { auth: null, headers: { Accept: "text/html" } });
		expect(opened.status).toBe(200);
		expect(opened.headers.get("Set-Cookie")).toBeNull();
		expect(await opened.text()).toContain('action="/admin/login/magic/confirm"');
		const reopened = await api(link, { auth: null, headers: { Accept: "text/html" } });
		expect(reopened.status).toBe(200);
		const token = decodeURIComponent(link.split("token=")[1] ?? "");
		const first = await postForm("/admin/login/magic/confirm", { token }, { "CF-Connecting-IP": uniqueIp() });
		expect(first.status).toBe(303);
		expect(first.headers.get("Location")).toBe("/admin");
		const cookie = sessionCookie(first) ?? "";
		expect((await page("/admin", cookie)).status).toBe(200);
		const session = await getDb(env.DB).query.adminSessions.findFirst({ where: eq(adminSessions.subject, "admin@example.com") });
		expect(session).toBeDefined();

		const second = await postForm("/admin/login/magic/confirm", { token }, { "CF-Connecting-IP": uniqueIp() });
		expect(second.status).toBe(401);
		expect((await api(link, { auth: null, headers: { Accept: "text/html" } })).status).toBe(401);
		expect(second.headers.get("Set-Cookie")).toBeNull();
		expect(await second.text()).toContain("This sign-in link is not valid");
	});

	it("refuses an expired or unknown link, and a link for an address no longer in ADMIN_EMAILS", async () => {
		const db = getDb(env.DB);
		const expired = await createMagicLink(db, "admin@example.com", new Date(Date.now() - 60 * 60_000));
		const removed = await createMagicLink(db, "former-admin@example.com", new Date());
		for (const token of [expired, removed, "not-a-token"]) {
			const res = await api(`/admin/login/magic?token=${encodeURIComponent(token)}`, { auth: null, headers: { Accept: "text/html" } });
			expect(res.status).toBe(401);
			expect(res.headers.get("Set-Cookie")).toBeNull();
		}
		for (const token of [expired, removed, "not-a-token"]) {
			const res = await postForm("/admin/login/magic/confirm", { token }, { "CF-Connecting-IP": uniqueIp() });
			expect(res.status).toBe(401);
			expect(res.headers.get("Set-Cookie")).toBeNull();
		}
		const fresh = await createMagicLink(db, "admin@example.com", new Date());
		const ok = await postForm("/admin/login/magic/confirm", { token: fresh }, { "CF-Connecting-IP": uniqueIp() });
		expect(ok.status).toBe(303);
		expect(sessionCookie(ok)).not.toBeNull();
	});
});

describe("dashboard sessions and CSRF", () => {
	it("redirects every page to sign-in without a live session, and changes nothing", async () => {
		const { product } = await publishedProduct(`no session ${crypto.randomUUID().slice(0, 8)}`);
		for (const path of [
			"/admin",
			"/admin/products",
			`/admin/products/${product.id}`,
			"/admin/orders",
			"/admin/orders/ord_x",
			"/admin/downloads",
			"/admin/nope",
		]) {
			for (const cookie of [null, "ef_admin=forged-token"]) {
				const res = await api(path, { auth: null, headers: cookie ? { Cookie: cookie, Accept: "text/html" } : { Accept: "text/html" } });
				expect(res.status, path).toBe(303);
				expect(res.headers.get("Location")).toBe("/admin/login");
			}
		}
		const post = await postForm(`/admin/products/${product.id}/unpublish`, { _csrf: "anything" });
		expect(post.status).toBe(303);
		expect(post.headers.get("Location")).toBe("/admin/login");
		expect((await productRow(product.id))?.status).toBe("PUBLISHED");
	});

	it("refuses a form without or with a wrong _csrf (403, nothing changes) and acts with the right one", async () => {
		const { product } = await publishedProduct(`csrf check ${crypto.randomUUID().slice(0, 8)}`);
		const cookie = await signIn();
		const token = await csrfTokenOf(`/admin/products/${product.id}`, cookie);
		const path = `/admin/products/${product.id}/unpublish`;

		const forged: Record<string, string>[] = [{}, { _csrf: "wrong-token" }, { _csrf: "" }];
		for (const fields of forged) {
			const res = await postForm(path, { reason: "csrf test", ...fields }, { Cookie: cookie });
			expect(res.status).toBe(403);
			expect(await res.text()).toContain("FORBIDDEN");
			expect((await productRow(product.id))?.status).toBe("PUBLISHED");
			expect(await historyRows(product.id)).toHaveLength(1);
		}
		// Another session's token does not fit this session.
		const otherToken = await csrfTokenOf("/admin", await signIn());
		expect((await postForm(path, { _csrf: otherToken }, { Cookie: cookie })).status).toBe(403);

		const done = await postForm(path, { _csrf: token, reason: "typo in the guide" }, { Cookie: cookie });
		expect(done.status).toBe(303);
		expect(done.headers.get("Location")).toBe(`/admin/products/${product.id}?done=unpublished`);
		expect((await productRow(product.id))?.status).toBe("UNPUBLISHED");
		const history = await historyRows(product.id);
		expect(history.map((row) => [row.action, row.reason])).toEqual([
			["PUBLISHED", expect.any(String)],
			["UNPUBLISHED", "typo in the guide"],
		]);

		// A second unpublish conflicts: the dashboard's error page, state unchanged.
		const again = await postForm(path, { _csrf: token }, { Cookie: cookie });
		expect(again.status).toBe(409);
		expect(await historyRows(product.id)).toHaveLength(2);

		const republished = await postForm(`/admin/products/${product.id}/publish`, { _csrf: token }, { Cookie: cookie });
		expect(republished.status).toBe(303);
		expect((await productRow(product.id))?.status).toBe("PUBLISHED");
		expect(await page(`/admin/products/${product.id}?done=published`, cookie).then((res) => res.text())).toContain("back in the storefront");
	});

	it("signs out: the session is revoked and its old cookie no longer works", async () => {
		const cookie = await signIn();
		const token = await csrfTokenOf("/admin", cookie);
		expect((await postForm("/admin/logout", {}, { Cookie: cookie })).status).toBe(403);
		expect((await page("/admin", cookie)).status).toBe(200);

		const out = await postForm("/admin/logout", { _csrf: token }, { Cookie: cookie });
		expect(out.status).toBe(303);
		expect(out.headers.get("Location")).toBe("/admin/login");
		expect(out.headers.get("Set-Cookie")).toMatch(/^ef_admin=;.*Max-Age=0/);
		const after = await page("/admin", cookie);
		expect(after.status).toBe(303);
		expect(after.headers.get("Location")).toBe("/admin/login");
		expect((await api("/api/products", { auth: null, headers: { Cookie: cookie } })).status).toBe(401);
	});

	it("lets the admin API use the session cookie for GETs but refuses a POST without X-CSRF-Token", async () => {
		const cookie = await signIn();
		const token = await csrfTokenOf("/admin", cookie);
		const list = await api("/api/products?limit=5", { auth: null, headers: { Cookie: cookie } });
		expect(list.status).toBe(200);
		expect(((await list.json()) as { products: unknown[] }).products.length).toBeGreaterThanOrEqual(0);

		const before = await countRows("products");
		const refused = await api("/api/products", { method: "POST", auth: null, headers: { Cookie: cookie }, json: { topic: "session csrf topic" } });
		expect(refused.status).toBe(403);
		const wrong = await api("/api/products", {
			method: "POST",
			auth: null,
			headers: { Cookie: cookie, "X-CSRF-Token": "wrong" },
			json: { topic: "session csrf topic" },
		});
		expect(wrong.status).toBe(403);
		expect(await countRows("products")).toBe(before);
		// With the token the request passes the guard (and reaches the handler: an unknown product).
		const passed = await api("/api/products/prd_nope/retry", { method: "POST", auth: null, headers: { Cookie: cookie, "X-CSRF-Token": token } });
		expect(passed.status).toBe(404);
	});
});

describe("dashboard products", () => {
	it("shows a product's QA reports with every check and the dimension meters, its files and package", async () => {
		const { product, pkg } = await publishedProduct(`detail page ${crypto.randomUUID().slice(0, 8)}`);
		const detail = await productDetail(getDb(env.DB), product.id);
		const cookie = await signIn();
		const res = await page(`/admin/products/${product.id}`, cookie);
		expect(res.status).toBe(200);
		expect(res.headers.get("X-Frame-Options")).toBe("DENY");
		const html = await res.text();
		expect(html).toContain(`data-product-id="${product.id}"`);
		expect(html).toContain('data-status="PUBLISHED"');
		expect(html).toContain('src="/js/admin-live.js"');
		expect(html).toContain('aria-live="polite"');
		expect(detail.qa_reports.map((report) => report.stage).sort()).toEqual([1, 2]);
		for (const report of detail.qa_reports) {
			expect(Object.keys(report.dimensions)).toContain("content_fit");
			expect(html).toContain(`QA${report.stage} <span class="muted">· attempt ${report.attempt}</span>`);
			for (const check of report.checks) expect(html).toContain(`<code>${check.name}</code>`);
			for (const [dimension, score] of Object.entries(report.dimensions)) {
				const id = `qa${report.stage}-${report.attempt}-`;
				expect(html).toMatch(new RegExp(`<meter aria-labelledby="${id}\\d+-${dimension}" min="0" max="100"[^>]* value="${score}"`));
			}
		}
		for (const label of ["Functional", "Structural", "Technical", "Productization", "Content fit"]) expect(html).toContain(`>${label}</span>`);
		expect(html).toContain(pkg.sha256.slice(0, 12));
		for (const file of detail.files) expect(html).toContain(file.path);
		expect(html).toContain("manifest.json");
		expect(html).toContain(`action="/admin/products/${product.id}/unpublish"`);
		expect(html).not.toContain(`action="/admin/products/${product.id}/retry"`);
		expect(html).toContain("Stage runs");
		expect((await page("/admin/products/prd_missing", cookie)).status).toBe(404);
	});

	it("lists products with a live badge, filters by status and searches titles in the query", async () => {
		const tag = crypto.randomUUID().slice(0, 8);
		const { product } = await publishedProduct(`listing ${tag} kombucha`);
		const cookie = await signIn();
		const all = await (await page("/admin/products", cookie)).text();
		expect(all).toContain("data-live-products");
		expect(all).toContain('action="/admin/products/batch"');

		const found = await (await page(`/admin/products?q=${encodeURIComponent(tag.toUpperCase())}&status=`, cookie)).text();
		expect(found).toContain(`data-product-id="${product.id}"`);
		expect(found.match(/data-product-id=/g)).toHaveLength(1);
		// Wildcards are literal: "%" matches only titles containing "%".
		const wildcard = await (await page("/admin/products?q=%25", cookie)).text();
		expect(wildcard).not.toContain("data-product-id=");
		expect(wildcard).toContain("No products match these filters");
		const otherStatus = await (await page(`/admin/products?q=${tag}&status=DRAFT`, cookie)).text();
		expect(otherStatus).not.toContain(`data-product-id="${product.id}"`);
		expect((await page("/admin/products?status=NOPE", cookie)).status).toBe(400);
	});

	it("creates one product (price in dollars) and a batch from the forms", async () => {
		const cookie = await signIn();
		const token = await csrfTokenOf("/admin/products", cookie);
		const topic = `form created ${crypto.randomUUID().slice(0, 8)} pottery`;
		const one = await postForm("/admin/products", { _csrf: token, topic, kind: "digital_kit", price: "12.5", download_limit: "3" }, { Cookie: cookie });
		expect(one.status).toBe(303);
		expect(one.headers.get("Location")).toBe("/admin/products?created=1");
		const row = await getDb(env.DB).query.products.findFirst({ where: eq(products.topic, topic) });
		expect(row).toMatchObject({ priceCents: 1250, downloadLimit: 3, kind: "digital_kit", currency: "usd" });

		const batchTopic = `form batch ${crypto.randomUUID().slice(0, 8)} origami`;
		const batch = await postForm("/admin/products/batch", { _csrf: token, batch: "2", topic: batchTopic }, { Cookie: cookie });
		expect(batch.status).toBe(303);
		expect(batch.headers.get("Location")).toBe("/admin/products?created=2");
		expect(await getDb(env.DB).query.products.findMany({ where: eq(products.topic, batchTopic) })).toHaveLength(2);

		const before = await countRows("products");
		expect(
			(await postForm("/admin/products", { _csrf: token, topic, kind: "digital_kit", price: "12.345", download_limit: "3" }, { Cookie: cookie })).status,
		).toBe(400);
		expect((await postForm("/admin/products/batch", { _csrf: token, batch: "51" }, { Cookie: cookie })).status).toBe(400);
		expect(await countRows("products")).toBe(before);
		expect(await (await page("/admin/products?created=1", cookie)).text()).toContain("1 product created.");
	});
});

describe("dashboard orders", () => {
	it("shows a paid order with its events and grants, revokes a grant, and refunds only when confirmed", async () => {
		const { product } = await publishedProduct(`orders page ${crypto.randomUUID().slice(0, 8)}`);
		const bought = await paidOrder(product.id);
		const cookie = await signIn();

		const list = await (await page("/admin/orders", cookie)).text();
		expect(list).toContain(`href="/admin/orders/${bought.orderId}"`);
		const fulfilled = await (await page("/admin/orders?status=FULFILLED", cookie)).text();
		expect(fulfilled).toContain(bought.orderId);
		expect(await (await page("/admin/orders?status=REFUNDED", cookie)).text()).not.toContain(bought.orderId);

		const detailPath = `/admin/orders/${bought.orderId}`;
		const detail = await (await page(detailPath, cookie)).text();
		expect(detail).toContain("checkout.session.completed");
		expect(detail).toContain("Fulfilled");
		const grant = await getDb(env.DB).query.grants.findFirst({ where: eq(grants.orderId, bought.orderId) });
		expect(grant?.status).toBe("ACTIVE");
		expect(detail).toContain(`action="/admin/grants/${grant?.id}/revoke"`);
		expect(detail).toContain("0 / 5");
		const token = /name="_csrf" value="([^"]+)"/.exec(detail)?.[1] ?? "";

		const reissued = await postForm(`${detailPath}/reissue`, { _csrf: token }, { Cookie: cookie });
		expect(reissued.status).toBe(303);
		expect(reissued.headers.get("Location")).toBe(`${detailPath}?done=reissued`);

		const revoked = await postForm(`/admin/grants/${grant?.id}/revoke`, { _csrf: token }, { Cookie: cookie });
		expect(revoked.status).toBe(303);
		expect(revoked.headers.get("Location")).toBe(`${detailPath}?done=revoked`);
		const after = await getDb(env.DB).query.grants.findFirst({ where: eq(grants.id, grant?.id ?? "") });
		expect(after?.status).toBe("REVOKED");
		expect(await (await page(`${detailPath}?done=revoked`, cookie)).text()).toContain("The grant was revoked");
		expect((await postForm(`/admin/grants/${grant?.id}/revoke`, { _csrf: token }, { Cookie: cookie })).status).toBe(409);

		const unconfirmed = await postForm(`${detailPath}/refund`, { _csrf: token }, { Cookie: cookie });
		expect(unconfirmed.status).toBe(400);
		expect(await unconfirmed.text()).toContain("tick the box to confirm the refund");
		const order = () => getDb(env.DB).query.orders.findFirst({ where: eq(orders.id, bought.orderId) });
		expect((await order())?.status).toBe("FULFILLED");
		const refunded = await postForm(`${detailPath}/refund`, { _csrf: token, confirm: "yes" }, { Cookie: cookie });
		expect(refunded.status).toBe(303);
		expect((await order())?.status).toBe("REFUNDED");
		expect(await (await page(detailPath, cookie)).text()).toContain("charge.refunded");
	});

	it("shows the download log, for all orders or one, with the IP only as a hash prefix", async () => {
		const { product } = await publishedProduct(`download log ${crypto.randomUUID().slice(0, 8)}`);
		const bought = await paidOrder(product.id);
		const link = (await buyerOrder(bought.orderId, bought.key)).items[0]?.download_url ?? "";
		expect((await redeem(pathOf(link), "203.0.113.99", "log-test-agent/2.0")).status).toBe(303);
		const cookie = await signIn();
		const all = await page("/admin/downloads", cookie);
		expect(all.status).toBe(200);
		expect(await all.text()).toContain("<h1>Downloads</h1>");
		const one = await (await page(`/admin/downloads?order_id=${bought.orderId}`, cookie)).text();
		expect(one).toContain(`value="${bought.orderId}"`);
		const [line] = await getDb(env.DB).query.downloadLog.findMany({ where: and(eq(downloadLog.orderId, bought.orderId), eq(downloadLog.action, "redeem")) });
		expect(line?.outcome).toBe("allowed");
		expect(one).toContain(`${line?.ipHash.slice(0, 10)}…`);
		expect(one).not.toContain("203.0.113.99");
		expect(one).toContain("log-test-agent/2.0");
		expect(one).toContain("Allowed");
		expect(await (await page(`/admin/orders/${bought.orderId}`, cookie)).text()).toContain("log-test-agent/2.0");
	});
});
