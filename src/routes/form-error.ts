import { localizedErrorMessage } from "../i18n/error-message";
import type { I18n } from "../i18n/i18n";
import { AppError } from "../lib/errors";

/** Statuses a page shows on the form that was posted, with the message. */
export type FormErrorStatus = 400 | 402 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

/**
 * An expected failure of a form post, shown on the page it came from, its message in the
 * reader's language (`c.var.i18n`); anything else (null) goes to the error handler.
 */
export function formError(err: unknown, i18n: I18n): { message: string; status: FormErrorStatus } | null {
	if (!(err instanceof AppError) || (err.status >= 500 && err.status !== 503)) return null;
	const status = ([400, 402, 403, 404, 409, 413, 422, 429, 503] as const).find((s) => s === err.status) ?? 400;
	return { message: localizedErrorMessage(err, i18n), status };
}
