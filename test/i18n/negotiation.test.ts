import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../src/app-env";
import { i18nMiddleware, preferLocale } from "../../src/routes/locale";
import type { AppDeps } from "../../src/wiring";
import { api, type ErrorBody } from "../support/helpers";

const langOf = (html: string) => /<html lang="(\w+)"/.exec(html)?.[1];

async function page(path: string, headers: Record<string, string> = {}) {
	const res = await api(path, { auth: null, headers: { Accept: "text/html", ...headers } });
	return { res, html: await res.text() };
}

describe("choosing the reader's language", () => {
	it("uses the configured default without a choice or a browser preference, else the browser's Accept-Language", async () => {
		expect(langOf((await page("/")).html)).toBe("en");
		expect(langOf((await page("/", { "Accept-Language": "ko-KR,ko;q=0.9,en;q=0.8" })).html)).toBe("ko");
		// A language the store does not speak is skipped for the next one the browser accepts.
		expect(langOf((await page("/", { "Accept-Language": "fr-FR, ko;q=0.5" })).html)).toBe("ko");
		expect(langOf((await page("/", { "Accept-Language": "fr-FR, de;q=0.5" })).html)).toBe("en");
	});

	it("lets an explicit choice win, remembers it in a cookie, and ignores values it does not know", async () => {
		const chosen = await page("/?lang=ko", { "Accept-Language": "en" });
		expect(langOf(chosen.html)).toBe("ko");
		const cookie = chosen.res.headers.get("Set-Cookie") ?? "";
		expect(cookie).toMatch(/^lang=ko;/);
		expect(cookie).toMatch(/Max-Age=31536000/);
		expect(cookie).toMatch(/SameSite=Lax/);
		// The next page, without the parameter, keeps the language through the cookie.
		expect(langOf((await page("/styles", { Cookie: "lang=ko", "Accept-Language": "en" })).html)).toBe("ko");
		expect(langOf((await page("/", { Cookie: "lang=en", "Accept-Language": "ko" })).html)).toBe("en");
		const unknown = await page("/?lang=xx", { Cookie: "lang=ko" });
		expect(langOf(unknown.html)).toBe("ko");
		expect(unknown.res.headers.get("Set-Cookie")).toBeNull();
		// Only an explicit choice sets a cookie; a page read in the browser's language does not.
		expect((await page("/", { "Accept-Language": "ko" })).res.headers.get("Set-Cookie")).toBeNull();
	});

	it("offers the other language and the time zone on every page, keeping the page's own query", async () => {
		const { html } = await page("/styles?q=ink&lang=ko");
		expect(html).toContain('href="/styles?q=ink&amp;lang=en"');
		expect(html).toMatch(/<span aria-current="true" lang="ko">한국어<\/span>/);
		expect(html).toMatch(/<form class="time-zone-form" method="get" action="\/styles">/);
		expect(html).toContain('<input type="hidden" name="q" value="ink"/>');
		expect(html).toMatch(/<option value="Asia\/Seoul" selected="">Asia\/Seoul<\/option>/);
	});

	it("remembers a valid time zone and ignores an unknown one", async () => {
		const set = await page("/?tz=America/New_York");
		expect(set.res.headers.get("Set-Cookie")).toMatch(/^tz=America%2FNew_York;/);
		expect(set.html).toMatch(/<option value="America\/New_York" selected="">/);
		const bad = await page("/?tz=Mars/Olympus", { Cookie: "tz=Europe/Berlin" });
		expect(bad.res.headers.get("Set-Cookie")).toBeNull();
		expect(bad.html).toMatch(/<option value="Europe\/Berlin" selected="">/);
	});
});

describe("API errors in the reader's language", () => {
	it("keeps the code and words the message in Korean, English by default", async () => {
		const path = "/api/catalog/no-such-product";
		const korean = await api(path, { auth: null, headers: { "Accept-Language": "ko" } });
		const english = await api(path, { auth: null });
		expect(korean.status).toBe(404);
		expect(english.status).toBe(404);
		const ko = (await korean.json()) as ErrorBody;
		const en = (await english.json()) as ErrorBody;
		expect(ko.error.code).toBe("NOT_FOUND");
		expect(en.error.code).toBe("NOT_FOUND");
		expect(ko.error.message).toMatch(/[가-힣]/);
		expect(en.error.message).not.toMatch(/[가-힣]/);
	});

	it("words each failed field of a validation again in Korean, naming the field", async () => {
		const res = await api("/api/checkout", {
			method: "POST",
			auth: null,
			headers: { "Accept-Language": "ko" },
			json: { product_id: 42, email: "not-an-address" },
		});
		expect(res.status).toBe(400);
		const body = (await res.json()) as ErrorBody;
		expect(body.error.code).toBe("VALIDATION_FAILED");
		expect(body.error.message).toMatch(/product_id: [^;]*[가-힣]/);
		expect(body.error.message).toMatch(/email: [^;]*[가-힣]/);
	});

	it("renders the HTML error page in Korean for a Korean reader", async () => {
		const { res, html } = await page("/no-such-page", { "Accept-Language": "ko" });
		expect(res.status).toBe(404);
		expect(langOf(html)).toBe("ko");
		expect(html).toContain("페이지를 찾을 수 없습니다");
		expect(html).toContain("오류 코드");
	});
});

describe("a product line's own default language", () => {
	/** A tiny app with the real middleware: deps carry only what it reads. */
	function appWith(defaultLocale: "en" | "ko") {
		const deps = { config: { i18n: { defaultLocale, fallback: false } } } as unknown as AppDeps;
		const portraits = new Hono<AppEnv>().use(preferLocale("ko")).get("/", (c) => c.text(c.var.i18n.locale));
		return new Hono<AppEnv>()
			.use(async (c, next) => {
				c.set("deps", deps);
				await next();
			})
			.use(i18nMiddleware)
			.get("/", (c) => c.text(c.var.i18n.locale))
			.route("/portraits", portraits);
	}
	const read = async (app: Hono<AppEnv>, path: string, headers: Record<string, string> = {}) => (await app.request(path, { headers })).text();

	it("is Korean on its pages when nothing else decides, and yields to the reader's choice and browser", async () => {
		const app = appWith("en");
		expect(await read(app, "/")).toBe("en");
		expect(await read(app, "/portraits")).toBe("ko");
		expect(await read(app, "/portraits", { "Accept-Language": "en-US" })).toBe("en");
		expect(await read(app, "/portraits", { Cookie: "lang=en" })).toBe("en");
	});

	it("follows DEFAULT_LOCALE for the rest of the store", async () => {
		expect(await read(appWith("ko"), "/")).toBe("ko");
	});
});
