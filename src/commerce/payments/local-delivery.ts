import type { CommerceDeps } from "../deps";
import { receiveStripeWebhook, type WebhookResult } from "../webhook";
import type { StripeEventLike } from "./stripe";
import { signStripePayload } from "./stripe";

/**
 * Delivers an event of the `local` provider the way Stripe delivers one: serialised once,
 * signed with STRIPE_WEBHOOK_SECRET, and verified and processed by the same webhook receiver.
 */
export async function deliverLocalEvent(deps: CommerceDeps, event: StripeEventLike): Promise<WebhookResult> {
	const payload = JSON.stringify(event);
	const signature = await signStripePayload(payload, deps.webhookSecret, Math.floor(deps.now().getTime() / 1000));
	return receiveStripeWebhook(deps, payload, signature);
}
