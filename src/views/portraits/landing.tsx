import type { Viewer } from "../../accounts/viewer";
import { useI18n } from "../../i18n/context";
import { Layout } from "../layout";

/** Props of {@link PortraitLandingPage}. */
export type PortraitLandingPageProps = {
	viewer?: Viewer | null;
	priceCents: number;
	currency: string;
	/** Where the call to action posts: the job is created there, then the browser goes to the checkout. */
	startAction: string;
	/** A refusal of the last attempt to start (say, the payment provider did not answer), in the reader's language. */
	error?: string;
};

/**
 * `/portraits`: the "Find My Rizz" landing page: what the person gets (three portraits and a
 * report), the price in the reader's format, the 24-hour deletion promise, and the call to action.
 */
export function PortraitLandingPage({ viewer, priceCents, currency, startAction, error }: PortraitLandingPageProps) {
	const { t, money } = useI18n();
	return (
		<Layout title={t("portraits:landing.title")} description={t("portraits:landing.description")} viewer={viewer}>
			<link rel="stylesheet" href="/css/portraits.css" />
			<section class="hero portrait-hero">
				<p class="eyebrow">{t("portraits:landing.eyebrow")}</p>
				<h1>{t("portraits:landing.heading")}</h1>
				<p class="lead">{t("portraits:landing.lead")}</p>
				{error ? (
					<p class="alert alert-error" role="alert">
						{error}
					</p>
				) : null}
				<form method="post" action={startAction} class="portrait-cta">
					<p class="portrait-price">
						<span class="muted">{t("portraits:landing.priceLabel")}</span> <strong data-portrait-price>{money(priceCents, currency)}</strong>
						<span class="small muted"> · {t("portraits:landing.priceNote")}</span>
					</p>
					<button type="submit" class="button button-primary button-lg">
						{t("portraits:landing.cta")}
					</button>
				</form>
			</section>
			<div class="portrait-columns">
				<section class="card">
					<h2 class="card-title">{t("portraits:landing.whatYouGet")}</h2>
					<ul class="check-list">
						<li>{t("portraits:landing.getPortraits")}</li>
						<li>{t("portraits:landing.getReport")}</li>
						<li>{t("portraits:landing.getSms")}</li>
					</ul>
				</section>
				<section class="card">
					<h2 class="card-title">{t("portraits:landing.howItWorks")}</h2>
					<ol class="portrait-steps">
						<li>{t("portraits:landing.stepPay")}</li>
						<li>{t("portraits:landing.stepPhone")}</li>
						<li>{t("portraits:landing.stepPhoto")}</li>
						<li>{t("portraits:landing.stepResult")}</li>
					</ol>
				</section>
			</div>
			<p class="notice portrait-deletion" data-deletion-promise>
				{t("portraits:landing.deletionPromise")}
			</p>
		</Layout>
	);
}
