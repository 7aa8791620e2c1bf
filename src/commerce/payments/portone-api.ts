import { z } from "zod";
import { sha256Hex } from "../../lib/hash";
import { type OutsideHttp, outsideHttp } from "../../lib/outside-http";

/**
 * PortOne's V2 REST API (https://api.portone.io), the three calls the shop makes: pre-register
 * a payment's amount, read a payment, cancel (refund) a payment. Called over the outside HTTP
 * client rather than `@portone/server-sdk`'s, so the base URL can point at the local fake in
 * tests, every call is logged and retried by the house rule, and the one thing that matters here
 * (never trusting a browser or a webhook body) stays readable.
 *
 * Retries: reads (GET) are retried on network errors, 5xx and 429. A cancel carries an
 * `Idempotency-Key` (PortOne V2 honours it on POST: a repeated key gets the first answer, the
 * cancel is not made twice), so it is retried too. Pre-registration carries none and is sent once:
 * the buyer, who is waiting, tries again.
 */

/** Settings of the PortOne provider (config.portone). `apiBase` points at another host (the fake). */
export type PortOneSettings = { apiSecret: string; storeId: string; channelKey: string; webhookSecret: string; apiBase: string | null };

const DEFAULT_API_BASE = "https://api.portone.io";

// A buyer or a webhook delivery is waiting on every call; a clear error beats hanging.
const REQUEST_TIMEOUT_MS = 20_000;

/** A payment's status as PortOne reports it; anything PortOne adds later reads as `UNKNOWN`. */
export const PORTONE_PAYMENT_STATUSES = ["READY", "PENDING", "VIRTUAL_ACCOUNT_ISSUED", "PAID", "FAILED", "PARTIAL_CANCELLED", "CANCELLED"] as const;
export type PortOnePaymentStatus = (typeof PORTONE_PAYMENT_STATUSES)[number] | "UNKNOWN";

/** The fields of PortOne's Payment object the shop reads (the rest is ignored). */
const PaymentSchema = z.object({
	id: z.string(),
	storeId: z.string().optional(),
	status: z.string().transform((value): PortOnePaymentStatus => PORTONE_PAYMENT_STATUSES.find((known) => known === value) ?? "UNKNOWN"),
	orderName: z.string().optional(),
	currency: z.string(),
	amount: z.object({ total: z.number().int(), paid: z.number().int().optional(), cancelled: z.number().int().optional() }),
	paidAt: z.string().optional(),
	failedAt: z.string().optional(),
	statusChangedAt: z.string().optional(),
	/** The payment's cancellations (refunds), with the reason each was asked for under. */
	cancellations: z.array(z.object({ id: z.string(), status: z.string(), totalAmount: z.number().int().optional(), reason: z.string().optional() })).optional(),
	/** Present on FAILED payments: why the payment window or the PG refused. */
	failure: z.object({ reason: z.string().optional(), pgCode: z.string().optional(), pgMessage: z.string().optional() }).optional(),
});
export type PortOnePayment = z.infer<typeof PaymentSchema>;

const CancelResponseSchema = z.object({
	cancellation: z.object({ id: z.string(), status: z.string(), totalAmount: z.number().int().optional() }),
});

/** An error PortOne answered with: its HTTP status and its `{type, message}` body. */
export class PortOneApiError extends Error {
	constructor(
		readonly status: number,
		readonly type: string,
		message: string,
	) {
		super(`PortOne ${status} ${type}: ${message}`);
		this.name = "PortOneApiError";
	}
}

/** The PortOne calls, bound to one store and API secret. */
export type PortOneApi = {
	readonly settings: PortOneSettings;
	/** Fixes a payment's amount and currency before the browser opens the payment window. */
	preRegister(paymentId: string, amount: { totalAmount: number; currency: string }): Promise<void>;
	/** The payment as PortOne knows it now, or null when PortOne has no such payment. */
	getPayment(paymentId: string): Promise<PortOnePayment | null>;
	/** Cancels all of a payment (what is left of it) or `amount` of it; a retry under the same key moves no money again. */
	cancel(paymentId: string, request: { amount?: number; reason: string; currentCancellableAmount: number }): Promise<{ id: string; status: string }>;
};

/**
 * The `Idempotency-Key` of a cancel: the hash of everything the cancel says (payment, reason,
 * which names the refund request, the balance it expects, the amount). The same cancel sent again
 * is the same request to PortOne; any other cancel has another key. PortOne accepts 16 to 256 of
 * `[A-Za-z0-9_-]`.
 */
async function cancelKey(paymentId: string, body: Record<string, unknown>): Promise<string> {
	return `cancel-${await sha256Hex(JSON.stringify([paymentId, body]))}`;
}

/** PortOne's API over the outside HTTP client, with `Authorization: PortOne <API secret>`. */
export function portoneApi(settings: PortOneSettings, http: OutsideHttp = outsideHttp()): PortOneApi {
	const base = (settings.apiBase ?? DEFAULT_API_BASE).replace(/\/+$/, "");
	async function call(
		operation: string,
		method: "GET" | "POST",
		path: string,
		body?: unknown,
		headers: Record<string, string> = {},
	): Promise<{ status: number; json: unknown }> {
		const res = await http({ provider: "portone", operation, timeoutMs: REQUEST_TIMEOUT_MS }, `${base}${path}`, {
			method,
			headers: {
				Authorization: `PortOne ${settings.apiSecret}`,
				Accept: "application/json",
				...(body === undefined ? {} : { "Content-Type": "application/json" }),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let json: unknown = null;
		try {
			json = text ? JSON.parse(text) : null;
		} catch {
			json = null;
		}
		return { status: res.status, json };
	}
	function fail(status: number, json: unknown): never {
		const parsed = z.object({ type: z.string(), message: z.string().optional() }).safeParse(json);
		throw new PortOneApiError(status, parsed.success ? parsed.data.type : "UNKNOWN", parsed.success ? (parsed.data.message ?? "") : "unexpected answer");
	}
	const paymentPath = (paymentId: string) => `/payments/${encodeURIComponent(paymentId)}`;
	return {
		settings,
		async preRegister(paymentId, { totalAmount, currency }) {
			const { status, json } = await call("payments.preRegister", "POST", `${paymentPath(paymentId)}/pre-register`, {
				storeId: settings.storeId,
				totalAmount,
				currency,
			});
			if (status !== 200) fail(status, json);
		},
		async getPayment(paymentId) {
			const { status, json } = await call("payments.get", "GET", `${paymentPath(paymentId)}?storeId=${encodeURIComponent(settings.storeId)}`);
			if (status === 404) return null;
			if (status !== 200) fail(status, json);
			const parsed = PaymentSchema.safeParse(json);
			if (!parsed.success) throw new PortOneApiError(status, "INVALID_RESPONSE", `payment ${paymentId} is not a Payment object`);
			return parsed.data;
		},
		async cancel(paymentId, { amount, reason, currentCancellableAmount }) {
			// currentCancellableAmount is PortOne's guard against cancelling twice: the cancel goes ahead
			// only while the payment's cancellable balance is still the one the caller read
			// (CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN otherwise).
			const body = { storeId: settings.storeId, reason, currentCancellableAmount, ...(amount === undefined ? {} : { amount }) };
			const { status, json } = await call("payments.cancel", "POST", `${paymentPath(paymentId)}/cancel`, body, {
				"Idempotency-Key": await cancelKey(paymentId, body),
			});
			if (status !== 200) fail(status, json);
			const parsed = CancelResponseSchema.safeParse(json);
			if (!parsed.success) throw new PortOneApiError(status, "INVALID_RESPONSE", `cancel of ${paymentId} answered without a cancellation`);
			return { id: parsed.data.cancellation.id, status: parsed.data.cancellation.status };
		},
	};
}
