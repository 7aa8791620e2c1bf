import { describe, expect, it } from "vitest";
import { PortOneApiError, portoneApi } from "../../src/commerce/payments/portone-api";
import { outsideHttp } from "../../src/lib/outside-http";
import { portoneSettings } from "../support/portone-helpers";

/**
 * PortOne's API over the outside client: which calls are retried. The client answers the first
 * `unavailable` requests with a 503 of its own and forwards the rest to the fake PortOne,
 * recording each attempt; sleeps are recorded, not waited.
 */
function api(unavailable: number) {
	const attempts: { method: string; path: string; idempotencyKey: string | null }[] = [];
	let left = unavailable;
	const http = outsideHttp({
		fetch: async (input, init) => {
			attempts.push({
				method: init?.method ?? "GET",
				path: new URL(String(input)).pathname,
				idempotencyKey: new Headers(init?.headers).get("Idempotency-Key"),
			});
			if (left > 0) {
				left--;
				return Response.json({ type: "INTERNAL", message: "unavailable" }, { status: 503 });
			}
			return fetch(input, init);
		},
		sleep: async () => {},
	});
	return { portone: portoneApi(portoneSettings(), http), attempts };
}

const unknownPayment = () => `pay_unknown_${crypto.randomUUID().replaceAll("-", "")}`;

describe("portoneApi over the outside HTTP client", () => {
	it("retries a read after 503s and then answers what PortOne says (no such payment)", async () => {
		const { portone, attempts } = api(2);
		expect(await portone.getPayment(unknownPayment())).toBeNull();
		expect(attempts.map((attempt) => attempt.method)).toEqual(["GET", "GET", "GET"]);
	});

	it("sends a pre-registration once: it carries no idempotency key", async () => {
		const { portone, attempts } = api(1);
		await expect(portone.preRegister(unknownPayment(), { totalAmount: 9900, currency: "KRW" })).rejects.toMatchObject({ status: 503 });
		expect(attempts).toHaveLength(1);
		expect(attempts[0]?.idempotencyKey).toBeNull();
	});

	it("keys a cancel by what it says, so a retried cancel is the same request to PortOne", async () => {
		const { portone, attempts } = api(1);
		const paymentId = unknownPayment();
		const request = { reason: "Refund by the store (refund-1)", currentCancellableAmount: 9900 };
		// The 503 is retried under the same key; the fake then answers that it knows no such payment.
		const refused = await portone.cancel(paymentId, request).catch((err: unknown) => err);
		expect(refused).toBeInstanceOf(PortOneApiError);
		expect(refused).toMatchObject({ status: 404 });
		expect(attempts).toHaveLength(2);
		const [first, second] = attempts;
		expect(first?.idempotencyKey).toMatch(/^cancel-[0-9a-f]{64}$/);
		expect(second?.idempotencyKey).toBe(first?.idempotencyKey);

		// Another cancel (another amount, another reason, another payment) has another key.
		const other = api(0);
		await other.portone.cancel(paymentId, { ...request, amount: 1000 }).catch(() => null);
		await other.portone.cancel(paymentId, { ...request, reason: "Refund by the store (refund-2)" }).catch(() => null);
		await other.portone.cancel(unknownPayment(), request).catch(() => null);
		await other.portone.cancel(paymentId, request).catch(() => null);
		const keys = other.attempts.map((attempt) => attempt.idempotencyKey);
		expect(new Set(keys.slice(0, 3)).size).toBe(3);
		expect(keys).not.toContain(null);
		expect(keys.slice(0, 3)).not.toContain(first?.idempotencyKey);
		expect(keys[3]).toBe(first?.idempotencyKey);
	});
});
