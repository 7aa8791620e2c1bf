import { formatPrice } from "../lib/format";
import { Layout, STORE_NAME } from "./layout";

/** One line of the local checkout's summary. */
export type LocalCheckoutLine = {
	name: string;
	amountCents: number;
	currency: string;
};

/** Props of {@link LocalCheckoutPage}. */
export type LocalCheckoutPageProps = {
	sessionId: string;
	orderId: string;
	email: string;
	lines: LocalCheckoutLine[];
	totalCents: number;
	currency: string;
	/** Where "Pay" posts; the handler emits a signed webhook of Stripe's exact shape. */
	payAction: string;
	/** Where "Cancel" goes. */
	cancelUrl: string;
	/** The session can no longer be paid. */
	expired: boolean;
};

/**
 * The offline stand-in for Stripe's hosted checkout (payment provider `local`): an order summary
 * and a "Pay" button, clearly labelled as a test payment so nobody mistakes it for the real one.
 */
export function LocalCheckoutPage({ sessionId, orderId, email, lines, totalCents, currency, payAction, cancelUrl, expired }: LocalCheckoutPageProps) {
	const total = formatPrice(totalCents, currency);
	return (
		<Layout title="Checkout (local test payment)" noindex noReferrer>
			<div class="test-banner" role="note">
				<strong>Local test payment — no real money.</strong> This page stands in for the payment provider while the store runs offline.
			</div>
			<div class="checkout-layout">
				<section class="checkout-summary" aria-labelledby="summary-title">
					<a class="back-link small" href={cancelUrl}>
						← Back to {STORE_NAME}
					</a>
					<p class="muted">Pay {STORE_NAME}</p>
					<p class="checkout-total">{total}</p>
					<h2 id="summary-title" class="visually-hidden">
						Order summary
					</h2>
					<ul class="line-items">
						{lines.map((line) => (
							<li>
								<span>{line.name}</span>
								<span>{formatPrice(line.amountCents, line.currency)}</span>
							</li>
						))}
						<li class="line-total">
							<span>Total due</span>
							<span>{total}</span>
						</li>
					</ul>
				</section>

				<section class="card checkout-pay" aria-labelledby="pay-title">
					<h1 id="pay-title" class="card-title">
						{expired ? "This checkout has expired" : "Complete your purchase"}
					</h1>
					<dl class="summary-list">
						<div>
							<dt>Email</dt>
							<dd class="break">{email}</dd>
						</div>
						<div>
							<dt>Order</dt>
							<dd class="mono break">{orderId}</dd>
						</div>
						<div>
							<dt>Session</dt>
							<dd class="mono break">{sessionId}</dd>
						</div>
					</dl>
					{expired ? (
						<>
							<p class="notice">The checkout session expired before payment. You have not been charged; start again from the product page.</p>
							<a class="button button-secondary button-block" href={cancelUrl}>
								Back to the store
							</a>
						</>
					) : (
						<>
							<div class="test-card" aria-hidden="true">
								<span class="test-card-chip" />
								<span class="mono">4242 4242 4242 4242</span>
								<span class="small">TEST CARD</span>
							</div>
							<form method="post" action={payAction}>
								<button type="submit" class="button button-primary button-block button-lg">
									Pay {total}
								</button>
							</form>
							<p class="center small">
								<a href={cancelUrl}>Cancel and return to the store</a>
							</p>
						</>
					)}
				</section>
			</div>
		</Layout>
	);
}
