import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser, userPage } from "../accounts/guards";
import { currentUser } from "../accounts/sessions";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { commerceDeps } from "../commerce/deps";
import { creditBalance, creditHistory } from "../credits/ledger";
import { creditPackages, findCreditPackage } from "../credits/packages";
import { type CreditPurchase, confirmCreditPurchase, createCreditPurchase, userCreditPurchase } from "../credits/purchase";
import { getDb } from "../db/client";
import { styles } from "../db/schema";
import { generationView, listPublicGenerations, listUserGenerations, setGenerationVisibility, visibleGeneration } from "../generation/queries";
import { mintProgressToken } from "../gpu/progress-token";
import { AppError } from "../lib/errors";
import { errorMessage, log } from "../lib/log";
import { validate } from "../lib/validate";
import { listNotifications, markRead, unreadCount } from "../notifications/notify";
import { GenerationVisibility } from "../shared/styles";
import { CreditsPage, type PurchaseNotice } from "../views/credits/credits-page";
import { FeedPage } from "../views/feed";
import { GenerationPage } from "../views/me/generation-page";
import { MePage } from "../views/me/me-page";
import { NotificationsPage } from "../views/notifications";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const PageQuery = z.object({ cursor: z.string().max(200).optional() });
const CreditsQuery = z.object({ purchase: z.string().max(64).optional(), canceled: z.string().max(64).optional(), session_id: z.string().max(200).optional() });
const BuyForm = z.object({ credits: z.coerce.number().int().positive() });
/** Where the visibility switch sends the browser back: "my page" or the generation's own page, nowhere else. */
const VisibilityForm = z.object({
	visibility: GenerationVisibility,
	return_to: z
		.string()
		.regex(/^\/(me|generations\/[A-Za-z0-9_]{1,64})$/)
		.optional(),
});

/** Generations per page of "my page" and the feed. */
const PAGE_SIZE = 24;

/** What the credits page says about the purchase the browser came back from (confirming it with the provider if needed). */
async function purchaseNotice(env: Env, userId: string, query: z.infer<typeof CreditsQuery>): Promise<PurchaseNotice | undefined> {
	if (query.canceled) return { canceled: true };
	if (!query.purchase) return undefined;
	const deps = await commerceDeps(env);
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

/** Server-rendered pages of signed-in users (credits, my page, notifications) and the public feed and generation pages. */
export const userPages = new Hono<AppEnv>()
	.get("/credits", userPage, loadViewer, validate("query", CreditsQuery), async (c) => {
		const { user, csrfToken } = signedInUser(c);
		const db = getDb(c.env.DB);
		const packages = creditPackages(c.env);
		const purchase = await purchaseNotice(c.env, user.id, c.req.valid("query"));
		const [balance, history] = await Promise.all([creditBalance(db, user.id), creditHistory(db, user.id)]);
		return c.html(
			<CreditsPage
				viewer={c.var.viewer}
				balance={balance}
				packages={packages.map((pkg) => ({ credits: pkg.credits, price_cents: pkg.priceCents, currency: pkg.currency }))}
				history={history.map((row) => ({ id: row.id, kind: row.kind, amount: row.amount, balance_after: row.balanceAfter, created_at: row.createdAt }))}
				csrfToken={csrfToken}
				purchase={purchase}
			/>,
		);
	})
	.post("/credits/buy", requireUser, validate("form", BuyForm), async (c) => {
		const { user } = signedInUser(c);
		const deps = await commerceDeps(c.env);
		const pkg = findCreditPackage(creditPackages(c.env), c.req.valid("form").credits);
		const { checkoutUrl } = await createCreditPurchase(deps, user, pkg);
		return c.redirect(checkoutUrl, 303);
	})
	.get("/me", userPage, loadViewer, validate("query", PageQuery), async (c) => {
		const { user, csrfToken } = signedInUser(c);
		const db = getDb(c.env.DB);
		const now = new Date();
		const [balance, page, myStyles, progressToken] = await Promise.all([
			creditBalance(db, user.id),
			listUserGenerations(db, user.id, { cursor: c.req.valid("query").cursor, limit: PAGE_SIZE }),
			user.role === "artist" ? db.query.styles.findMany({ where: eq(styles.artistId, user.id), orderBy: (s, { desc }) => [desc(s.createdAt)] }) : [],
			mintProgressToken(c.env.DOWNLOAD_TOKEN_SECRET, { type: "user", id: user.id }, now),
		]);
		return c.html(
			<MePage
				viewer={c.var.viewer}
				user={{ name: user.name, email: user.email, role: user.role }}
				balance={balance}
				generations={page.items.map(generationView)}
				nextPage={page.nextCursor ? `/me?cursor=${encodeURIComponent(page.nextCursor)}` : null}
				styles={myStyles.map((s) => ({
					id: s.id,
					slug: s.slug,
					title: s.title,
					status: s.status,
					price_credits: s.priceCredits,
					generation_count: s.generationCount,
				}))}
				csrfToken={csrfToken}
				progressToken={progressToken}
			/>,
		);
	})
	.get("/notifications", userPage, loadViewer, async (c) => {
		const { user, csrfToken } = signedInUser(c);
		const db = getDb(c.env.DB);
		const [rows, unread] = await Promise.all([listNotifications(db, user.id), unreadCount(db, user.id)]);
		return c.html(
			<NotificationsPage
				viewer={c.var.viewer}
				notifications={rows.map((n) => ({
					id: n.id,
					kind: n.kind,
					title: n.title,
					body: n.body,
					link: n.link,
					read: n.readAt !== null,
					created_at: n.createdAt,
				}))}
				unread={unread}
				csrfToken={csrfToken}
			/>,
		);
	})
	.post("/notifications/read-all", requireUser, async (c) => {
		await markRead(getDb(c.env.DB), signedInUser(c).user.id, new Date());
		return c.redirect("/notifications", 303);
	})
	.post("/notifications/:id/read", requireUser, validate("param", IdParams), async (c) => {
		await markRead(getDb(c.env.DB), signedInUser(c).user.id, new Date(), c.req.valid("param").id);
		return c.redirect("/notifications", 303);
	})
	.get("/feed", loadViewer, validate("query", PageQuery), async (c) => {
		const page = await listPublicGenerations(getDb(c.env.DB), { cursor: c.req.valid("query").cursor, limit: PAGE_SIZE });
		c.header("Cache-Control", "public, max-age=30");
		return c.html(
			<FeedPage
				viewer={c.var.viewer}
				generations={page.items.map(generationView)}
				nextPage={page.nextCursor ? `/feed?cursor=${encodeURIComponent(page.nextCursor)}` : null}
			/>,
		);
	})
	.get("/generations/:id", loadViewer, validate("param", IdParams), async (c) => {
		const db = getDb(c.env.DB);
		const viewer = await currentUser(c, db, new Date());
		const row = await visibleGeneration(db, c.req.valid("param").id, viewer?.user.id ?? null);
		const owner =
			viewer && row.generation.userId === viewer.user.id
				? {
						csrfToken: viewer.session.csrfToken,
						progressToken: await mintProgressToken(c.env.DOWNLOAD_TOKEN_SECRET, { type: "user", id: viewer.user.id }, new Date()),
					}
				: undefined;
		c.header("Cache-Control", "private, no-store");
		return c.html(<GenerationPage viewer={c.var.viewer} generation={generationView(row)} owner={owner} />);
	})
	.get("/generations/:id/image", validate("param", IdParams), async (c) => {
		const db = getDb(c.env.DB);
		const viewer = await currentUser(c, db, new Date());
		const { generation } = await visibleGeneration(db, c.req.valid("param").id, viewer?.user.id ?? null);
		if (generation.status !== "completed" || !generation.r2Key || !generation.sha256) throw new AppError(404, "NOT_FOUND", "This image is not ready.");
		// A private image is for its owner's browser only; a public one may be cached briefly by anyone.
		const headers: Record<string, string> = {
			ETag: `"${generation.sha256}"`,
			"Cache-Control": generation.visibility === "public" ? "public, max-age=60" : "private, max-age=60",
			Vary: "Cookie",
			"X-Content-Type-Options": "nosniff",
		};
		const ifNoneMatch = c.req.header("If-None-Match") ?? "";
		if (ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === headers.ETag)) return c.body(null, 304, headers);
		const object = await c.env.FILES.get(generation.r2Key);
		if (!object) throw new AppError(404, "NOT_FOUND", "This image is not ready.");
		return c.body(object.body, 200, {
			...headers,
			"Content-Type": object.httpMetadata?.contentType ?? "image/png",
			"Content-Length": String(object.size),
			"Content-Disposition": `inline; filename="${generation.id}.png"`,
		});
	})
	.post("/generations/:id/visibility", requireUser, validate("param", IdParams), validate("form", VisibilityForm), async (c) => {
		const form = c.req.valid("form");
		await setGenerationVisibility(getDb(c.env.DB), signedInUser(c).user.id, c.req.valid("param").id, form.visibility, new Date());
		return c.redirect(form.return_to ?? "/me", 303);
	});
