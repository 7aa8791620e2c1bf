import type { DownloadGrant } from "../../durable-objects/download-grant";
import type { RateLimiter } from "../../durable-objects/rate-limiter";
import { type Db, getDb } from "../db/client";
import { type CommerceConfig, commerceConfig } from "./config";
import { selectMailer } from "./mail/select";
import type { Mailer } from "./mail/types";
import { selectPaymentProvider } from "./payments/select";
import type { PaymentProvider } from "./payments/types";
import { type Keyring, keyringFrom } from "./tokens";

/** What commerce functions need, passed in so tests can swap any part (the clock, a provider). */
export type CommerceDeps = {
	db: Db;
	files: R2Bucket;
	grants: DurableObjectNamespace<DownloadGrant>;
	limiter: DurableObjectNamespace<RateLimiter>;
	payments: PaymentProvider;
	mailer: Mailer;
	keyring: Keyring;
	/** Secret for keyed hashes of client IPs. */
	hashSecret: string;
	webhookSecret: string;
	config: CommerceConfig;
	now: () => Date;
};

/** The production wiring of commerce from the Worker's bindings. */
export async function commerceDeps(env: Env, overrides: Partial<CommerceDeps> = {}): Promise<CommerceDeps> {
	const db = getDb(env.DB);
	const now = overrides.now ?? (() => new Date());
	return {
		db,
		files: env.FILES,
		grants: env.DOWNLOAD_GRANTS,
		limiter: env.RATE_LIMITER,
		payments: overrides.payments ?? selectPaymentProvider(env, db, now),
		mailer: overrides.mailer ?? selectMailer(env),
		keyring: overrides.keyring ?? (await keyringFrom(env)),
		hashSecret: env.DOWNLOAD_TOKEN_SECRET,
		webhookSecret: env.STRIPE_WEBHOOK_SECRET,
		config: commerceConfig(env),
		now,
		...overrides,
	};
}
