import type { AppConfig } from "../../config/settings";
import type { Db } from "../../db/client";
import { type EventSink, localProvider } from "./local";
import { stripeProvider } from "./stripe";
import type { PaymentProvider } from "./types";

/**
 * The provider PAYMENT_PROVIDER names (checked in src/config/settings.ts: `local` only on a
 * loopback PUBLIC_BASE_URL). The local provider hands its Stripe-shaped events to `deliver`,
 * which the composition root points at the webhook receiver.
 */
export function selectPaymentProvider(config: Pick<AppConfig, "payment" | "publicBaseUrl">, db: Db, now: () => Date, deliver: EventSink): PaymentProvider {
	if (config.payment.provider === "stripe") return stripeProvider({ secretKey: config.payment.secretKey, apiBase: config.payment.apiBase ?? undefined });
	return localProvider(db, config.publicBaseUrl, now, deliver);
}
