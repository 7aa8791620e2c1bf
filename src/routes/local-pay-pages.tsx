import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { localCheckoutCompletedEvent } from "../commerce/payments/local";
import { deliverLocalEvent } from "../commerce/payments/local-delivery";
import { localCheckoutSessions } from "../db/schema";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { LocalCheckoutPage } from "../views/local-checkout";
import { renderPage } from "./render-page";

const SessionParams = z.object({ id: z.string().min(1).max(100) });

/**
 * `/local-pay/:session`: the `local` payment provider's hosted checkout, standing in for
 * Stripe's offline. Paying signs a Stripe-shaped `checkout.session.completed` with
 * STRIPE_WEBHOOK_SECRET and hands it to the webhook, so it passes the same verification and
 * fulfilment as a real Stripe event. What is being paid for (an order, credits, …) is the
 * payable's business: the page asks it.
 */
export const localPayPages = new Hono<AppEnv>()
	.use(async (c, next) => {
		if (c.var.deps.config.payment.provider !== "local") throw new AppError(404, "NOT_FOUND", "Local payments are off: this store uses Stripe.");
		await next();
	})
	.get("/:id", validate("param", SessionParams), async (c) => {
		const { db, payables } = c.var.deps.commerce;
		const session = await db.query.localCheckoutSessions.findFirst({ where: eq(localCheckoutSessions.id, c.req.valid("param").id) });
		const checkout = session ? await payables.forReference(session.orderId)?.checkout(db, session.orderId) : null;
		if (!session || !checkout) throw new AppError(404, "NOT_FOUND", "No such checkout session.");
		if (session.status === "complete") return c.redirect(session.successUrl, 303);
		return renderPage(
			c,
			<LocalCheckoutPage
				sessionId={session.id}
				orderId={session.orderId}
				email={checkout.email}
				lines={checkout.lines}
				totalCents={session.amountCents}
				currency={session.currency}
				payAction={`/local-pay/${session.id}`}
				cancelUrl={session.cancelUrl}
				expired={session.status === "expired" || checkout.closed}
			/>,
		);
	})
	.post("/:id", validate("param", SessionParams), async (c) => {
		const deps = c.var.deps.commerce;
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
		const checkout = await deps.payables.forReference(session.orderId)?.checkout(deps.db, session.orderId);
		await deliverLocalEvent(deps, localCheckoutCompletedEvent(session, checkout?.email ?? "", deps.now()));
		return c.redirect(session.successUrl, 303);
	});
