import type { RateLimit } from "../lib/rate-limit";

/** Commerce settings, from src/config/settings.ts and the fixed lifetimes below. */
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

/** The commerce settings of a public base URL and per-minute limits. */
export function commerceConfig(baseUrl: string, perMinute: { download: number; checkout: number; admin: number }): CommerceConfig {
	const limit = (name: string, count: number): RateLimit => ({ name, limit: count, windowMs: 60_000 });
	return {
		baseUrl,
		orderTtlMs: 60 * 60_000,
		fileSessionTtlMs: 6 * 60 * 60_000,
		sessionReuseMs: 10 * 60_000,
		downloadLimit: limit("download", perMinute.download),
		checkoutLimit: limit("checkout", perMinute.checkout),
		adminLimit: limit("admin", perMinute.admin),
	};
}
