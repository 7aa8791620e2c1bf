import { Layout } from "./layout";

/** Friendly page titles for the contract's error codes (API.md, Errors). */
export const ERROR_TITLES: Record<string, string> = {
	TOKEN_INVALID: "This link isn't valid",
	TOKEN_EXPIRED: "This link has expired",
	DOWNLOAD_LIMIT_REACHED: "Download limit reached",
	ACCESS_REVOKED: "Access to this download was revoked",
	ORDER_NOT_PAID: "This order hasn't been paid yet",
	NOT_PUBLISHED: "This product isn't available",
	NOT_FOUND: "Page not found",
	RATE_LIMITED: "Too many attempts",
	VALIDATION_FAILED: "Something in the request wasn't right",
	RANGE_NOT_SATISFIABLE: "Requested range not available",
	PAYLOAD_TOO_LARGE: "That upload or form is too large",
	INTERNAL: "Something went wrong on our side",
	UNAUTHORIZED: "Sign-in required",
	FORBIDDEN: "You don't have access to this",
	CONFLICT: "That conflicts with the current state",
	PAYMENT_REQUIRED: "Payment required",
	INSUFFICIENT_CREDITS: "Not enough credits",
	WEBHOOK_SIGNATURE_INVALID: "Invalid signature",
	ARTIST_ONLY: "Only artists can do this",
	STYLE_LIMIT_REACHED: "You already have the most styles allowed",
	STYLE_NOT_READY: "This style is still being trained",
	STYLE_NOT_DELETABLE: "This style can't be deleted",
	INVALID_IMAGE_FORMAT: "That image isn't a JPEG or PNG",
	IMAGE_SIZE_EXCEEDED: "That image is too large or too small",
	TRAINING_FAILED: "Training failed",
};

/** What the buyer can do next, per code; shown under the message. */
const ERROR_HELP: Record<string, string> = {
	TOKEN_INVALID: "Check that you opened the whole link from your email. You can always get fresh download links from your order page.",
	TOKEN_EXPIRED: "Download links are short-lived on purpose. Open your order page (the link is in your receipt) to get a fresh one.",
	DOWNLOAD_LIMIT_REACHED: "All downloads included with this purchase have been used. If you need another copy, contact support and quote the request ID below.",
	ACCESS_REVOKED: "This usually means the purchase was refunded or is under dispute. Contact support and quote the request ID below if that's unexpected.",
	ORDER_NOT_PAID: "Downloads unlock as soon as the payment is confirmed. Check your order page again in a moment.",
	NOT_PUBLISHED: "The product may have been withdrawn or replaced by a newer version. Browse the store for what's available now.",
	RATE_LIMITED: "Please wait a minute before trying again.",
	INTERNAL: "Please try again in a moment. If it keeps happening, contact support and quote the request ID below.",
};

/** Status codes in words, for the small label above the title. */
const STATUS_TEXT: Record<number, string> = {
	400: "Bad request",
	401: "Unauthorized",
	402: "Payment required",
	403: "Forbidden",
	404: "Not found",
	409: "Conflict",
	410: "Gone",
	413: "Payload too large",
	416: "Range not satisfiable",
	422: "Unprocessable",
	429: "Too many requests",
	500: "Server error",
	503: "Unavailable",
};

/** The error code and request id, for a support request. */
export function ErrorReference({ code, requestId }: { code: string; requestId: string }) {
	return (
		<dl class="error-ref">
			<div>
				<dt>Error code</dt>
				<dd class="mono">{code}</dd>
			</div>
			<div>
				<dt>Request ID</dt>
				<dd class="mono break">{requestId}</dd>
			</div>
		</dl>
	);
}

/** Props of {@link ErrorPage}. */
export type ErrorPageProps = {
	/** HTTP status the page is served with. */
	status: number;
	/** The contract's error code, e.g. `DOWNLOAD_LIMIT_REACHED`. */
	code: string;
	/** Page heading; `ERROR_TITLES[code]` is a good default. */
	title: string;
	/** What happened, in words (never internals: for INTERNAL, a generic message). */
	message: string;
	/** Quoted to support, so they can find the request in the logs. */
	requestId: string;
	/** The most useful next step; defaults to going back to the store. */
	action?: { href: string; label: string };
	/** Support address; when given, the page links to it with the request id in the subject. */
	supportEmail?: string;
};

/** The HTML form of an API error: same status and code, in words, with the request id to quote to support. */
export function ErrorPage({ status, code, title, message, requestId, action, supportEmail }: ErrorPageProps) {
	const help = ERROR_HELP[code];
	const next = action ?? { href: "/", label: "Back to the store" };
	const statusText = STATUS_TEXT[status];
	return (
		<Layout title={title} noindex noReferrer narrow>
			<section class="card error-card" aria-labelledby="error-title">
				<p class="error-status">
					Error {status}
					{statusText ? ` · ${statusText}` : ""}
				</p>
				<h1 id="error-title">{title}</h1>
				<p class="lead">{message}</p>
				{help ? <p>{help}</p> : null}
				<div class="error-actions">
					<a class="button button-primary" href={next.href}>
						{next.label}
					</a>
					{next.href !== "/" ? (
						<a class="button button-ghost" href="/">
							Browse the store
						</a>
					) : null}
				</div>
				<ErrorReference code={code} requestId={requestId} />
				{supportEmail ? (
					<p class="small muted">
						Need help? Email <a href={`mailto:${supportEmail}?subject=${encodeURIComponent(`Request ${requestId} (${code})`)}`}>{supportEmail}</a> and quote the
						request ID.
					</p>
				) : null}
			</section>
		</Layout>
	);
}
