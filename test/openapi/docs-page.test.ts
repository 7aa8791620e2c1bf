import { describe, expect, it } from "vitest";
import { api } from "../support/helpers";

describe("GET /docs", () => {
	it("serves swagger-ui from same-origin files under the strict page CSP", async () => {
		const res = await api("/docs", { auth: null });
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toContain("text/html");
		const csp = res.headers.get("Content-Security-Policy") ?? "";
		expect(csp).toContain("script-src 'self'");
		expect(csp).not.toContain("unsafe-inline");
		const html = await res.text();
		const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((match) => match[1] ?? "");
		expect(scripts).toEqual([' src="/docs-ui/vendor/swagger-ui-bundle.js" defer', ' src="/docs-ui/init.js" defer']);
		expect(html).not.toMatch(/https?:\/\//);
	});
});
