import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signToken } from "../../src/commerce/tokens";
import { buyerOrder, paidOrder, pathOf, publishedProduct, redeem } from "../support/commerce-helpers";
import { downloadLogOf, fileAs, refusalTallies } from "../support/download-helpers";
import { api, countRows, type ErrorBody, testAppDeps } from "../support/helpers";

async function errorCode(res: Response) {
	return ((await res.json()) as ErrorBody).error.code;
}

/** A paid order of a fresh product: its grant, its download link's path and the link keyring. */
async function orderWithLink(topic: string, downloadLimit = 5) {
	const { product } = await publishedProduct(topic, { downloadLimit });
	const bought = await paidOrder(product.id);
	const view = await buyerOrder(bought.orderId, bought.key);
	const grantId = view.items[0]?.grant?.id ?? "";
	return { orderId: bought.orderId, grantId, link: pathOf(view.items[0]?.download_url ?? ""), keyring: (await testAppDeps()).keys.links };
}

/** The (unverified) claims of the token at the end of a path. */
function claimsOf(path: string): { sid: string } {
	const payload = path.split("/").pop()?.split(".")[1] ?? "";
	return JSON.parse(atob(payload.replaceAll("-", "+").replaceAll("_", "/")));
}

function landing(path: string, ip: string) {
	return api(path, { auth: null, headers: { Accept: "text/html", "CF-Connecting-IP": ip } });
}

describe("the download log traces every verified attempt to its order", () => {
	it("logs refusals of a real order's tokens (expired, limit reached, suspended, revoked) with its grant and order", async () => {
		const { orderId, grantId, link, keyring } = await orderWithLink("traceable refusals topic", 1);
		const ip = "203.0.113.150";
		const past = new Date(Date.now() - 3 * 3_600_000);
		const expiredLink = `/download/${await signToken(keyring, { purpose: "download", grantId }, past, new Date(past.getTime() + 60_000))}`;

		// An expired link: its claims are read once the signature verified, so the refusal names the grant.
		expect((await landing(expiredLink, ip)).status).toBe(410);
		const expiredRedeem = await redeem(expiredLink, ip);
		expect(expiredRedeem.status).toBe(410);
		expect(await errorCode(expiredRedeem)).toBe("TOKEN_EXPIRED");

		// The one use, then the limit.
		const session = (await redeem(link, ip)).headers.get("Location") ?? "";
		expect(session).toMatch(/^\/files\//);
		expect((await landing(link, ip)).status).toBe(410);
		expect((await redeem(link, "203.0.113.151", "another-browser")).status).toBe(410);

		// An expired file session.
		const sessionId = claimsOf(session).sid;
		const expiredFile = `/files/${await signToken(keyring, { purpose: "file", grantId, sessionId }, past, new Date(past.getTime() + 60_000))}`;
		const expired = await fileAs(expiredFile, ip);
		expect(expired.status).toBe(410);
		expect(await errorCode(expired)).toBe("TOKEN_EXPIRED");

		// A suspended grant (a dispute), then a revoked one (a refund).
		await env.DB.prepare("UPDATE grants SET status = 'SUSPENDED' WHERE id = ?").bind(grantId).run();
		expect((await landing(link, ip)).status).toBe(403);
		expect((await redeem(link, ip)).status).toBe(403);
		expect((await fileAs(session, ip)).status).toBe(403);
		await env.DB.prepare("UPDATE grants SET status = 'ACTIVE' WHERE id = ?").bind(grantId).run();
		expect((await api(`/api/grants/${grantId}/revoke`, { method: "POST" })).status).toBe(200);
		const revoked = await redeem(link, ip);
		expect(revoked.status).toBe(403);
		expect(await errorCode(revoked)).toBe("ACCESS_REVOKED");

		const log = await downloadLogOf(orderId);
		expect(log.map((row) => `${row.action}:${row.outcome}:${row.reason}:${row.status}`).sort()).toEqual(
			[
				"landing:denied:TOKEN_EXPIRED:410",
				"redeem:denied:TOKEN_EXPIRED:410",
				"redeem:allowed:new_session:303",
				"landing:denied:DOWNLOAD_LIMIT_REACHED:410",
				"redeem:denied:DOWNLOAD_LIMIT_REACHED:410",
				"file:denied:TOKEN_EXPIRED:410",
				"landing:denied:ACCESS_REVOKED:403",
				"redeem:denied:ACCESS_REVOKED:403",
				"file:denied:ACCESS_REVOKED:403",
				"redeem:denied:ACCESS_REVOKED:403",
			].sort(),
		);
		expect(new Set(log.map((row) => row.grant_id))).toEqual(new Set([grantId]));
		expect(new Set(log.map((row) => row.order_id))).toEqual(new Set([orderId]));
		// File attempts name their session, the expired one included.
		expect(log.filter((row) => row.action === "file").every((row) => row.session_id === sessionId)).toBe(true);
	});

	it("writes no row for a token that does not verify: a counter per client and minute instead", async () => {
		const { link } = await orderWithLink("garbage token topic");
		const token = link.split("/download/")[1] ?? "";
		const [header = "", payload = ""] = token.split(".");
		const ip = "198.51.100.160";
		const before = await countRows("download_log");
		const garbage = ["not.a.token-at-all", `${header}.${payload}.${"A".repeat(43)}`, "x".repeat(600)];
		for (const bad of garbage) {
			expect((await landing(`/download/${bad}`, ip)).status).toBe(401);
			expect((await redeem(`/download/${bad}`, ip)).status).toBe(401);
			expect((await fileAs(`/files/${bad}`, ip)).status).toBe(401);
			expect((await fileAs(`/files/${bad}`, ip, { method: "HEAD" })).status).toBe(401);
		}
		expect(await countRows("download_log")).toBe(before);
		expect(await refusalTallies(ip)).toEqual({
			"download-refusals:landing:TOKEN_INVALID": 3,
			"download-refusals:redeem:TOKEN_INVALID": 3,
			"download-refusals:file:TOKEN_INVALID": 6,
		});
	});
});
