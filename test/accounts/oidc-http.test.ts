import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { discover, redeemCode } from "../../src/accounts/oidc";
import { outsideHttp } from "../../src/lib/outside-http";

/**
 * A client over the real fetch (to the development issuer) that first answers `unavailable`
 * requests with a 503 of its own, and records each attempt; sleeps are recorded, not waited.
 */
function flakyHttp(unavailable: number) {
	const attempts: string[] = [];
	const delays: number[] = [];
	let left = unavailable;
	const http = outsideHttp({
		fetch: async (input, init) => {
			attempts.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname}`);
			if (left > 0) {
				left--;
				return new Response("unavailable", { status: 503 });
			}
			return fetch(input, init);
		},
		sleep: async (ms) => {
			delays.push(ms);
		},
	});
	return { http, attempts, delays };
}

const config = () => ({ issuer: env.OIDC_ISSUER, clientId: "edge-factory", clientSecret: "not-used", redirectUri: "http://localhost:8787/auth/callback" });

describe("OIDC over the outside HTTP client", () => {
	it("retries discovery briefly (2 retries, at most 2 s apart): a person is waiting", async () => {
		// Asked a year ahead, so a document another test left in this isolate's cache counts as expired.
		const issuer = env.OIDC_ISSUER;
		const recovering = flakyHttp(2);
		expect((await discover(recovering.http, issuer, Date.now() + 365 * 86_400_000)).issuer).toBe(issuer);
		expect(recovering.attempts).toEqual([
			"GET /.well-known/openid-configuration",
			"GET /.well-known/openid-configuration",
			"GET /.well-known/openid-configuration",
		]);
		for (const delay of recovering.delays) expect(delay).toBeLessThanOrEqual(2_000);
	});

	it("gives up after three tries with SIGN_IN_UNAVAILABLE", async () => {
		const down = flakyHttp(9);
		await expect(discover(down.http, `${env.OIDC_ISSUER}/down-${crypto.randomUUID()}`)).rejects.toMatchObject({ status: 503, code: "SIGN_IN_UNAVAILABLE" });
		expect(down.attempts).toHaveLength(3);
	});

	it("sends the token request once: a code is single-use", async () => {
		const { http, attempts } = flakyHttp(1);
		const provider = await discover(outsideHttp(), env.OIDC_ISSUER);
		await expect(redeemCode(http, config(), provider, "code-1", "verifier-1")).rejects.toMatchObject({ status: 503, code: "SIGN_IN_UNAVAILABLE" });
		expect(attempts).toEqual([`POST ${new URL(provider.token_endpoint).pathname}`]);
	});
});
