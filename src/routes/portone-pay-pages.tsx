import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { portoneCurrency, portoneReference } from "../commerce/payments/portone";
import { useI18n } from "../i18n/context";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { Layout } from "../views/layout";
import { renderPage } from "./render-page";

const Params = z.object({ paymentId: z.string().min(5).max(200) });
const Query = z.object({ return: z.string().min(1).max(2000), cancel: z.string().min(1).max(2000) });

/**
 * The page's own policy, instead of the strict one of every other page (src/routes/security-headers.ts).
 * PortOne's browser SDK is loaded from its CDN, not bundled: the npm package `@portone/browser-sdk`
 * is a loader that itself fetches `https://cdn.portone.io/v2/browser-sdk.js` at run time, so a
 * bundle would need the same exception and add a copy to keep up to date. The SDK then opens
 * the payment services' windows in frames of their own hosts (many, and PortOne adds PGs), and
 * styles its overlay inline: frames from any https host and inline styles, on this page only.
 * Still no inline scripts, never framed itself, no referrer (the return URL carries an order key).
 */
const PAGE_POLICY = [
	"default-src 'self'",
	"script-src 'self' https://cdn.portone.io",
	"style-src 'self' 'unsafe-inline'",
	"img-src 'self' data: https:",
	"connect-src 'self' https://*.portone.io",
	"frame-src https:",
	"frame-ancestors 'none'",
	"base-uri 'none'",
	"object-src 'none'",
].join("; ");

/** A URL of this store (return and cancel links come in the query: anything else would make the page an open redirect). */
function ownUrl(value: string, baseUrl: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new AppError(400, "VALIDATION_FAILED", "return and cancel must be URLs of this store.");
	}
	if (url.origin !== new URL(baseUrl).origin) throw new AppError(400, "VALIDATION_FAILED", "return and cancel must be URLs of this store.");
	return url.toString();
}

type PayPageProps = {
	storeId: string;
	channelKey: string;
	paymentId: string;
	orderName: string;
	totalAmount: number;
	currency: string;
	returnUrl: string;
	cancelUrl: string;
};

/** The pay page: what is paid, a button that opens PortOne's payment window (public/js/portone-pay.js), and a way back. */
function PortOnePayPage(props: PayPageProps) {
	const { t, money } = useI18n();
	const amount = money(props.totalAmount, props.currency);
	return (
		<Layout title={t("portraits:portonePay.title")} noindex noReferrer narrow>
			<section
				id="portone-pay"
				data-store-id={props.storeId}
				data-channel-key={props.channelKey}
				data-payment-id={props.paymentId}
				data-order-name={props.orderName}
				data-total-amount={String(props.totalAmount)}
				// The browser SDK's Currency values are ISO 4217 codes ("KRW"), as @portone/browser-sdk 0.1 types them.
				data-currency={portoneCurrency(props.currency)}
				data-return-url={props.returnUrl}
				data-opening={t("portraits:portonePay.opening")}
				data-failed={t("portraits:portonePay.failed", { message: "{{message}}" })}
				data-retry={t("portraits:portonePay.retry")}
			>
				<h1>{t("portraits:portonePay.heading", { amount })}</h1>
				<dl>
					<dt>{t("portraits:portonePay.orderName")}</dt>
					<dd>{props.orderName}</dd>
					<dt>{t("portraits:portonePay.paymentId")}</dt>
					<dd>
						<code>{props.paymentId}</code>
					</dd>
				</dl>
				<noscript>
					<p class="error">{t("portraits:portonePay.noScript")}</p>
				</noscript>
				<p>
					<button type="button" class="button primary" data-pay>
						{t("portraits:portonePay.pay")}
					</button>
				</p>
				<p class="muted" role="status" aria-live="polite" data-status />
				<p>
					<a href={props.cancelUrl}>{t("portraits:portonePay.cancel")}</a>
				</p>
			</section>
			<script src="https://cdn.portone.io/v2/browser-sdk.js" />
			<script src="/js/portone-pay.js" defer />
		</Layout>
	);
}

/**
 * `/pay/portone/:paymentId`: where the PortOne provider sends a buyer (its checkout URL). The
 * amount and what it is for come from the payable, the same numbers the server pre-registered
 * with PortOne, so nothing the browser sends can change what is charged; paying does not settle
 * anything here either: the webhook and the return page re-read the payment from PortOne.
 */
export const portonePayPages = new Hono<AppEnv>().get("/portone/:paymentId", validate("param", Params), validate("query", Query), async (c) => {
	const { commerce } = c.var.deps;
	const portone = commerce.portone;
	if (!portone) throw new AppError(404, "NOT_FOUND", "PortOne is not configured on this deployment.");
	const { paymentId } = c.req.valid("param");
	const reference = portoneReference(paymentId);
	const checkout = reference ? await commerce.payables.forReference(reference)?.checkout(commerce.db, reference) : null;
	if (!checkout || checkout.lines.length === 0) throw new AppError(404, "NOT_FOUND", "No such payment.");
	if (checkout.closed) throw new AppError(409, "CONFLICT", "This checkout can no longer be paid.");
	const query = c.req.valid("query");
	const props: PayPageProps = {
		storeId: portone.settings.storeId,
		channelKey: portone.settings.channelKey,
		paymentId,
		orderName: checkout.lines.map((line) => line.name).join(", "),
		totalAmount: checkout.lines.reduce((sum, line) => sum + line.amountCents, 0),
		currency: checkout.lines[0]?.currency ?? "krw",
		returnUrl: ownUrl(query.return, commerce.config.baseUrl),
		cancelUrl: ownUrl(query.cancel, commerce.config.baseUrl),
	};
	return renderPage(c, <PortOnePayPage {...props} />, 200, {
		"Content-Security-Policy": PAGE_POLICY,
		"X-Frame-Options": "DENY",
		"Referrer-Policy": "no-referrer",
		"Cache-Control": "no-store",
	});
});
