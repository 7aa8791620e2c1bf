import { describe, expect, it } from "vitest";
import { buyerOrder, orderState, paidOrder, pathOf, publishedProduct, redeem } from "../support/commerce-helpers";
import { api, type ErrorBody } from "../support/helpers";

describe("admin order actions", () => {
	it("refunds through the payment provider, which revokes the grants via the webhook", async () => {
		const { product } = await publishedProduct("admin refund topic");
		const bought = await paidOrder(product.id);
		const link = pathOf((await buyerOrder(bought.orderId, bought.key)).items[0]?.download_url ?? "");
		const res = await api(`/api/orders/${bought.orderId}/refund`, { method: "POST" });
		expect(res.status).toBe(200);
		const body = (await res.json()) as {
			refund: { status: string };
			order: { status: string; grants: { status: string }[]; payment_events: { type: string; outcome: string }[] };
		};
		expect(body.refund.status).toBe("succeeded");
		expect(body.order.status).toBe("REFUNDED");
		expect(body.order.grants.map((g) => g.status)).toEqual(["REVOKED"]);
		expect(body.order.payment_events.map((e) => `${e.type}:${e.outcome}`)).toEqual(["checkout.session.completed:fulfilled", "charge.refunded:revoked"]);
		expect((await redeem(link)).status).toBe(403);
		const again = await api(`/api/orders/${bought.orderId}/refund`, { method: "POST" });
		expect(again.status).toBe(409);
		expect(((await again.json()) as ErrorBody).error.code).toBe("CONFLICT");
	});

	it("revokes one grant, re-issues links, and validates", async () => {
		const { product } = await publishedProduct("admin grant topic");
		const bought = await paidOrder(product.id);
		const grantId = (await orderState(bought.orderId)).grants[0]?.id ?? "";
		const reissued = await api(`/api/orders/${bought.orderId}/reissue`, { method: "POST" });
		expect(reissued.status).toBe(200);
		const revoked = await api(`/api/grants/${grantId}/revoke`, { method: "POST" });
		expect(revoked.status).toBe(200);
		expect(((await revoked.json()) as { grant: { status: string } }).grant.status).toBe("REVOKED");
		expect((await api(`/api/grants/${grantId}/revoke`, { method: "POST" })).status).toBe(409);
		expect((await api("/api/grants/grt_nope/revoke", { method: "POST" })).status).toBe(404);
		expect((await buyerOrder(bought.orderId, bought.key)).items[0]?.download_url).toBeNull();
		expect((await api(`/api/orders/${bought.orderId}/refund`, { method: "POST", json: { amount_cents: 10_000_000 } })).status).toBe(400);
		expect((await api(`/api/grants/${grantId}/revoke`, { method: "POST", auth: null })).status).toBe(401);
	});

	it("shows the overview figures", async () => {
		const { product } = await publishedProduct("admin overview topic");
		await paidOrder(product.id);
		const res = await api("/api/overview");
		expect(res.status).toBe(200);
		const overview = (await res.json()) as { status_counts: Record<string, number>; sales: { orders: number }[]; qa: { qa1: { pass_rate: number | null } } };
		expect(overview.status_counts.PUBLISHED).toBeGreaterThanOrEqual(1);
		expect(overview.sales).toHaveLength(14);
		expect(overview.sales.at(-1)?.orders).toBeGreaterThanOrEqual(1);
		expect(overview.qa.qa1.pass_rate).toBe(100);
	});
});
