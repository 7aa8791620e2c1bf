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
	/** Redeeming a download link (POST /download/:token), per client network. */
	downloadLimit: RateLimit;
	/** Opening a download link's landing page (GET /download/:token), per client network. */
	landingLimit: RateLimit;
	/** Requests of file sessions (GET and HEAD /files/:session), per client network. */
	fileLimit: RateLimit;
	/** Client networks one file session serves: a phone moving between Wi-Fi and mobile data stays well inside. */
	sessionMaxClients: number;
	/** Copies of its package one file session serves, in bytes sent (with an allowance for parallel connections). */
	sessionMaxCopies: number;
	checkoutLimit: RateLimit;
	adminLimit: RateLimit;
	/** Whether a message missing in the buyer's language falls back to English in mails (I18N_FALLBACK). */
	i18n: { fallback: boolean };
};

/** The commerce settings of a public base URL and per-minute limits. */
export function commerceConfig(baseUrl: string, perMinute: { download: number; checkout: number; admin: number }, i18n: { fallback: boolean }): CommerceConfig {
	const limit = (name: string, count: number): RateLimit => ({ name, limit: count, windowMs: 60_000 });
	return {
		baseUrl,
		orderTtlMs: 60 * 60_000,
		fileSessionTtlMs: 6 * 60 * 60_000,
		sessionReuseMs: 10 * 60_000,
		downloadLimit: limit("download", perMinute.download),
		// Scanners open mailed links and spend nothing: twice the redeem limit.
		landingLimit: limit("download-landing", 2 * perMinute.download),
		// A download manager opens 4–16 Range connections and resumes each: ten times the redeem limit.
		fileLimit: limit("download-files", 10 * perMinute.download),
		sessionMaxClients: 3,
		sessionMaxCopies: 5,
		checkoutLimit: limit("checkout", perMinute.checkout),
		adminLimit: limit("admin", perMinute.admin),
		i18n: { fallback: i18n.fallback },
	};
}
