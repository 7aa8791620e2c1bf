import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { commerceDeps } from "../commerce/deps";
import { localCheckoutCompletedEvent } from "../commerce/payments/local";
import { signStripePayload } from "../commerce/payments/stripe";
import { receiveStripeWebhook } from "../commerce/webhook";
import { creditPurchaseCheckout, isCreditPurchaseId } from "../credits/purchase";
import { localCheckoutSessions, orders } from "../db/schema";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { LocalCheckoutPage } from "../views/local-checkout";

const SessionParams = z.object({ id: z.string().min(1).max(100) });

/**
 * The `local` payment provider's hosted checkout, standing in for Stripe's offline. Paying
 * signs a Stripe-shaped `checkout.session.completed` with STRIPE_WEBHOOK_SECRET and hands it to
 * the webhook, so it passes the same verification and fulfilment as a real Stripe event.
 */
export const localPay = new Hono<AppEnv>()
	.use(async (c, next) => {
		if (c.env.PAYMENT_PROVIDER === "stripe") throw new AppError(404, "NOT_FOUND", "Local payments are off: this store uses Stripe.");
		await next();
	})
	.get("/:id", validate("param", SessionParams), async (c) => {
		const deps = await commerceDeps(c.env);
		const session = await deps.db.query.localCheckoutSessions.findFirst({ where: eq(localCheckoutSessions.id, c.req.valid("param").id) });
		if (session && isCreditPurchaseId(session.orderId)) {
			// A credit package: the same page, with the purchase's line and its buyer.
			if (session.status === "complete") return c.redirect(session.successUrl, 303);
			const purchase = await creditPurchaseCheckout(deps.db, session.orderId);
			if (!purchase) throw new AppError(404, "NOT_FOUND", "No such checkout session.");
			return c.html(
				<LocalCheckoutPage
					sessionId={session.id}
					orderId={session.orderId}
					email={purchase.email}
					lines={purchase.lines}
					totalCents={session.amountCents}
					currency={session.currency}
					payAction={`/local-pay/${session.id}`}
					cancelUrl={session.cancelUrl}
					expired={session.status === "expired" || purchase.closed}
				/>,
			);
		}
		const order = session ? await deps.db.query.orders.findFirst({ where: eq(orders.id, session.orderId) }) : undefined;
		if (!session || !order) throw new AppError(404, "NOT_FOUND", "No such checkout session.");
		if (session.status === "complete") return c.redirect(session.successUrl, 303);
		const items = await deps.db.query.orderItems.findMany({ where: (item, { eq: equals }) => equals(item.orderId, order.id) });
		return c.html(
			<LocalCheckoutPage
				sessionId={session.id}
				orderId={order.id}
				email={order.email}
				lines={items.map((item) => ({ name: item.title, amountCents: item.priceCents, currency: item.currency }))}
				totalCents={session.amountCents}
				currency={session.currency}
				payAction={`/local-pay/${session.id}`}
				cancelUrl={session.cancelUrl}
				expired={session.status === "expired" || order.status === "EXPIRED" || order.status === "CANCELED"}
			/>,
		);
	})
	.post("/:id", validate("param", SessionParams), async (c) => {
		const deps = await commerceDeps(c.env);
		const [session] = await deps.db
			.update(localCheckoutSessions)
			.set({ status: "complete" })
			.where(and(eq(localCheckoutSessions.id, c.req.valid("param").id), eq(localCheckoutSessions.status, "open")))
			.returning();
		if (!session) {
			const existing = await deps.db.query.localCheckoutSessions.findFirst({ where: eq(localCheckoutSessions.id, c.req.valid("param").id) });
			if (existing?.status === "complete") return c.redirect(existing.successUrl, 303);
			throw new AppError(409, "CONFLICT", "This checkout session cannot be paid any more.");
		}
		const order = await deps.db.query.orders.findFirst({ where: eq(orders.id, session.orderId) });
		const payload = JSON.stringify(localCheckoutCompletedEvent(session, order?.email ?? "", deps.now()));
		const signature = await signStripePayload(payload, c.env.STRIPE_WEBHOOK_SECRET, Math.floor(deps.now().getTime() / 1000));
		await receiveStripeWebhook(deps, payload, signature);
		return c.redirect(session.successUrl, 303);
	});
