import { useI18n } from "../../../i18n/context";

/** What the last form did (after its redirect): a done message key, or an error code and its detail. */
export type LibraryNotice = { done?: string; error?: { code: string; detail: string } };

const KNOWN_ERRORS = new Set([
	"VALIDATION_FAILED",
	"PLAN_LIMIT_REACHED",
	"NOT_FOUND",
	"FORBIDDEN",
	"PAYLOAD_TOO_LARGE",
	"GPU_GATEWAY_UNAVAILABLE",
	"RATE_LIMITED",
]);

/** The outcome of the last library form, as a status line or an alert naming the error code. */
export function LibraryNoticeLine({ notice }: { notice: LibraryNotice }) {
	const { t } = useI18n();
	if (notice.error) {
		const key = KNOWN_ERRORS.has(notice.error.code) ? notice.error.code : "other";
		return (
			<p class="alert alert-error" role="alert" data-error-code={notice.error.code}>
				{t(`video:library.errors.${key}` as "video:library.errors.other", { detail: notice.error.detail })}
			</p>
		);
	}
	if (notice.done) {
		return (
			<p class="status-panel status-success" role="status">
				{notice.done}
			</p>
		);
	}
	return null;
}

/** The hidden CSRF field every library form carries. */
export function Csrf({ token }: { token: string }) {
	return <input type="hidden" name="_csrf" value={token} />;
}

/** The delete button of a library item: a plain form posting to `action`, with the CSRF token. */
export function DeleteForm({ action, csrfToken }: { action: string; csrfToken: string }) {
	const { t } = useI18n();
	return (
		<form method="post" action={action}>
			<Csrf token={csrfToken} />
			<button type="submit" class="button-secondary">
				{t("video:library.delete")}
			</button>
		</form>
	);
}
