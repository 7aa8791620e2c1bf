import type { AppConfig } from "../../config/settings";
import type { Db } from "../../db/client";
import { AppError } from "../../lib/errors";
import type { OutsideHttp } from "../../lib/outside-http";
import { type EventSink, localProvider } from "./local";
import { portoneProvider } from "./portone";
import { type PortOneApi, portoneApi } from "./portone-api";
import { stripeProvider } from "./stripe";
import type { PaymentProvider } from "./types";

/**
 * The provider PAYMENT_PROVIDER names (checked in src/config/settings.ts: `local` only on a
 * loopback PUBLIC_BASE_URL). The local provider hands its Stripe-shaped events to `deliver`,
 * which the composition root points at the webhook receiver. Stripe is reached through `http`.
 */
export function selectPaymentProvider(
	config: Pick<AppConfig, "payment" | "publicBaseUrl">,
	db: Db,
	now: () => Date,
	deliver: EventSink,
	http: OutsideHttp,
): PaymentProvider {
	if (config.payment.provider === "stripe") return stripeProvider({ secretKey: config.payment.secretKey, apiBase: config.payment.apiBase ?? undefined }, http);
	return localProvider(db, config.publicBaseUrl, now, deliver);
}

/** The providers of a deployment, and which one takes which payment. */
export type PaymentRouting = {
	/** The provider a payable in `currency` is paid through: KRW → PortOne when configured, else the configured one. */
	paymentsFor(currency: string): PaymentProvider;
	/**
	 * The provider named `name` (a payment's stored `provider`): refunds and return-page lookups
	 * go to the provider that took the payment. `409 CONFLICT` when it is not configured any more.
	 */
	paymentsNamed(name: string): PaymentProvider;
	/** PortOne's API (with its webhook secret), or null when PORTONE_* are not set. */
	portone: PortOneApi | null;
};

/**
 * Provider per currency: Korean buyers pay through the Korean payment services (PortOne) when
 * it is configured; every other currency, and KRW without PortOne, through `configured`.
 */
export function paymentRouting(configured: PaymentProvider, portone: { api: PortOneApi; baseUrl: string } | null): PaymentRouting {
	const portoneOne = portone ? portoneProvider(portone.api.settings, portone.baseUrl, portone.api) : null;
	return {
		paymentsFor: (currency) => (portoneOne && currency.toLowerCase() === "krw" ? portoneOne : configured),
		paymentsNamed(name) {
			if (name === configured.name) return configured;
			if (portoneOne && name === portoneOne.name) return portoneOne;
			throw new AppError(409, "CONFLICT", `The payment was taken by ${name}, which this deployment no longer uses.`);
		},
		portone: portone?.api ?? null,
	};
}

/** {@link paymentRouting} from the configuration: PortOne (over `http`) when `config.portone` is set. */
export function paymentRoutingOf(config: Pick<AppConfig, "portone" | "publicBaseUrl">, configured: PaymentProvider, http: OutsideHttp): PaymentRouting {
	return paymentRouting(configured, config.portone ? { api: portoneApi(config.portone, http), baseUrl: config.publicBaseUrl } : null);
}
