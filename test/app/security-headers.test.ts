import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api } from "../support/helpers";
import { pageFixtures as fixtures, pageRoutes } from "../support/page-routes";

/** Pages whose URL carries a secret (a token, an order key, a checkout session): never sent on in a Referer. */
const TOKEN_PAGES = /^\/(download|files|orders|local-pay|auth)\//;

/** Inline script or style, or an inline event handler: what a strict CSP refuses to run. */
function inlineCode(html: string): string[] {
	const found: string[] = [];
	for (const match of html.matchAll(/<script\b([^>]*)>/gi)) if (!/\bsrc=/.test(match[1] ?? "")) found.push(match[0]);
	for (const match of html.matchAll(/<style\b[^>]*>|\sstyle="[^"]*"|\son[a-z]+="[^"]*"|javascript:/gi)) found.push(match[0]);
	return found;
}

describe("security headers", () => {
	it("sends a strict CSP, frame-ancestors 'none', nosniff and a Referrer-Policy on every page, signed in or not, and no page needs inline code", async () => {
		const { paths, cookie } = await fixtures();
		const routes = pageRoutes(paths);
		expect(routes.length).toBeGreaterThan(30);
		let pages = 0;
		let rendered = 0;
		for (const who of ["anonymous", "signed in"] as const) {
			for (const path of routes) {
				const headers: Record<string, string> = { Accept: "text/html", "CF-Connecting-IP": "198.51.100.42" };
				if (who === "signed in") headers.Cookie = cookie;
				const res = await api(path, { auth: null, headers });
				const where = `${who} GET ${path} → ${res.status}`;
				expect(res.headers.get("X-Content-Type-Options"), where).toBe("nosniff");
				const tokenPage = TOKEN_PAGES.test(path);
				if (tokenPage) expect(res.headers.get("Referrer-Policy"), where).toBe("no-referrer");
				else expect(res.headers.get("Referrer-Policy"), where).toMatch(/^(no-referrer|same-origin|strict-origin-when-cross-origin)$/);
				if (!(res.headers.get("Content-Type") ?? "").startsWith("text/html")) continue;
				pages++;
				if (res.status === 200) rendered++;
				const csp = res.headers.get("Content-Security-Policy") ?? "";
				if (path.includes("/preview/")) {
					// The product's own landing page keeps its sandbox, and may be framed by its product page.
					expect(csp, where).toMatch(/^sandbox;/);
					continue;
				}
				expect(csp, where).toContain("frame-ancestors 'none'");
				expect(csp, where).toMatch(/(^|; )script-src 'self'(;|$)/);
				expect(csp, where).toMatch(/(^|; )style-src 'self'(;|$)/);
				expect(csp, where).toContain("default-src 'self'");
				expect(csp, where).toContain("base-uri 'none'");
				expect(csp, where).not.toContain("unsafe-inline");
				expect(res.headers.get("X-Frame-Options"), where).toBe("DENY");
				expect(res.headers.get("Strict-Transport-Security"), `${where} (plain http)`).toBeNull();
				expect(inlineCode(await res.text()), where).toEqual([]);
			}
		}
		expect(pages).toBeGreaterThanOrEqual(40);
		// Most of them rendered for real (200), not as an error page.
		expect(rendered).toBeGreaterThanOrEqual(30);
	});

	it("sends no-referrer and nosniff with the file of a download session", async () => {
		const { paths } = await fixtures();
		const res = await api(paths["/files/:token"] ?? "", { auth: null });
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toBe("application/zip");
		expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
		expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
	});

	it("sends HSTS over https, on pages and errors alike", async () => {
		for (const path of ["/", "/styles", "/no-such-page"]) {
			const res = await exports.default.fetch(new Request(`https://localhost:8787${path}`, { headers: { Accept: "text/html" } }));
			expect(res.headers.get("Strict-Transport-Security"), path).toMatch(/^max-age=\d{8,}/);
			expect(res.headers.get("Content-Security-Policy"), path).toContain("frame-ancestors 'none'");
		}
	});
});
