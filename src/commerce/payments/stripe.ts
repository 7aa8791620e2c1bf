import Stripe from "stripe";
import { hmacSha256Hex } from "../../lib/hash";
import { type OutsideHttp, outsideHttp } from "../../lib/outside-http";
import type { CheckoutRequest, CheckoutSession, CheckoutStatus, PaymentProvider, RefundRequest } from "./types";

/** The parts of a Stripe event the webhook reads; everything else stays in `data.object`. */
export type StripeEventLike = { id: string; type: string; created: number; data: { object: Record<string, unknown> } };

/** Settings of the Stripe provider; `apiBase` points the SDK at another host (the local fake). */
export type StripeSettings = { secretKey: string; apiBase?: string };

// Stripe accepts `expires_at` only between 30 minutes and 24 hours after the session is created;
// a minute of margin on both ends absorbs clock skew and the request's own travel time.
const MIN_EXPIRY_SECONDS = 31 * 60;
const MAX_EXPIRY_SECONDS = 24 * 60 * 60 - 60;

// A buyer is waiting on every call; a clear error beats the SDK's 80 s default. The SDK's timeout
// bounds the whole call (every attempt and wait); each attempt has its own, shorter one.
const REQUEST_TIMEOUT_MS = 20_000;
const ATTEMPT_TIMEOUT_MS = 10_000;

/** The resource a Stripe API path names, for the log: `/v1/checkout/sessions/cs_123` → `checkout.sessions` (ids hold digits, names never). */
export function stripeOperation(url: string): string {
	const names = new URL(url).pathname.split("/").filter((segment) => segment !== "" && !/\d/.test(segment));
	return names.join(".") || "api";
}

/**
 * The SDK's fetch, over the outside HTTP client. One retry layer only, ours: the SDK's own
 * retries are off (`maxNetworkRetries: 0`), and the client retries GETs and DELETEs, and POSTs
 * because the SDK puts an `Idempotency-Key` on every POST (ours where we name one, its own
 * otherwise), with which Stripe answers a repeated request with the first answer.
 */
function stripeFetch(http: OutsideHttp): typeof fetch {
	return (input, init) => {
		const url = input instanceof Request ? input.url : String(input);
		return http({ provider: "stripe", operation: stripeOperation(url), timeoutMs: ATTEMPT_TIMEOUT_MS }, url, init);
	};
}

/** SDK options for `apiBase` ("http://127.0.0.1:4242"), or Stripe's own host when absent. */
function connectionOptions(apiBase: string | undefined): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
	if (!apiBase) return {};
	const url = new URL(apiBase);
	const protocol = url.protocol.replace(/:$/, "");
	if (protocol !== "http" && protocol !== "https") throw new Error(`Stripe apiBase must be http(s), got ${apiBase}`);
	return { host: url.hostname, port: url.port || (protocol === "https" ? 443 : 80), protocol };
}

/** `expiresAt` in unix seconds, moved into the window Stripe accepts. */
export function clampCheckoutExpiry(expiresAt: Date, nowMs: number): number {
	const now = Math.floor(nowMs / 1000);
	const wanted = Math.floor(expiresAt.getTime() / 1000);
	return Math.min(Math.max(wanted, now + MIN_EXPIRY_SECONDS), now + MAX_EXPIRY_SECONDS);
}

function checkoutParams(request: CheckoutRequest, nowMs: number): Stripe.Checkout.SessionCreateParams {
	const metadata = { order_id: request.orderId };
	const session = {
		customer_email: request.email,
		client_reference_id: request.orderId,
		metadata,
		success_url: request.successUrl,
		cancel_url: request.cancelUrl,
		expires_at: clampCheckoutExpiry(request.expiresAt, nowMs),
	};
	const price = (line: CheckoutRequest["lines"][number]) => ({ currency: line.currency, unit_amount: line.amountCents, product_data: { name: line.name } });
	if (request.recurring) {
		// A subscription: the invoices carry the payments (no payment_intent_data in this mode).
		return {
			mode: "subscription",
			line_items: request.lines.map((line) => ({ quantity: 1, price_data: { ...price(line), recurring: { interval: request.recurring ?? "month" } } })),
			...session,
			subscription_data: { metadata },
		};
	}
	return {
		mode: "payment",
		line_items: request.lines.map((line) => ({ quantity: 1, price_data: price(line) })),
		...session,
		// The order id on the payment intent too, so charge and dispute events can be traced by hand.
		payment_intent_data: { metadata },
	};
}

const PAYMENT_STATUSES: readonly CheckoutStatus["paymentStatus"][] = ["paid", "unpaid", "no_payment_required"];
const SESSION_STATUSES: readonly CheckoutStatus["status"][] = ["open", "complete", "expired"];

/** One of `known`, or `fallback` for a value Stripe may add later (the SDK types these as open strings). */
function knownOr<T extends string>(value: string | null, known: readonly T[], fallback: T): T {
	return known.find((candidate) => candidate === value) ?? fallback;
}

function toCheckoutStatus(session: Stripe.Checkout.Session): CheckoutStatus {
	const intent = session.payment_intent;
	return {
		id: session.id,
		clientReferenceId: session.client_reference_id,
		// Unknown values read as not paid and still open: this is for display; only webhooks fulfil.
		paymentStatus: knownOr(session.payment_status, PAYMENT_STATUSES, "unpaid"),
		status: knownOr(session.status, SESSION_STATUSES, "open"),
		paymentIntentId: typeof intent === "string" ? intent : (intent?.id ?? null),
	};
}

/**
 * The Stripe payment provider, over the SDK's fetch client (works in workerd) and through it the
 * outside HTTP client.
 *
 * The same order id always maps to the same idempotency key, so a retried checkout returns the
 * first session for 24 hours, provided the request is the same: callers pass the order's stored
 * `expiresAt`, not a fresh "now + x".
 */
export function stripeProvider(settings: StripeSettings, http: OutsideHttp = outsideHttp()): PaymentProvider {
	const stripe = new Stripe(settings.secretKey, {
		httpClient: Stripe.createFetchHttpClient(stripeFetch(http)),
		maxNetworkRetries: 0,
		timeout: REQUEST_TIMEOUT_MS,
		...connectionOptions(settings.apiBase),
	});
	return {
		name: "stripe",
		async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
			const session = await stripe.checkout.sessions.create(checkoutParams(request, Date.now()), {
				idempotencyKey: `checkout-${request.orderId}`,
			});
			if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
			return { id: session.id, url: session.url };
		},
		async retrieveCheckout(sessionId: string): Promise<CheckoutStatus> {
			return toCheckoutStatus(await stripe.checkout.sessions.retrieve(sessionId));
		},
		async cancelSubscription(subscriptionId: string): Promise<void> {
			try {
				await stripe.subscriptions.cancel(subscriptionId);
			} catch (err) {
				// Canceled already (by an earlier delivery of the same refund) or gone: nothing left to bill.
				const code = (err as { code?: string; statusCode?: number }).code;
				const message = err instanceof Error ? err.message : "";
				if (code === "resource_missing" || message.startsWith("A canceled subscription")) return;
				throw err;
			}
		},
		async refund(paymentIntentId: string, request: RefundRequest): Promise<{ id: string; status: string }> {
			// The key is the refund request's own (stored with it): a retry of that request is sent
			// once, while a second refund of the same amount is a new request with a new key.
			const refund = await stripe.refunds.create({ payment_intent: paymentIntentId, amount: request.amountCents }, { idempotencyKey: request.idempotencyKey });
			return { id: refund.id, status: refund.status ?? "pending" };
		},
	};
}

/** The `t=` timestamp and `v1=` signatures of a `Stripe-Signature` header, or null if malformed. */
function parseSignatureHeader(header: string): { timestamp: number; signatures: string[] } | null {
	let timestamp: number | null = null;
	const signatures: string[] = [];
	for (const part of header.split(",")) {
		const [key, value, ...rest] = part.trim().split("=");
		if (value === undefined || rest.length > 0) return null;
		if (key === "t") {
			if (timestamp !== null || !/^\d{1,12}$/.test(value)) return null;
			timestamp = Number(value);
		} else if (key === "v1") {
			if (!/^[0-9a-f]{64}$/.test(value)) return null;
			signatures.push(value);
		}
	}
	return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toEventLike(value: unknown): StripeEventLike | null {
	if (!isRecord(value)) return null;
	const { id, type, created, data } = value;
	if (typeof id !== "string" || typeof type !== "string" || typeof created !== "number") return null;
	if (!isRecord(data) || !isRecord(data.object)) return null;
	return { id, type, created, data: { object: data.object } };
}

/**
 * Verifies a Stripe webhook (`Stripe-Signature` over the raw body) and returns the event, or null
 * for anything invalid: no or malformed header, wrong signature, a timestamp more than
 * `toleranceSeconds` away from `nowSeconds` in either direction, or a body that is not an event
 * (JSON with string `id` and `type`, numeric `created`, object `data.object`).
 */
export async function verifyStripeEvent(
	rawBody: string,
	signatureHeader: string | null,
	secret: string,
	nowSeconds: number,
	toleranceSeconds = 300,
): Promise<StripeEventLike | null> {
	if (!signatureHeader) return null;
	const parsed = parseSignatureHeader(signatureHeader);
	// The SDK only rejects old timestamps; a future one could be a replay signed ahead of time.
	if (!parsed || Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) return null;
	try {
		// `receivedAt` (ms) makes the SDK judge age by our clock too, so a fake clock in tests holds.
		const event: unknown = await Stripe.webhooks.constructEventAsync(
			rawBody,
			signatureHeader,
			secret,
			toleranceSeconds,
			Stripe.createSubtleCryptoProvider(),
			nowSeconds * 1000,
		);
		return toEventLike(event);
	} catch {
		return null;
	}
}

/**
 * A `Stripe-Signature` header value for `payload`, as Stripe computes it:
 * `t=<ts>,v1=<hex HMAC-SHA256(secret, "<ts>.<payload>")>`. Used by the local provider and tests.
 */
export async function signStripePayload(payload: string, secret: string, timestampSeconds: number): Promise<string> {
	return `t=${timestampSeconds},v1=${await hmacSha256Hex(secret, `${timestampSeconds}.${payload}`)}`;
}
