import type { DownloadGrant } from "../../durable-objects/download-grant";
import type { RateLimiter } from "../../durable-objects/rate-limiter";
import type { Db } from "../db/client";
import type { CommerceConfig } from "./config";
import type { MailMessage } from "./mail/messages";
import type { Mailer } from "./mail/types";
import type { PayableRegistry } from "./payables";
import type { PortOneApi } from "./payments/portone-api";
import type { PaymentProvider } from "./payments/types";
import type { Keyring } from "./tokens";

/** What commerce functions need, built by the composition root (src/wiring.ts); tests swap any part. */
export type CommerceDeps = {
	db: Db;
	files: R2Bucket;
	grants: DurableObjectNamespace<DownloadGrant>;
	limiter: DurableObjectNamespace<RateLimiter>;
	/** The configured provider (PAYMENT_PROVIDER); what a payable pays through is {@link CommerceDeps.paymentsFor}'s choice. */
	payments: PaymentProvider;
	/** The provider a payable in `currency` is paid through: KRW → PortOne when configured, else `payments`. */
	paymentsFor(currency: string): PaymentProvider;
	/** The provider a stored payment names (`provider`): refunds go back where the money came from; 409 when not configured. */
	paymentsNamed(name: string): PaymentProvider;
	/** PortOne's API and webhook secret (src/commerce/payments/portone-api.ts), or null when PORTONE_* are not set. */
	portone: PortOneApi | null;
	/** What a payment can be for (orders, credit purchases, …): each says how a payment, refund or dispute applies to it. */
	payables: PayableRegistry;
	mailer: Mailer;
	/** Where mails to buyers are queued (their outbox rows in D1); the consumer sends them with retries. */
	mailQueue: Queue<MailMessage>;
	/** Signing keys of download and file links. */
	keyring: Keyring;
	/** Key of the keyed hashes of client IPs. */
	clientHashKey: string;
	webhookSecret: string;
	config: CommerceConfig;
	now: () => Date;
};
