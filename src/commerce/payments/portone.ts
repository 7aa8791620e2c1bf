import { type PortOneApi, PortOneApiError, type PortOnePayment, type PortOneSettings, portoneApi } from "./portone-api";
import type { CheckoutStatus, PaymentProvider } from "./types";

/**
 * PortOne's payment id of a payable: its reference with a fixed prefix. Deterministic, so a
 * retried checkout of the same order pre-registers the same payment (never a second one), and
 * the webhook can tell which payable a payment is for without a lookup table.
 */
export function portonePaymentId(reference: string): string {
	return `pay_${reference}`;
}

/** The payable reference of a PortOne payment id, or null when the id is not one of ours. */
export function portoneReference(paymentId: string): string | null {
	return paymentId.startsWith("pay_") && paymentId.length > "pay_".length ? paymentId.slice("pay_".length) : null;
}

/** PortOne spells currencies in capitals (`KRW`); the shop stores them in lower case (`krw`). */
export function portoneCurrency(currency: string): string {
	return currency.toUpperCase();
}

/** Whether money was taken at some point (a cancelled payment was paid before it was cancelled). */
export function wasPaid(payment: PortOnePayment): boolean {
	return payment.status === "PAID" || payment.status === "PARTIAL_CANCELLED" || (payment.status === "CANCELLED" && payment.paidAt !== undefined);
}

function toCheckoutStatus(paymentId: string, payment: PortOnePayment | null): CheckoutStatus {
	const paid = payment !== null && (payment.status === "PAID" || payment.status === "PARTIAL_CANCELLED");
	const done = payment !== null && (paid || payment.status === "CANCELLED");
	return {
		id: paymentId,
		clientReferenceId: portoneReference(paymentId),
		paymentStatus: paid ? "paid" : "unpaid",
		status: done ? "complete" : "open",
		paymentIntentId: paid ? paymentId : null,
		...(payment ? { amountTotal: payment.amount.total, currency: payment.currency } : {}),
		...(payment ? failureOf(payment) : {}),
	};
}

/** PortOne's word that no money was taken: a failed attempt (with PortOne's reason) or a payment canceled before it was paid. */
function failureOf(payment: PortOnePayment): { failure?: string } {
	if (payment.status === "FAILED") return { failure: payment.failure?.reason || payment.failure?.pgMessage || "The payment failed." };
	if (payment.status === "CANCELLED" && payment.paidAt === undefined) return { failure: "The payment was canceled before it was paid." };
	return {};
}

/**
 * PortOne requires a reason on every cancellation. Ours names the refund request's idempotency key,
 * so a later retry of the refund finds the cancellation it already made by its reason instead of
 * cancelling again (portone-api.ts also keys each cancel request, so a lost answer is retried safely).
 */
function refundReason(idempotencyKey: string): string {
	return `Refund by the store (${idempotencyKey})`;
}

/** PortOne's cancellation statuses, in the words the refund requests store (Stripe's). */
function refundStatus(status: string): string {
	return status === "SUCCEEDED" ? "succeeded" : status === "FAILED" ? "failed" : "pending";
}

/**
 * The PortOne (V2) payment provider, for the Korean payment services. The checkout session is
 * PortOne's payment (id {@link portonePaymentId}); it is both the session id and the "payment
 * intent" of refunds. The amount is pre-registered server-side, so the payment window cannot
 * charge another; the buyer pays on our page `/pay/portone/:paymentId`, which opens PortOne's
 * window with the browser SDK and returns to the success URL.
 */
export function portoneProvider(settings: PortOneSettings, baseUrl: string, api: PortOneApi = portoneApi(settings)): PaymentProvider {
	return {
		name: "portone",
		async createCheckout(request) {
			const paymentId = portonePaymentId(request.orderId);
			const currency = request.lines[0]?.currency ?? "krw";
			// Amounts travel in the currency's smallest unit, as the shop stores them: whole won for KRW.
			const totalAmount = request.lines.reduce((sum, line) => sum + line.amountCents, 0);
			await api.preRegister(paymentId, { totalAmount, currency: portoneCurrency(currency) });
			const page = new URL(`${baseUrl}/pay/portone/${encodeURIComponent(paymentId)}`);
			page.searchParams.set("return", request.successUrl.replace("{CHECKOUT_SESSION_ID}", paymentId));
			page.searchParams.set("cancel", request.cancelUrl);
			return { id: paymentId, url: page.toString() };
		},
		async retrieveCheckout(paymentId) {
			return toCheckoutStatus(paymentId, await api.getPayment(paymentId));
		},
		async refund(paymentId, request) {
			const payment = await api.getPayment(paymentId);
			if (!payment) throw new PortOneApiError(404, "PAYMENT_NOT_FOUND", `payment ${paymentId} is not known to PortOne`);
			const reason = refundReason(request.idempotencyKey);
			const earlier = payment.cancellations?.find((cancellation) => cancellation.reason === reason);
			if (earlier) return { id: earlier.id, status: refundStatus(earlier.status) };
			const cancellable = (payment.amount.paid ?? payment.amount.total) - (payment.amount.cancelled ?? 0);
			const cancellation = await api.cancel(paymentId, { amount: request.amountCents, reason, currentCancellableAmount: cancellable });
			return { id: cancellation.id, status: refundStatus(cancellation.status) };
		},
	};
}
