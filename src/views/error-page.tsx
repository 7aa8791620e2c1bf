import { useI18n } from "../i18n/context";
import type { ErrorCode } from "../lib/errors";
import { Layout } from "./layout";

/** Codes whose page has advice on what to do next (`errors:help.<code>`). */
const CODES_WITH_HELP = new Set<string>([
	"TOKEN_INVALID",
	"TOKEN_EXPIRED",
	"DOWNLOAD_LIMIT_REACHED",
	"ACCESS_REVOKED",
	"ORDER_NOT_PAID",
	"NOT_PUBLISHED",
	"RATE_LIMITED",
	"INTERNAL",
]);
const STATUSES_WITH_TEXT = new Set([400, 401, 402, 403, 404, 409, 410, 413, 416, 422, 429, 500, 503]);

/** The page title of an error code, in the reader's language. */
export function useErrorTitle(code: ErrorCode): string {
	return useI18n().t(`errors:title.${code}`);
}

/** The error code and request id, for a support request. */
export function ErrorReference({ code, requestId }: { code: string; requestId: string }) {
	const { t } = useI18n();
	return (
		<dl class="error-ref">
			<div>
				<dt>{t("errors:page.code")}</dt>
				<dd class="mono">{code}</dd>
			</div>
			<div>
				<dt>{t("errors:page.requestId")}</dt>
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
	code: ErrorCode;
	/** Page heading; the code's title in the reader's language when absent. */
	title?: string;
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
	const { t } = useI18n();
	const heading = title ?? t(`errors:title.${code}`);
	const help = CODES_WITH_HELP.has(code) ? t(`errors:help.${code as "INTERNAL"}`) : null;
	const next = action ?? { href: "/", label: t("errors:page.backToStore") };
	const statusText = STATUSES_WITH_TEXT.has(status) ? t(`errors:status.${String(status) as "404"}`) : null;
	return (
		<Layout title={heading} noindex noReferrer narrow>
			<section class="card error-card" aria-labelledby="error-title">
				<p class="error-status">
					{t("errors:page.status", { status })}
					{statusText ? ` · ${statusText}` : ""}
				</p>
				<h1 id="error-title">{heading}</h1>
				<p class="lead">{message}</p>
				{help ? <p>{help}</p> : null}
				<div class="error-actions">
					<a class="button button-primary" href={next.href}>
						{next.label}
					</a>
					{next.href !== "/" ? (
						<a class="button button-ghost" href="/">
							{t("errors:page.browse")}
						</a>
					) : null}
				</div>
				<ErrorReference code={code} requestId={requestId} />
				{supportEmail ? (
					<p class="small muted">
						<a href={`mailto:${supportEmail}?subject=${encodeURIComponent(`Request ${requestId} (${code})`)}`}>
							{t("errors:page.support", { email: supportEmail })}
						</a>
					</p>
				) : null}
			</section>
		</Layout>
	);
}
