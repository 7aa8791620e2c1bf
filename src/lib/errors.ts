import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Error codes of the HTTP contract (API.md), plus the ones later features add. */
export type ErrorCode =
	| "VALIDATION_FAILED"
	| "UNAUTHORIZED"
	| "FORBIDDEN"
	| "NOT_FOUND"
	| "CONFLICT"
	| "RATE_LIMITED"
	| "PAYMENT_REQUIRED"
	| "INSUFFICIENT_CREDITS"
	| "TOKEN_INVALID"
	| "TOKEN_EXPIRED"
	| "DOWNLOAD_LIMIT_REACHED"
	| "ACCESS_REVOKED"
	| "ORDER_NOT_PAID"
	| "NOT_PUBLISHED"
	| "WEBHOOK_SIGNATURE_INVALID"
	| "RANGE_NOT_SATISFIABLE"
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
	| "INTERNAL";

/** An expected failure with its contract status and code; `app.onError` renders the envelope. */
export class AppError extends Error {
	constructor(
		readonly status: ContentfulStatusCode,
		readonly code: ErrorCode,
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
		this.name = "AppError";
	}
}

/** The contract's error body. */
export function errorBody(code: ErrorCode, message: string, requestId: string) {
	return { error: { code, message, requestId } };
}
