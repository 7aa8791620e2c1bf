import type { Db } from "../db/client";
import type { CommerceDeps } from "./deps";
import type { CheckoutLine } from "./payments/types";

/** A checkout session object of a payment event, in Stripe's shape (`id`, `client_reference_id`, `payment_intent`, …). */
export type CheckoutSessionObject = Record<string, unknown>;

/** A non-empty string field of a provider object (`client_reference_id`, `payment_intent`, …), else null. */
export function textField(value: unknown): string | null {
	return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * What happened to a payment after it was made: refunded in full or in part, or its dispute is
 * open, ended without a chargeback (`dispute_won`: won, or an inquiry closed), or lost.
 */
export type ChargeChange = "refunded" | "partially_refunded" | "dispute_opened" | "dispute_won" | "dispute_lost";

/** What the local provider's pay page shows for a checkout: who pays, for what, and whether it can still be paid. */
export type PayableCheckout = { email: string; lines: CheckoutLine[]; closed: boolean };

/**
 * Something that can be paid for through the payment provider (a product order, a credit
 * purchase, …). Its id travels as the checkout's `client_reference_id`; the webhook finds the
 * payable by that reference (or by the payment intent for refunds and disputes) and leaves
 * the rest to it. Every method must be idempotent: providers deliver events more than once
 * and in any order. A new payable writes one of these and registers it in src/wiring.ts.
 */
export type Payable = {
	readonly name: string;
	/** Whether a checkout reference is one of this payable's ids (by its id prefix). */
	owns(reference: string): boolean;
	/** A checkout session was paid: record the payment and deliver, once. Returns the outcome. */
	paid(deps: CommerceDeps, session: CheckoutSessionObject): Promise<string>;
	/** A checkout session ended unpaid (expired, or its payment failed). */
	closed(deps: CommerceDeps, session: CheckoutSessionObject, to: "CANCELED" | "EXPIRED"): Promise<string>;
	/**
	 * Optional: an attempt to pay `reference` failed while its checkout stays open for another
	 * try (a card declined, PortOne's `Transaction.Failed`, the provider's answer on the return
	 * page). Returns the outcome; a payable without it only has the failure recorded.
	 */
	failed?(deps: CommerceDeps, reference: string): Promise<string>;
	/** A refund or dispute of a payment: the outcome, or null when the payment is not one of this payable's. */
	chargeChanged(deps: CommerceDeps, paymentIntentId: string, change: ChargeChange): Promise<string | null>;
	/** The local pay page's view of a checkout; null when the reference is unknown. */
	checkout(db: Db, reference: string): Promise<PayableCheckout | null>;
	/**
	 * Optional: a subscription's event (`invoice.paid`, `customer.subscription.deleted`) for a
	 * payable sold as a subscription. The outcome, or null when the subscription is not its own.
	 */
	subscriptionEvent?(deps: CommerceDeps, type: string, object: Record<string, unknown>): Promise<string | null>;
};

/** The registered payables. */
export type PayableRegistry = {
	/** The payable a checkout reference belongs to, if any. */
	forReference(reference: string): Payable | undefined;
	all(): readonly Payable[];
};

/** A registry over `payables`; their id prefixes must not overlap. */
export function payableRegistry(payables: readonly Payable[]): PayableRegistry {
	return {
		forReference: (reference) => payables.find((payable) => payable.owns(reference)),
		all: () => payables,
	};
}
