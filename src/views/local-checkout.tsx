import { useI18n } from "../i18n/context";
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
	const { t, money } = useI18n();
	const total = money(totalCents, currency);
	return (
		<Layout title={t("storefront:localPay.title")} noindex noReferrer>
			<div class="test-banner" role="note">
				<strong>{t("storefront:localPay.bannerStrong")}</strong> {t("storefront:localPay.bannerBody")}
			</div>
			<div class="checkout-layout">
				<section class="checkout-summary" aria-labelledby="summary-title">
					<a class="back-link small" href={cancelUrl}>
						{t("storefront:localPay.back", { store: STORE_NAME })}
					</a>
					<p class="muted">{t("storefront:localPay.pay", { store: STORE_NAME })}</p>
					<p class="checkout-total">{total}</p>
					<h2 id="summary-title" class="visually-hidden">
						{t("storefront:localPay.summary")}
					</h2>
					<ul class="line-items">
						{lines.map((line) => (
							<li>
								<span>{line.name}</span>
								<span>{money(line.amountCents, line.currency)}</span>
							</li>
						))}
						<li class="line-total">
							<span>{t("storefront:localPay.totalDue")}</span>
							<span>{total}</span>
						</li>
					</ul>
				</section>

				<section class="card checkout-pay" aria-labelledby="pay-title">
					<h1 id="pay-title" class="card-title">
						{expired ? t("storefront:localPay.expiredTitle") : t("storefront:localPay.completeTitle")}
					</h1>
					<dl class="summary-list">
						{/* A payable without an email (the portrait line reaches people by SMS) shows no email row. */}
						{email ? (
							<div>
								<dt>{t("storefront:localPay.email")}</dt>
								<dd class="break">{email}</dd>
							</div>
						) : null}
						<div>
							<dt>{t("storefront:localPay.order")}</dt>
							<dd class="mono break">{orderId}</dd>
						</div>
						<div>
							<dt>{t("storefront:localPay.session")}</dt>
							<dd class="mono break">{sessionId}</dd>
						</div>
					</dl>
					{expired ? (
						<>
							<p class="notice">{t("storefront:localPay.expiredBody")}</p>
							<a class="button button-secondary button-block" href={cancelUrl}>
								{t("storefront:localPay.backToStore")}
							</a>
						</>
					) : (
						<>
							<div class="test-card" aria-hidden="true">
								<span class="test-card-chip" />
								<span class="mono">4242 4242 4242 4242</span>
								<span class="small">{t("storefront:localPay.testCard")}</span>
							</div>
							<form method="post" action={payAction}>
								<button type="submit" class="button button-primary button-block button-lg">
									{t("storefront:localPay.payButton", { total })}
								</button>
							</form>
							<p class="center small">
								<a href={cancelUrl}>{t("storefront:localPay.cancel")}</a>
							</p>
						</>
					)}
				</section>
			</div>
		</Layout>
	);
}
