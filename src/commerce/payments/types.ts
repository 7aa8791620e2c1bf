/** A line of a checkout, as the payment provider shows it to the buyer. */
export type CheckoutLine = { name: string; amountCents: number; currency: string };

/** What the storefront asks a payment provider for when a buyer checks out. */
export type CheckoutRequest = {
	orderId: string;
	email: string;
	lines: CheckoutLine[];
	/** Where the provider sends the buyer after paying; may contain `{CHECKOUT_SESSION_ID}`. */
	successUrl: string;
	cancelUrl: string;
	/** When the checkout session stops accepting payment. */
	expiresAt: Date;
	/** A subscription renewed every `recurring` (Stripe only: the other providers sell the first period alone). */
	recurring?: "month";
};

/** What a refund asks for: all of the payment (what is left of it) or `amountCents`, under the request's own idempotency key. */
export type RefundRequest = { amountCents?: number; idempotencyKey: string };

/** A created checkout session. */
export type CheckoutSession = { id: string; url: string };

/** The payment state of a checkout session, read back from the provider. */
export type CheckoutStatus = {
	id: string;
	clientReferenceId: string | null;
	paymentStatus: "paid" | "unpaid" | "no_payment_required";
	status: "open" | "complete" | "expired";
	paymentIntentId: string | null;
	/** What the provider says was charged, where it reports it (PortOne): checked against the payable before it is settled. */
	amountTotal?: number;
	currency?: string;
	/** Set when the provider reports that the attempt failed or was canceled before any payment (PortOne): its words. */
	failure?: string;
};

/**
 * A payment provider. `stripe` and `local` end in the same place: a Stripe-shaped event, signed
 * with STRIPE_WEBHOOK_SECRET, at `POST /webhooks/stripe`; `portone` at `POST /webhooks/portone`
 * (src/commerce/payments/portone-webhook.ts), which re-reads the payment from PortOne.
 */
export interface PaymentProvider {
	readonly name: "stripe" | "local" | "portone";
	/** Creates a checkout session; the same order id always gives the same session. */
	createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
	/** Reads a checkout session back, for the thank-you page. */
	retrieveCheckout(sessionId: string): Promise<CheckoutStatus>;
	/**
	 * Refunds a payment in full, or `amountCents` of it. The same `idempotencyKey` with the same
	 * parameters answers with the first refund and moves no money again; with other parameters it
	 * fails. Each new refund request needs a key of its own (src/admin/refunds.ts keeps them).
	 */
	refund(paymentIntentId: string, request: RefundRequest): Promise<{ id: string; status: string }>;
	/**
	 * Cancels a subscription at once (providers that sell them: Stripe), so a refunded plan is not
	 * billed again. One already canceled or unknown to the provider counts as canceled.
	 */
	cancelSubscription?(subscriptionId: string): Promise<void>;
}
