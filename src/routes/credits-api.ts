import { Hono } from "hono";
import { z } from "zod";
import { requireUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { commerceDeps } from "../commerce/deps";
import { creditBalance, creditHistory } from "../credits/ledger";
import { creditPackages, findCreditPackage } from "../credits/packages";
import { confirmCreditPurchase, createCreditPurchase, creditPurchaseView, userCreditPurchase } from "../credits/purchase";
import { AppError } from "../lib/errors";
import { errorMessage, log } from "../lib/log";
import { validate } from "../lib/validate";

const PurchaseBody = z.object({ credits: z.int().positive() });
const PurchaseParams = z.object({ id: z.string().min(1).max(64) });

/** The signed-in user, set by `requireUser`. */
function signedInUser(user: AppEnv["Variables"]["user"]) {
	if (!user) throw new AppError(401, "UNAUTHORIZED", "Sign in first.");
	return user;
}

/** A ledger row as the API shows it. */
function movementView(row: Awaited<ReturnType<typeof creditHistory>>[number]) {
	return { id: row.id, kind: row.kind, amount: row.amount, balance_after: row.balanceAfter, reference: row.reference, created_at: row.createdAt };
}

/** The packages on sale, as the API shows them. */
function packagesView(env: Env) {
	return creditPackages(env).map((pkg) => ({ credits: pkg.credits, price_cents: pkg.priceCents, currency: pkg.currency }));
}

/**
 * `/api/credits`: the signed-in user's balance, packages and history, and buying a package
 * through the storefront's payment provider. Credits arrive only from a paid checkout
 * session (webhook or the return page), once per purchase.
 */
export const creditsApi = new Hono<AppEnv>()
	.use(requireUser)
	.use(async (c, next) => {
		// A broken CREDIT_PACKAGES answers every credits route with a 500 that names it.
		creditPackages(c.env);
		await next();
	})
	.get("/", async (c) => {
		const deps = await commerceDeps(c.env);
		const user = signedInUser(c.var.user);
		const [balance, history] = await Promise.all([creditBalance(deps.db, user.id), creditHistory(deps.db, user.id)]);
		return c.json({ balance, packages: packagesView(c.env), history: history.map(movementView) }, 200, { "Cache-Control": "no-store" });
	})
	.post("/purchases", validate("json", PurchaseBody), async (c) => {
		const deps = await commerceDeps(c.env);
		const pkg = findCreditPackage(creditPackages(c.env), c.req.valid("json").credits);
		const { purchase, checkoutUrl } = await createCreditPurchase(deps, signedInUser(c.var.user), pkg);
		return c.json({ purchase: creditPurchaseView(purchase), checkout_url: checkoutUrl }, 201);
	})
	.get("/purchases/:id", validate("param", PurchaseParams), async (c) => {
		// Like the order page: ask the provider when the webhook may not have arrived yet.
		const deps = await commerceDeps(c.env);
		const user = signedInUser(c.var.user);
		let purchase = await userCreditPurchase(deps.db, user.id, c.req.valid("param").id);
		if (purchase.status !== "paid") {
			try {
				if (await confirmCreditPurchase(deps, purchase)) purchase = await userCreditPurchase(deps.db, user.id, purchase.id);
			} catch (err) {
				log("warn", "credit purchase confirmation failed", { purchaseId: purchase.id, error: errorMessage(err) });
			}
		}
		return c.json({ purchase: creditPurchaseView(purchase), balance: await creditBalance(deps.db, user.id) }, 200, { "Cache-Control": "no-store" });
	});
