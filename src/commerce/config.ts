import type { RateLimit } from "../lib/rate-limit";

/** Commerce settings from the environment, with the documented defaults. */
export type CommerceConfig = {
	/** Where links in mails and redirects point (PUBLIC_BASE_URL). */
	baseUrl: string;
	/** How long an unpaid order waits for payment before it expires. */
	orderTtlMs: number;
	/** Life of a download session (`/files/:session`), long enough for slow resumes. */
	fileSessionTtlMs: number;
	/** The same client redeeming again within this window reuses its session. */
	sessionReuseMs: number;
	downloadLimit: RateLimit;
	checkoutLimit: RateLimit;
	adminLimit: RateLimit;
};

function perMinute(name: string, value: string | undefined, fallback: number): RateLimit {
	const parsed = Number.parseInt(value ?? "", 10);
	return { name, limit: Number.isFinite(parsed) && parsed > 0 ? parsed : fallback, windowMs: 60_000 };
}

/** Reads the commerce settings. */
export function commerceConfig(env: {
	PUBLIC_BASE_URL?: string;
	DOWNLOAD_RATE_LIMIT_PER_MINUTE?: string;
	CHECKOUT_RATE_LIMIT_PER_MINUTE?: string;
	ADMIN_RATE_LIMIT_PER_MINUTE?: string;
}): CommerceConfig {
	return {
		baseUrl: (env.PUBLIC_BASE_URL || "http://127.0.0.1:8787").replace(/\/+$/, ""),
		orderTtlMs: 60 * 60_000,
		fileSessionTtlMs: 6 * 60 * 60_000,
		sessionReuseMs: 10 * 60_000,
		downloadLimit: perMinute("download", env.DOWNLOAD_RATE_LIMIT_PER_MINUTE, 30),
		checkoutLimit: perMinute("checkout", env.CHECKOUT_RATE_LIMIT_PER_MINUTE, 10),
		adminLimit: perMinute("admin", env.ADMIN_RATE_LIMIT_PER_MINUTE, 100),
	};
}
