import type { Db } from "../../db/client";
import { commerceDeps } from "../deps";
import { receiveStripeWebhook } from "../webhook";
import { localProvider } from "./local";
import { signStripePayload, stripeProvider } from "./stripe";
import type { PaymentProvider } from "./types";

/**
 * `stripe` when PAYMENT_PROVIDER says so (then STRIPE_SECRET_KEY is required), else the offline
 * `local` provider, whose events go through the same signature check as Stripe's.
 */
export function selectPaymentProvider(env: Env, db: Db, now: () => Date): PaymentProvider {
	if (env.PAYMENT_PROVIDER === "stripe") {
		if (!env.STRIPE_SECRET_KEY) throw new Error("PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY");
		return stripeProvider({ secretKey: env.STRIPE_SECRET_KEY, apiBase: (env as { STRIPE_API_BASE?: string }).STRIPE_API_BASE || undefined });
	}
	const baseUrl = (env.PUBLIC_BASE_URL || "http://127.0.0.1:8787").replace(/\/+$/, "");
	return localProvider(db, baseUrl, now, async (event) => {
		const payload = JSON.stringify(event);
		const signature = await signStripePayload(payload, env.STRIPE_WEBHOOK_SECRET, Math.floor(now().getTime() / 1000));
		await receiveStripeWebhook(await commerceDeps(env, { now }), payload, signature);
	});
}
