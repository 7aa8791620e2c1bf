// The Worker's configuration, parsed once at the composition root. Imports only zod at run time
// (everything else is `import type`), so `npm start` runs the very same checks under Node before
// it serves anything.
import { z } from "zod";

/** Every setting the Worker reads, typed and checked; secrets are kept as given, never logged. */
export type AppConfig = {
	/** PUBLIC_BASE_URL without a trailing slash: links in mails and redirects, and the GPU callback URL. */
	publicBaseUrl: string;
	adminApiKey: string;
	/** ADMIN_EMAILS, lowercase: who may sign in to the dashboard by mailed link. */
	adminEmails: ReadonlySet<string>;
	/** DOWNLOAD_TOKEN_SECRET and DOWNLOAD_TOKEN_PREVIOUS_SECRET: the roots of the derived keys (src/config/keys.ts). */
	tokenSecrets: { current: string; previous: string | null };
	payment: { provider: "local" } | { provider: "stripe"; secretKey: string; apiBase: string | null };
	stripeWebhookSecret: string;
	gpuGateway: { url: string; secret: string };
	/** User sign-in; null when OIDC_* are not set (sign-in then answers 503 SIGN_IN_UNAVAILABLE). */
	oidc: { issuer: string; clientId: string; clientSecret: string; redirectUri: string } | null;
	mail: { provider: "log"; from: string } | { provider: "resend"; from: string; apiKey: string; apiUrl: string | null };
	/** An OpenAI-compatible endpoint for the product text; null = the built-in templates. */
	llm: { baseUrl: string; apiKey: string; model: string } | null;
	pipeline: { qaThreshold: number; maxRegenerations: number; retryBaseSeconds: number };
	/** Rate limits per minute. */
	limits: { download: number; checkout: number; admin: number; generation: number; userApi: number; comments: number };
	styleLimitPerArtist: number;
	/**
	 * Artists are paid (docs/community.md): `artistSharePercent` of each captured generation's
	 * price goes to the style's artist; payouts from `payoutMinimumCredits`, valued at
	 * `payoutCentsPerCredit` minor units of `payoutCurrency` (the credit packages' currency).
	 */
	earnings: { artistSharePercent: number; payoutMinimumCredits: number; payoutCentsPerCredit: number; payoutCurrency: string };
	creditPackages: { credits: number; priceCents: number; currency: string }[];
	benchBaseline: boolean;
	/**
	 * Languages: the store's default (`DEFAULT_LOCALE`) for a visitor who chose none and whose
	 * browser asks for none we speak, and whether a message missing in one language falls back
	 * to the other (`I18N_FALLBACK`; off in tests, so a missing message shows).
	 */
	i18n: { defaultLocale: "en" | "ko"; fallback: boolean };
	/**
	 * Short videos (docs/video.md): what each provider call costs (USAGE_PRICES, minor units of
	 * `currency` per unit: an LLM call, an image, 1,000 characters spoken, a minute composed), the
	 * paid plans' monthly prices (PLAN_PRICES) and the per-user generation limit per minute.
	 */
	video: {
		prices: Record<"llm.text" | "image.generate" | "tts.speak" | "video.compose", number>;
		planPrices: Record<"basic" | "standard" | "professional", number>;
		currency: string;
		generationsPerMinute: number;
	};
	/** The paid portrait line: its price (minor units) and currency. */
	portraits: { priceCents: number; currency: string };
	/**
	 * PortOne (V2), the Korean payment services: KRW payables pay through it when it is
	 * configured (PORTONE_* all set), everything else through `payment`. Null when not configured.
	 */
	portone: { apiSecret: string; storeId: string; channelKey: string; webhookSecret: string; apiBase: string | null } | null;
	/** SMS: `log` stores each message in sms_logs (offline default); `coolsms` sends through CoolSMS's REST API. */
	sms: { provider: "log"; sender: string } | { provider: "coolsms"; sender: string; apiKey: string; apiSecret: string; apiBase: string | null };
	/**
	 * Channels (docs/channels.md): the keys outside accounts' tokens are sealed with
	 * (CHANNEL_TOKEN_KEYS, current first; null = keys derived from DOWNLOAD_TOKEN_SECRET), each
	 * outside provider's OAuth client (null when not configured), whether the in-app sandbox
	 * provider is offered, and the first delay of a failed publish's backoff.
	 */
	channels: {
		tokenKeys: [{ kid: string; key: string }, ...{ kid: string; key: string }[]] | null;
		cafe24: { clientId: string; clientSecret: string; scopes: string[]; apiBase: string | null } | null;
		youtube: { clientId: string; clientSecret: string; apiBase: string | null } | null;
		sandbox: boolean;
		retryBaseSeconds: number;
	};
};

/** One thing wrong with the configuration: the variable, and what is wrong with it (never its value). */
export type ConfigProblem = { variable: string; problem: string };

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: ConfigProblem[] };

const SECRET_MIN_LENGTH = 32;

/** Unset, for settings whose empty value means "not given" (.dev.vars writes `NAME=""`). */
const blank = (value: unknown) => (value === "" || value === null ? undefined : value);

const required = (what = "a value") => z.string({ error: (issue) => (issue.input === undefined ? "is not set" : `must be ${what}`) });

/** A secret of at least `min` characters. */
const secret = (min = SECRET_MIN_LENGTH) => z.preprocess(blank, required().min(min, `must be at least ${min} characters`));

/** An optional secret: empty is unset, anything else must be long enough. */
const optionalSecret = (min = SECRET_MIN_LENGTH) => z.preprocess(blank, z.string().min(min, `must be empty or at least ${min} characters`).optional());

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });
const requiredUrl = z.preprocess(blank, z.string({ error: "is not set" }).pipe(httpUrl));
const optionalUrl = z.preprocess(blank, httpUrl.optional());
const optionalText = z.preprocess(blank, z.string().optional());

/** A whole number in `[min, max]`; unset takes `fallback`, while an empty or malformed value is an error. */
const integer = (min: number, max: number, fallback: number) =>
	z
		.preprocess(
			(value) => (typeof value === "number" ? String(value) : value),
			z
				.string()
				.regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
				.transform(Number)
				.pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`)),
		)
		.optional()
		.transform((value) => value ?? fallback);

const Amount = z.number().int().positive().max(1_000_000_000);
/** CREDIT_PACKAGES ("100:500,500:2000,1000:3500"): `credits:price_cents` pairs, at least one, each size once. */
const CreditPackageList = z
	.string()
	.transform((value) => value.split(",").map((pair) => pair.trim()))
	.pipe(
		z
			.array(
				z
					.string()
					.regex(/^\d+:\d+$/, "each package is written credits:price_cents")
					.transform((pair) => pair.split(":").map(Number))
					.pipe(z.tuple([Amount, Amount])),
			)
			.min(1)
			.max(10),
	)
	.refine((pairs) => new Set(pairs.map(([credits]) => credits)).size === pairs.length, "a package size is listed twice")
	.default([
		[100, 500],
		[500, 2000],
		[1000, 3500],
	]);

/**
 * A `name:amount` list over fixed names (USAGE_PRICES "llm.text:2,image.generate:4"): every name
 * it gives must be one of `defaults`' and appear once; names it leaves out keep their default.
 */
function namedAmounts<K extends string>(defaults: Record<K, number>, min: number) {
	const names = Object.keys(defaults) as K[];
	return z.preprocess(
		blank,
		z
			.string()
			.optional()
			.transform((value, ctx) => {
				const amounts = { ...defaults };
				const seen = new Set<string>();
				for (const pair of (value ?? "")
					.split(",")
					.map((p) => p.trim())
					.filter(Boolean)) {
					const match = /^([a-z.]+):(\d+)$/.exec(pair);
					const name = match?.[1] as K | undefined;
					const amount = Number(match?.[2]);
					if (!name || !names.includes(name) || seen.has(name) || amount < min || amount > 1_000_000_000) {
						ctx.addIssue({ code: "custom", message: `must be name:amount pairs (names ${names.join(", ")}, each once, amounts from ${min})` });
						return z.NEVER;
					}
					seen.add(name);
					amounts[name] = amount;
				}
				return amounts;
			}),
	);
}

/** An ISO 4217 code, lowercase as Stripe takes it. */
const Currency = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z]{3}$/, "must be a three-letter currency code")
	.default("usd");

const EmailList = z.preprocess(
	blank,
	z
		.string()
		.optional()
		.transform((value) =>
			(value ?? "")
				.split(",")
				.map((email) => email.trim().toLowerCase())
				.filter(Boolean),
		)
		.pipe(z.array(z.email({ error: "must be a comma-separated list of e-mail addresses" }))),
);

/** The variables, one schema each; cross-variable rules follow in {@link crossChecks}. */
/** `kid:secret,kid:secret`, the current key first: each kid names its key in every sealed token. */
const TokenKeyList = z.preprocess(
	blank,
	z
		.string()
		.transform((text, ctx) => {
			const keys = text.split(",").map((entry) => {
				const at = entry.indexOf(":");
				return { kid: entry.slice(0, at).trim(), key: entry.slice(at + 1).trim() };
			});
			for (const { kid, key } of keys) {
				if (!/^[A-Za-z0-9_-]{1,16}$/.test(kid) || key.length < SECRET_MIN_LENGTH) {
					ctx.addIssue({
						code: "custom",
						message: `must be kid:secret pairs, comma-separated (kid 1-16 letters, digits, - or _; secret ${SECRET_MIN_LENGTH}+ characters)`,
					});
					return z.NEVER;
				}
			}
			if (new Set(keys.map((k) => k.kid)).size !== keys.length) {
				ctx.addIssue({ code: "custom", message: "names a key id twice" });
				return z.NEVER;
			}
			return keys as [{ kid: string; key: string }, ...{ kid: string; key: string }[]];
		})
		.optional(),
);

const Vars = z.object({
	PUBLIC_BASE_URL: requiredUrl,
	ADMIN_API_KEY: secret(),
	ADMIN_EMAILS: EmailList,
	DOWNLOAD_TOKEN_SECRET: secret(),
	DOWNLOAD_TOKEN_PREVIOUS_SECRET: optionalSecret(),
	STRIPE_WEBHOOK_SECRET: secret(),
	// Fail closed: no default. A misspelled provider would otherwise sell everything for free.
	PAYMENT_PROVIDER: z.preprocess(
		blank,
		z.enum(["local", "stripe"], { error: (issue) => (issue.input === undefined ? "is not set" : 'must be "local" or "stripe"') }),
	),
	STRIPE_SECRET_KEY: z.preprocess(
		blank,
		z
			.string()
			.regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_live_… or sk_test_…)")
			.optional(),
	),
	STRIPE_API_BASE: optionalUrl,
	GPU_GATEWAY_URL: requiredUrl,
	GPU_GATEWAY_SECRET: secret(),
	OIDC_ISSUER: optionalUrl,
	OIDC_CLIENT_ID: optionalText,
	// Issued by the identity provider, not chosen here: Google's are 24 to 35 characters.
	OIDC_CLIENT_SECRET: optionalSecret(16),
	MAIL_PROVIDER: z.preprocess(blank, z.enum(["log", "resend"], { error: 'must be "log" or "resend"' }).default("log")),
	MAIL_FROM: z.preprocess(blank, z.string().max(200).default("Edge Factory <orders@example.com>")),
	MAIL_API_KEY: optionalText,
	MAIL_API_URL: optionalUrl,
	LLM_BASE_URL: optionalUrl,
	LLM_API_KEY: optionalText,
	LLM_MODEL: z.preprocess(blank, z.string().max(200).default("gpt-4o-mini")),
	QA_THRESHOLD: integer(0, 100, 80),
	QA1_MAX_REGENERATIONS: integer(0, 10, 2),
	STAGE_RETRY_BASE_SECONDS: integer(0, 3600, 5),
	DOWNLOAD_RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000, 30),
	CHECKOUT_RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000, 10),
	ADMIN_RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000, 100),
	GENERATION_RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000, 6),
	USER_API_RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000, 100),
	COMMENT_RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000, 10),
	ARTIST_SHARE: integer(0, 100, 70),
	PAYOUT_MINIMUM_CREDITS: integer(1, 1_000_000_000, 1000),
	PAYOUT_CENTS_PER_CREDIT: integer(0, 1_000_000, 3),
	STYLE_LIMIT_PER_ARTIST: integer(1, 100, 1),
	CREDIT_PACKAGES: CreditPackageList,
	CREDIT_CURRENCY: Currency,
	BENCH_BASELINE: z.preprocess(blank, z.enum(["enabled"], { error: 'must be empty or "enabled"' }).optional()),
	DEFAULT_LOCALE: z.preprocess(blank, z.enum(["en", "ko"], { error: 'must be "en" or "ko"' }).default("en")),
	I18N_FALLBACK: z.preprocess(blank, z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on")),
	// Non-zero by default, so caps, costs and cache savings are real offline too.
	USAGE_PRICES: namedAmounts({ "llm.text": 2, "image.generate": 4, "tts.speak": 1, "video.compose": 10 }, 1),
	PLAN_PRICES: namedAmounts({ basic: 900, standard: 2900, professional: 9900 }, 1),
	PLAN_CURRENCY: Currency,
	VIDEO_GENERATION_RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000, 10),
	PORTRAIT_PRICE: integer(1, 100_000_000, 9900),
	PORTRAIT_CURRENCY: z.preprocess(blank, Currency.default("krw")),
	PORTONE_API_SECRET: optionalSecret(16),
	PORTONE_STORE_ID: optionalText,
	PORTONE_CHANNEL_KEY: optionalText,
	PORTONE_WEBHOOK_SECRET: optionalSecret(16),
	PORTONE_API_BASE: optionalUrl,
	SMS_PROVIDER: z.preprocess(blank, z.enum(["log", "coolsms"], { error: 'must be "log" or "coolsms"' }).default("log")),
	SMS_SENDER: z.preprocess(
		blank,
		z
			.string()
			.regex(/^0\d{8,10}$/, "must be a registered Korean sender number, digits only (0212345678)")
			.default("0212345678"),
	),
	COOLSMS_API_KEY: optionalText,
	COOLSMS_API_SECRET: optionalSecret(16),
	COOLSMS_API_BASE: optionalUrl,
	CHANNEL_TOKEN_KEYS: TokenKeyList,
	CAFE24_CLIENT_ID: optionalText,
	CAFE24_CLIENT_SECRET: optionalSecret(16),
	CAFE24_SCOPES: z.preprocess(blank, z.string().max(500).default("mall.read_product,mall.write_product,mall.read_order")),
	// Only for tests or a local fake: the API's base with `{mall_id}` in it (empty = https://{mall_id}.cafe24api.com).
	CAFE24_API_BASE: z.preprocess(
		blank,
		z
			.string()
			.regex(/^https?:\/\/.*\{mall_id\}/, "must be an http(s) URL with {mall_id} in it")
			.optional(),
	),
	YOUTUBE_CLIENT_ID: optionalText,
	YOUTUBE_CLIENT_SECRET: optionalSecret(16),
	// Only for tests or a local fake: one base for Google's OAuth and the YouTube Data API (empty = Google's hosts).
	YOUTUBE_API_BASE: optionalUrl,
	CHANNEL_SANDBOX: z.preprocess(blank, z.enum(["on", "off"], { error: 'must be "on" or "off"' }).optional()),
	CHANNEL_RETRY_BASE_SECONDS: integer(0, 3600, 5),
});
type Vars = z.output<typeof Vars>;

/** Loopback or localhost: the only places the `local` payment provider (which pays any order) may serve. */
export function isLoopbackUrl(url: string): boolean {
	const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
	return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Rules between variables. */
function crossChecks(vars: Vars): ConfigProblem[] {
	const problems: ConfigProblem[] = [];
	if (vars.PAYMENT_PROVIDER === "stripe" && !vars.STRIPE_SECRET_KEY) {
		problems.push({ variable: "STRIPE_SECRET_KEY", problem: 'is not set, and PAYMENT_PROVIDER is "stripe"' });
	}
	if (vars.PAYMENT_PROVIDER === "local" && !isLoopbackUrl(vars.PUBLIC_BASE_URL)) {
		problems.push({
			variable: "PAYMENT_PROVIDER",
			problem: 'is "local" (its pay button marks any order paid), but PUBLIC_BASE_URL is not a loopback or localhost address: use "stripe"',
		});
	}
	if (vars.MAIL_PROVIDER === "resend" && !vars.MAIL_API_KEY) {
		problems.push({ variable: "MAIL_API_KEY", problem: 'is not set, and MAIL_PROVIDER is "resend"' });
	}
	if (Boolean(vars.LLM_BASE_URL) !== Boolean(vars.LLM_API_KEY)) {
		problems.push({ variable: vars.LLM_BASE_URL ? "LLM_API_KEY" : "LLM_BASE_URL", problem: "is not set: LLM_BASE_URL and LLM_API_KEY go together" });
	}
	const portone = {
		PORTONE_API_SECRET: vars.PORTONE_API_SECRET,
		PORTONE_STORE_ID: vars.PORTONE_STORE_ID,
		PORTONE_CHANNEL_KEY: vars.PORTONE_CHANNEL_KEY,
		PORTONE_WEBHOOK_SECRET: vars.PORTONE_WEBHOOK_SECRET,
	};
	const portoneMissing = Object.entries(portone).filter(([, value]) => !value);
	if (portoneMissing.length > 0 && portoneMissing.length < 4) {
		for (const [variable] of portoneMissing) problems.push({ variable, problem: "is not set: the PORTONE_* variables go together" });
	}
	if (vars.SMS_PROVIDER === "coolsms") {
		for (const variable of ["COOLSMS_API_KEY", "COOLSMS_API_SECRET"] as const) {
			if (!vars[variable]) problems.push({ variable, problem: 'is not set, and SMS_PROVIDER is "coolsms"' });
		}
	}
	for (const [provider, id, secret] of [
		["CAFE24", vars.CAFE24_CLIENT_ID, vars.CAFE24_CLIENT_SECRET],
		["YOUTUBE", vars.YOUTUBE_CLIENT_ID, vars.YOUTUBE_CLIENT_SECRET],
	] as const) {
		if (Boolean(id) !== Boolean(secret)) {
			problems.push({
				variable: `${provider}_${id ? "CLIENT_SECRET" : "CLIENT_ID"}`,
				problem: `is not set: ${provider}_CLIENT_ID and ${provider}_CLIENT_SECRET go together`,
			});
		}
	}
	// Outside accounts' tokens in production get keys of their own, rotatable apart from the download links'.
	if ((vars.CAFE24_CLIENT_ID || vars.YOUTUBE_CLIENT_ID) && !vars.CHANNEL_TOKEN_KEYS && !isLoopbackUrl(vars.PUBLIC_BASE_URL)) {
		problems.push({ variable: "CHANNEL_TOKEN_KEYS", problem: "is not set, and an outside channel provider (CAFE24_*, YOUTUBE_*) is configured" });
	}
	if (vars.CHANNEL_SANDBOX === "on" && !isLoopbackUrl(vars.PUBLIC_BASE_URL)) {
		problems.push({
			variable: "CHANNEL_SANDBOX",
			problem: 'is "on" (its in-app shop and channel publish nowhere), but PUBLIC_BASE_URL is not a loopback or localhost address',
		});
	}
	const oidc = { OIDC_ISSUER: vars.OIDC_ISSUER, OIDC_CLIENT_ID: vars.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: vars.OIDC_CLIENT_SECRET };
	const missing = Object.entries(oidc).filter(([, value]) => !value);
	if (missing.length > 0 && missing.length < 3) {
		for (const [variable] of missing) problems.push({ variable, problem: "is not set: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together" });
	}
	return problems;
}

const withoutSlash = (url: string) => url.replace(/\/+$/, "");

function toConfig(vars: Vars): AppConfig {
	const publicBaseUrl = withoutSlash(vars.PUBLIC_BASE_URL);
	return {
		publicBaseUrl,
		adminApiKey: vars.ADMIN_API_KEY,
		adminEmails: new Set(vars.ADMIN_EMAILS),
		tokenSecrets: { current: vars.DOWNLOAD_TOKEN_SECRET, previous: vars.DOWNLOAD_TOKEN_PREVIOUS_SECRET ?? null },
		payment:
			vars.PAYMENT_PROVIDER === "stripe"
				? { provider: "stripe", secretKey: vars.STRIPE_SECRET_KEY ?? "", apiBase: vars.STRIPE_API_BASE ?? null }
				: { provider: "local" },
		stripeWebhookSecret: vars.STRIPE_WEBHOOK_SECRET,
		gpuGateway: { url: withoutSlash(vars.GPU_GATEWAY_URL), secret: vars.GPU_GATEWAY_SECRET },
		oidc:
			vars.OIDC_ISSUER && vars.OIDC_CLIENT_ID && vars.OIDC_CLIENT_SECRET
				? {
						issuer: withoutSlash(vars.OIDC_ISSUER),
						clientId: vars.OIDC_CLIENT_ID,
						clientSecret: vars.OIDC_CLIENT_SECRET,
						redirectUri: `${publicBaseUrl}/auth/callback`,
					}
				: null,
		mail:
			vars.MAIL_PROVIDER === "resend"
				? { provider: "resend", from: vars.MAIL_FROM, apiKey: vars.MAIL_API_KEY ?? "", apiUrl: vars.MAIL_API_URL ?? null }
				: { provider: "log", from: vars.MAIL_FROM },
		llm: vars.LLM_BASE_URL && vars.LLM_API_KEY ? { baseUrl: vars.LLM_BASE_URL, apiKey: vars.LLM_API_KEY, model: vars.LLM_MODEL } : null,
		pipeline: { qaThreshold: vars.QA_THRESHOLD, maxRegenerations: vars.QA1_MAX_REGENERATIONS, retryBaseSeconds: vars.STAGE_RETRY_BASE_SECONDS },
		limits: {
			download: vars.DOWNLOAD_RATE_LIMIT_PER_MINUTE,
			checkout: vars.CHECKOUT_RATE_LIMIT_PER_MINUTE,
			admin: vars.ADMIN_RATE_LIMIT_PER_MINUTE,
			generation: vars.GENERATION_RATE_LIMIT_PER_MINUTE,
			userApi: vars.USER_API_RATE_LIMIT_PER_MINUTE,
			comments: vars.COMMENT_RATE_LIMIT_PER_MINUTE,
		},
		styleLimitPerArtist: vars.STYLE_LIMIT_PER_ARTIST,
		earnings: {
			artistSharePercent: vars.ARTIST_SHARE,
			payoutMinimumCredits: vars.PAYOUT_MINIMUM_CREDITS,
			payoutCentsPerCredit: vars.PAYOUT_CENTS_PER_CREDIT,
			payoutCurrency: vars.CREDIT_CURRENCY,
		},
		creditPackages: vars.CREDIT_PACKAGES.map(([credits, priceCents]) => ({ credits, priceCents, currency: vars.CREDIT_CURRENCY })).sort(
			(a, b) => a.credits - b.credits,
		),
		benchBaseline: vars.BENCH_BASELINE === "enabled",
		i18n: { defaultLocale: vars.DEFAULT_LOCALE, fallback: vars.I18N_FALLBACK === "on" },
		video: {
			prices: vars.USAGE_PRICES,
			planPrices: vars.PLAN_PRICES,
			currency: vars.PLAN_CURRENCY,
			generationsPerMinute: vars.VIDEO_GENERATION_RATE_LIMIT_PER_MINUTE,
		},
		portraits: { priceCents: vars.PORTRAIT_PRICE, currency: vars.PORTRAIT_CURRENCY },
		portone:
			vars.PORTONE_API_SECRET && vars.PORTONE_STORE_ID && vars.PORTONE_CHANNEL_KEY && vars.PORTONE_WEBHOOK_SECRET
				? {
						apiSecret: vars.PORTONE_API_SECRET,
						storeId: vars.PORTONE_STORE_ID,
						channelKey: vars.PORTONE_CHANNEL_KEY,
						webhookSecret: vars.PORTONE_WEBHOOK_SECRET,
						apiBase: vars.PORTONE_API_BASE ?? null,
					}
				: null,
		sms:
			vars.SMS_PROVIDER === "coolsms"
				? {
						provider: "coolsms",
						sender: vars.SMS_SENDER,
						apiKey: vars.COOLSMS_API_KEY ?? "",
						apiSecret: vars.COOLSMS_API_SECRET ?? "",
						apiBase: vars.COOLSMS_API_BASE ?? null,
					}
				: { provider: "log", sender: vars.SMS_SENDER },
		channels: {
			tokenKeys: vars.CHANNEL_TOKEN_KEYS ?? null,
			cafe24:
				vars.CAFE24_CLIENT_ID && vars.CAFE24_CLIENT_SECRET
					? {
							clientId: vars.CAFE24_CLIENT_ID,
							clientSecret: vars.CAFE24_CLIENT_SECRET,
							scopes: vars.CAFE24_SCOPES.split(",")
								.map((scope) => scope.trim())
								.filter(Boolean),
							apiBase: vars.CAFE24_API_BASE ? withoutSlash(vars.CAFE24_API_BASE) : null,
						}
					: null,
			youtube:
				vars.YOUTUBE_CLIENT_ID && vars.YOUTUBE_CLIENT_SECRET
					? {
							clientId: vars.YOUTUBE_CLIENT_ID,
							clientSecret: vars.YOUTUBE_CLIENT_SECRET,
							apiBase: vars.YOUTUBE_API_BASE ? withoutSlash(vars.YOUTUBE_API_BASE) : null,
						}
					: null,
			// The sandbox publishes nowhere: offered by default only where the app itself is local.
			sandbox: vars.CHANNEL_SANDBOX ? vars.CHANNEL_SANDBOX === "on" : isLoopbackUrl(vars.PUBLIC_BASE_URL),
			retryBaseSeconds: vars.CHANNEL_RETRY_BASE_SECONDS,
		},
	};
}

/**
 * Parses the Worker's variables and secrets (the bindings that are strings). Every problem is
 * reported, each naming its variable; values never appear in a problem, so it can be logged.
 */
export function parseConfig(vars: Record<string, unknown>): ConfigResult {
	const parsed = Vars.safeParse(vars);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? "configuration"), problem: issue.message }));
		// One problem per variable: the first is the one to fix.
		return { ok: false, problems: problems.filter((p, i) => problems.findIndex((q) => q.variable === p.variable) === i) };
	}
	const problems = crossChecks(parsed.data);
	return problems.length > 0 ? { ok: false, problems } : { ok: true, config: toConfig(parsed.data) };
}

/** One line per problem, as `npm start` prints it and the Worker logs it. */
export function describeProblem(problem: ConfigProblem): string {
	return `${problem.variable} ${problem.problem}`;
}
