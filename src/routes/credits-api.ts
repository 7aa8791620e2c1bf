import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { creditBalance, creditHistory } from "../credits/ledger";
import { type CreditPackage, findCreditPackage } from "../credits/packages";
import { confirmCreditPurchase, createCreditPurchase, creditPurchaseView, paymentFailed, userCreditPurchase } from "../credits/purchase";
import { errorMessage, log } from "../lib/log";
import { validate } from "../lib/validate";

const PurchaseBody = z.object({ credits: z.int().positive() });
const PurchaseParams = z.object({ id: z.string().min(1).max(64) });

/** A ledger row as the API shows it. */
function movementView(row: Awaited<ReturnType<typeof creditHistory>>[number]) {
	return { id: row.id, kind: row.kind, amount: row.amount, balance_after: row.balanceAfter, reference: row.reference, created_at: row.createdAt };
}

/** The packages on sale, as the API shows them. */
function packagesView(packages: readonly CreditPackage[]) {
	return packages.map((pkg) => ({ credits: pkg.credits, price_cents: pkg.priceCents, currency: pkg.currency }));
}

/**
 * `/api/credits`: the signed-in user's balance, packages and history, and buying a package
 * through the storefront's payment provider. Credits arrive only from a paid checkout
 * session (webhook or the return page), once per purchase.
 */
export const creditsApi = new Hono<AppEnv>()
	.use(requireUser)
	.get("/", async (c) => {
		const { db, config } = c.var.deps;
		const { user } = signedInUser(c);
		const [balance, history] = await Promise.all([creditBalance(db, user.id), creditHistory(db, user.id)]);
		return c.json({ balance, packages: packagesView(config.creditPackages), history: history.map(movementView) }, 200, { "Cache-Control": "no-store" });
	})
	.post("/purchases", validate("json", PurchaseBody), async (c) => {
		const { commerce, config } = c.var.deps;
		const pkg = findCreditPackage(config.creditPackages, c.req.valid("json").credits);
		const { purchase, checkoutUrl } = await createCreditPurchase(commerce, signedInUser(c).user, pkg);
		return c.json({ purchase: creditPurchaseView(purchase), checkout_url: checkoutUrl }, 201);
	})
	.get("/purchases/:id", validate("param", PurchaseParams), async (c) => {
		// Like the order page: ask the provider when the webhook may not have arrived yet.
		const { commerce } = c.var.deps;
		const { user } = signedInUser(c);
		let purchase = await userCreditPurchase(commerce.db, user.id, c.req.valid("param").id);
		if (purchase.status === "pending") {
			try {
				if (await confirmCreditPurchase(commerce, purchase)) purchase = await userCreditPurchase(commerce.db, user.id, purchase.id);
			} catch (err) {
				log("warn", "credit purchase confirmation failed", { purchaseId: purchase.id, error: errorMessage(err) });
			}
		}
		// The payment failed: the buyer's answer is 402 PAYMENT_FAILED (nothing was credited), not a status to interpret.
		if (purchase.status === "failed") throw paymentFailed(purchase);
		return c.json({ purchase: creditPurchaseView(purchase), balance: await creditBalance(commerce.db, user.id) }, 200, { "Cache-Control": "no-store" });
	});
