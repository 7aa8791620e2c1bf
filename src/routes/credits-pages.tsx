import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser, userPage } from "../accounts/guards";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import type { CommerceDeps } from "../commerce/deps";
import { creditBalance, creditHistory } from "../credits/ledger";
import { findCreditPackage } from "../credits/packages";
import { type CreditPurchase, confirmCreditPurchase, createCreditPurchase, userCreditPurchase } from "../credits/purchase";
import { errorMessage, log } from "../lib/log";
import { MAX_POLL, nextPollPath, pollDelaySeconds } from "../lib/poll-backoff";
import { validate } from "../lib/validate";
import { CreditsPage, type PurchaseNotice } from "../views/credits/credits-page";
import { renderPage } from "./render-page";

const CreditsQuery = z.object({
	purchase: z.string().max(64).optional(),
	canceled: z.string().max(64).optional(),
	session_id: z.string().max(200).optional(),
	// How often the page waiting for a payment has reloaded itself: the next reload waits longer.
	poll: z.coerce.number().int().min(0).max(MAX_POLL).default(0),
});
const BuyForm = z.object({ credits: z.coerce.number().int().positive() });

/** What the credits page says about the purchase the browser came back from (confirming it with the provider if needed). */
async function purchaseNotice(deps: CommerceDeps, userId: string, query: z.infer<typeof CreditsQuery>): Promise<PurchaseNotice | undefined> {
	if (query.canceled) return { canceled: true };
	if (!query.purchase) return undefined;
	let purchase: CreditPurchase = await userCreditPurchase(deps.db, userId, query.purchase);
	if (purchase.status === "pending") {
		// The buyer may be back before the webhook: ask the provider, credit through the same code.
		try {
			if (await confirmCreditPurchase(deps, purchase)) purchase = await userCreditPurchase(deps.db, userId, purchase.id);
		} catch (err) {
			log("warn", "credit purchase confirmation failed", { purchaseId: purchase.id, error: errorMessage(err) });
		}
	}
	return { id: purchase.id, credits: purchase.credits, status: purchase.status };
}

/** `/credits`: the signed-in user's balance, history and the packages on sale; buying one goes to the provider's checkout. */
export const creditsPages = new Hono<AppEnv>()
	.get("/", userPage, loadViewer, validate("query", CreditsQuery), async (c) => {
		const { db, commerce, config } = c.var.deps;
		const { user, csrfToken } = signedInUser(c);
		const query = c.req.valid("query");
		const purchase = await purchaseNotice(commerce, user.id, query);
		const [balance, history] = await Promise.all([creditBalance(db, user.id), creditHistory(db, user.id)]);
		return renderPage(
			c,
			<CreditsPage
				viewer={c.var.viewer}
				balance={balance}
				packages={config.creditPackages.map((pkg) => ({ credits: pkg.credits, price_cents: pkg.priceCents, currency: pkg.currency }))}
				history={history.map((row) => ({ id: row.id, kind: row.kind, amount: row.amount, balance_after: row.balanceAfter, created_at: row.createdAt }))}
				csrfToken={csrfToken}
				purchase={purchase}
				refresh={
					query.purchase
						? { seconds: pollDelaySeconds(query.poll), url: nextPollPath(`/credits?purchase=${encodeURIComponent(query.purchase)}`, query.poll) }
						: undefined
				}
			/>,
		);
	})
	.post("/buy", requireUser, validate("form", BuyForm), async (c) => {
		const { commerce, config } = c.var.deps;
		const pkg = findCreditPackage(config.creditPackages, c.req.valid("form").credits);
		const { checkoutUrl } = await createCreditPurchase(commerce, signedInUser(c).user, pkg);
		return c.redirect(checkoutUrl, 303);
	});
