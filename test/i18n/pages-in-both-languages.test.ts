import { describe, expect, it } from "vitest";
import { MISSING_MARK } from "../../src/i18n/translator";
import { api } from "../support/helpers";
import { pageFixtures, pageRoutes } from "../support/page-routes";
import { englishPhrases, visibleText } from "./english-strings";

/** Developer pages that are English by design: the API reference UI comes from an npm package. */
const ENGLISH_ONLY = /^\/docs(\/|$)/;
/** GET routes that answer something other than a page of ours: JSON, a file, the product's own preview, a redirect to the provider. */
/**
 * Pages without the user's header on purpose: the dashboard has its own, and the pages a link
 * opens (payment, download) show no account, so a shared link reveals nobody.
 */
const NO_USER_HEADER = /^\/(admin|local-pay|download)(\/|$)/;
const NOT_OUR_PAGES = /^\/(openapi\.json|files\/|auth\/login$)|\/preview\//;

describe("every page in Korean and in English", () => {
	it("renders each page route in both languages with <html lang>, no missing message, no English catalogue phrase on a Korean page, and the signed-in header", async () => {
		const { paths, cookie } = await pageFixtures();
		const routes = pageRoutes(paths).filter((path) => !ENGLISH_ONLY.test(path));
		const phrases = englishPhrases();
		expect(phrases.size).toBeGreaterThan(50);
		const checkedInKorean = new Set<string>();
		const signedOutHeader: string[] = [];
		for (const locale of ["ko", "en"] as const) {
			for (const who of ["anonymous", "signed in"] as const) {
				for (const path of routes) {
					const headers: Record<string, string> = { Accept: "text/html", "CF-Connecting-IP": "198.51.100.43" };
					headers.Cookie = who === "signed in" ? `${cookie}; lang=${locale}` : `lang=${locale}`;
					const res = await api(path, { auth: null, headers });
					if (!(res.headers.get("Content-Type") ?? "").startsWith("text/html") || path.includes("/preview/")) continue;
					const where = `${locale} ${who} GET ${path} → ${res.status}`;
					const html = await res.text();
					expect(html, where).toContain(`<html lang="${locale}"`);
					expect(html, where).not.toContain(MISSING_MARK);
					// A signed-in reader sees their header (balance, account) on every page of theirs.
					if (who === "signed in" && res.status === 200 && !NO_USER_HEADER.test(path) && !html.includes('class="nav-credits"')) signedOutHeader.push(path);
					if (locale !== "ko") continue;
					checkedInKorean.add(path);
					const text = visibleText(html);
					const english = [...phrases].filter(([phrase]) => text.includes(phrase)).map(([phrase, key]) => `${key}: "${phrase}"`);
					expect(english, where).toEqual([]);
					expect(/[가-힣]/.test(text), `${where} has Hangul`).toBe(true);
				}
			}
		}
		// Each of our pages was read in Korean by the anonymous reader or the signed-in one.
		expect(routes.filter((path) => !NOT_OUR_PAGES.test(path) && !checkedInKorean.has(path))).toEqual([]);
		expect(checkedInKorean.size).toBeGreaterThan(20);
		expect(signedOutHeader).toEqual([]);
		// Every page route four times (two languages, two readers): with the community pages this passes the default 30 s on a busy runner.
	}, 90_000);
});
