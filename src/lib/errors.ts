import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { core } from "zod";

/** Error codes of the HTTP contract (API.md), plus the ones later features add. */
export type ErrorCode =
	| "VALIDATION_FAILED"
	| "UNAUTHORIZED"
	| "FORBIDDEN"
	| "NOT_FOUND"
	| "CONFLICT"
	| "RATE_LIMITED"
	| "PAYMENT_REQUIRED"
	| "INSUFFICIENT_TOKENS"
	| "TOKEN_INVALID"
	| "TOKEN_EXPIRED"
	| "DOWNLOAD_LIMIT_REACHED"
	| "ACCESS_REVOKED"
	| "ORDER_NOT_PAID"
	| "NOT_PUBLISHED"
	| "WEBHOOK_SIGNATURE_INVALID"
	| "RANGE_NOT_SATISFIABLE"
	| "PAYLOAD_TOO_LARGE"
	| "PAYMENT_PROVIDER_UNAVAILABLE"
	| "ARTIST_ONLY"
	| "STYLE_LIMIT_REACHED"
	| "STYLE_NOT_READY"
	| "STYLE_NOT_DELETABLE"
	| "INVALID_IMAGE_FORMAT"
	| "IMAGE_SIZE_EXCEEDED"
	| "TRAINING_FAILED"
	| "UPGRADE_REQUIRED"
	| "GPU_GATEWAY_UNAVAILABLE"
	| "SIGN_IN_UNAVAILABLE"
	| "CONFIG_INVALID"
	| "INVALID_PHONE"
	| "INVALID_STATE"
	| "IMAGE_TOO_SMALL"
	| "INVALID_ASPECT_RATIO"
	| "PHONE_MISMATCH"
	| "TOO_MANY_ATTEMPTS"
	| "ALREADY_SUBMITTED"
	| "GONE"
	| "PAYMENT_FAILED"
	| "GENERATION_FAILED"
	| "DUPLICATE_FOLLOW"
	| "SELF_FOLLOW_NOT_ALLOWED"
	| "DUPLICATE_LIKE"
	| "REPLY_DEPTH_EXCEEDED"
	| "ACCOUNT_NOT_DELETABLE"
	| "ACCOUNT_DEACTIVATED"
	| "PLAN_LIMIT_REACHED"
	| "CHANNEL_PROVIDER_UNAVAILABLE"
	| "OAUTH_STATE_INVALID"
	| "CHANNEL_AUTH_FAILED"
	| "CHANNEL_NOT_CONNECTED"
	| "INTERNAL";

/** A failure with its contract status and code; `app.onError` renders the envelope. */
export class AppError extends Error {
	/**
	 * For a failed validation, zod's issues behind the message, with the failed part (`json`,
	 * `query`, …) for issues at the root: the renderer words them again in the request's language.
	 */
	validation?: { target: string; issues: readonly core.$ZodIssue[] };
	/** The limit PLAN_LIMIT_REACHED names (`videos`, `cost`, `storage`, `channels`), so every language's message says which. */
	details?: { limit: string };

	constructor(
		readonly status: ContentfulStatusCode,
		readonly code: ErrorCode,
		message: string,
		readonly headers: Record<string, string> = {},
		/** Set by {@link toAppError} for a thrown value nobody expected: a bug, logged with its cause. */
		readonly unexpected = false,
	) {
		super(message);
		this.name = "AppError";
	}
}

/** The contract's error body. */
export function errorBody(code: ErrorCode, message: string, requestId: string) {
	return { error: { code, message, requestId } };
}

/** Codes and default messages of the client errors Hono raises itself (malformed bodies, hono/csrf), by status. */
const CLIENT_ERRORS: Partial<Record<number, { code: ErrorCode; message: string }>> = {
	401: { code: "UNAUTHORIZED", message: "Sign in first." },
	// hono/csrf: a form posted from another site.
	403: { code: "FORBIDDEN", message: "Forms must be sent from this site's own pages." },
	404: { code: "NOT_FOUND", message: "Not found." },
};

/**
 * Any thrown value as the contract's error. An AppError is itself; an error that carries a 4xx
 * status (Hono's HTTPException for a malformed body, a cross-site form) becomes its code, or
 * VALIDATION_FAILED; anything else is a generic 500 INTERNAL marked `unexpected`, whose cause
 * the app logs and never shows.
 */
export function toAppError(err: unknown): AppError {
	if (err instanceof AppError) return err;
	const status = clientErrorStatus(err);
	if (status !== null) {
		const known = CLIENT_ERRORS[status] ?? { code: "VALIDATION_FAILED", message: "The request could not be read." };
		return new AppError(status, known.code, err instanceof Error && err.message ? err.message : known.message);
	}
	return new AppError(500, "INTERNAL", "Something went wrong on our side. Quote the request id when reporting it.", {}, true);
}

/** The 4xx status an error raised by the framework carries, if any. */
function clientErrorStatus(err: unknown): ContentfulStatusCode | null {
	if (!(err instanceof Error) || !("status" in err) || typeof err.status !== "number") return null;
	return err.status >= 400 && err.status < 500 ? (err.status as ContentfulStatusCode) : null;
}
