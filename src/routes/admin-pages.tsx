import { type Context, Hono } from "hono";
import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { decideArtistApplication, listArtistApplications } from "../accounts/artist-applications";
import { refundOrder, reissueLinks, revokeGrant } from "../admin/actions";
import { adminOverview } from "../admin/overview";
import { adminEmails, consumeMagicLink, createMagicLink, currentAdminSession, endAdminSession, peekMagicLink, startAdminSession } from "../admin/sessions";
import type { AppEnv } from "../app-env";
import { adminOrderDetail, listDownloads, listOrders } from "../commerce/admin-orders";
import { clientInfo } from "../commerce/client";
import { commerceConfig } from "../commerce/config";
import { commerceDeps } from "../commerce/deps";
import { selectMailer } from "../commerce/mail/select";
import { getDb } from "../db/client";
import { isAdminKey } from "../lib/admin-auth";
import { AppError, type ErrorCode } from "../lib/errors";
import { secretsEqual } from "../lib/hash";
import { errorMessage, log } from "../lib/log";
import { enforceRateLimit, type RateLimit } from "../lib/rate-limit";
import { validate } from "../lib/validate";
import { createProducts } from "../pipeline/create-product";
import { pipelineDeps } from "../pipeline/deps";
import { listProducts, productDetail } from "../pipeline/product-queries";
import { republishProduct, unpublishProduct } from "../pipeline/publication";
import { retryProduct } from "../pipeline/retry";
import { TOPIC_IDEAS } from "../pipeline/titles";
import { OrderStatus } from "../shared/commerce";
import { CreateBatchRequest, CreateProductRequest, ProductStatus, TopicProductKind } from "../shared/product";
import { ARTIST_NOTICES, ArtistsPage } from "../views/admin/artists";
import { DownloadsPage } from "../views/admin/downloads";
import { AdminErrorPage } from "../views/admin/error";
import type { AdminViewer } from "../views/admin/layout";
import { CheckInboxPage, ConfirmSignInPage, LoginPage } from "../views/admin/login";
import { ORDER_NOTICES, OrderDetailPage } from "../views/admin/order-detail";
import { OrdersPage } from "../views/admin/orders";
import { OverviewPage } from "../views/admin/overview";
import { PRODUCT_NOTICES, ProductDetailPage } from "../views/admin/product-detail";
import { ProductsPage } from "../views/admin/products";

/** Sign-in attempts per client IP, key and e-mail forms together: slow enough to make guessing a key hopeless. */
const SIGN_IN_LIMIT: RateLimit = { name: "signin", limit: 5, windowMs: 5 * 60_000 };
const PAGE_SIZE = 25;
const DOWNLOAD_LOG_LIMIT = 200;

/**
 * Every dashboard response: never cached (pages carry the CSRF token and customer data),
 * never framed (clickjacking of the action buttons), scripts and styles from this origin only.
 */
const ADMIN_HEADERS: Record<string, string> = {
	"Cache-Control": "no-store",
	"X-Frame-Options": "DENY",
	"X-Content-Type-Options": "nosniff",
	"Referrer-Policy": "same-origin",
	"Content-Security-Policy":
		"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

/** An empty form field or query parameter means "not given". */
const blank = (value: unknown) => (value === "" ? undefined : value);
const IdParams = z.object({ id: z.string().min(1).max(64) });
const ArtistDecisionParams = IdParams.extend({ decision: z.enum(["approve", "reject"]) });
const KeyForm = z.object({ key: z.string().max(500) });
const EmailForm = z.object({ email: z.string().trim().max(254) });
const MagicQuery = z.object({ token: z.string().min(1).max(200) });
const INVALID_LINK = "This sign-in link is not valid: it was already used, has expired, or is incomplete. Request a new one below.";
const ProductsQuery = z.object({
	status: z.preprocess(blank, ProductStatus.optional()),
	q: z.preprocess(blank, z.string().trim().max(200).optional()),
	cursor: z.preprocess(blank, z.string().max(200).optional()),
	created: z.coerce.number().int().min(1).max(50).optional().catch(undefined),
});
const OrdersQuery = z.object({
	status: z.preprocess(blank, OrderStatus.optional()),
	cursor: z.preprocess(blank, z.string().max(200).optional()),
});
const DownloadsQuery = z.object({ order_id: z.preprocess(blank, z.string().trim().max(64).optional()) });
/** The `done` banner after an action; anything else is ignored rather than echoed. */
const noticeQuery = <T extends Record<string, string>>(notices: T) =>
	z.object({
		done: z
			.enum(Object.keys(notices) as [keyof T & string, ...(keyof T & string)[]])
			.optional()
			.catch(undefined),
	});

/** "19", "19.9", "19.99" → cents, without floating-point rounding. */
function dollarsToCents(price: string): number {
	const [whole = "0", fraction = ""] = price.split(".");
	return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** The create form: price in dollars, then the API's own schema. */
const NewProductForm = z
	.object({
		topic: z.string(),
		kind: TopicProductKind.default("digital_kit"),
		price: z
			.string()
			.trim()
			.regex(/^\d{1,6}(\.\d{1,2})?$/, "a price in dollars such as 19 or 19.99"),
		download_limit: z.coerce.number(),
	})
	.transform(
		(form): z.input<typeof CreateProductRequest> => ({
			topic: form.topic,
			kind: form.kind,
			price_cents: dollarsToCents(form.price),
			download_limit: form.download_limit,
		}),
	)
	.pipe(CreateProductRequest);
const BatchForm = z
	.object({ batch: z.coerce.number(), topic: z.preprocess(blank, z.string().optional()) })
	.transform((form): z.input<typeof CreateBatchRequest> => (form.topic === undefined ? { batch: form.batch } : { batch: form.batch, topic: form.topic }))
	.pipe(CreateBatchRequest);
const ReasonForm = z.object({ reason: z.preprocess(blank, z.string().trim().max(500).optional()) });
const RefundForm = z.object({ confirm: z.literal("yes", { error: "tick the box to confirm the refund" }) });

/** The signed-in admin as the views need it; set by {@link requireSession}. */
function viewerOf(c: Context<AppEnv>): AdminViewer {
	const session = c.var.adminSession;
	if (!session) throw new AppError(401, "UNAUTHORIZED", "Sign in to use the dashboard.");
	return { subject: session.subject, csrfToken: session.csrfToken };
}

/** Where an error page's "Go back" leads: the dashboard page the admin came from, else the overview. */
function backHref(c: Context<AppEnv>): string {
	try {
		const referer = new URL(c.req.header("Referer") ?? "");
		if (referer.origin === new URL(c.req.url).origin && referer.pathname.startsWith("/admin")) return referer.pathname + referer.search;
	} catch {
		// No or malformed Referer: the overview.
	}
	return "/admin";
}

const adminHeaders = createMiddleware<AppEnv>(async (c, next) => {
	await next();
	for (const [name, value] of Object.entries(ADMIN_HEADERS)) c.res.headers.set(name, value);
});

/** Counts every sign-in attempt of the client's IP, right or wrong, before anything is checked. */
const signInLimit = createMiddleware<AppEnv>(async (c, next) => {
	const client = await clientInfo(c, c.env.DOWNLOAD_TOKEN_SECRET);
	await enforceRateLimit(c.env.RATE_LIMITER, `ip:${client.ipHash}`, SIGN_IN_LIMIT, Date.now());
	await next();
});

/**
 * Pages need a live session (else 303 to the sign-in page); every POST also needs the
 * session's CSRF token in its `_csrf` field, compared in constant time.
 */
const requireSession = createMiddleware<AppEnv>(async (c, next) => {
	const session = await currentAdminSession(c, getDb(c.env.DB), new Date());
	if (!session) return c.redirect("/admin/login", 303);
	c.set("adminSession", session);
	if (c.req.method !== "GET" && c.req.method !== "HEAD") {
		const token = (await c.req.parseBody())._csrf;
		if (typeof token !== "string" || !(await secretsEqual(token, session.csrfToken))) {
			throw new AppError(403, "FORBIDDEN", "This form is out of date or did not come from the dashboard. Reload the page and try again.");
		}
	}
	await next();
});

/** Mails a sign-in link to `email`; run after the response, so an admin address answers no slower than another. */
async function sendMagicLink(env: Env, email: string): Promise<void> {
	try {
		const token = await createMagicLink(getDb(env.DB), email, new Date());
		const link = `${commerceConfig(env).baseUrl}/admin/login/magic?token=${encodeURIComponent(token)}`;
		await selectMailer(env).send({
			to: email,
			subject: "Your Edge Factory sign-in link",
			text: `Sign in to the Edge Factory dashboard: ${link}\n\nThe link works once, within 15 minutes. If you did not ask for it, ignore this mail.`,
			html: `<p><a href="${link}">Sign in to the Edge Factory dashboard</a></p><p>The link works once, within 15 minutes. If you did not ask for it, ignore this mail.</p>`,
		});
	} catch (err) {
		log("error", "sign-in link not sent", { error: errorMessage(err) });
	}
}

/** Maps what the handlers throw to a status, code and message; anything else is the app's 500. */
function knownError(err: Error): AppError | null {
	if (err instanceof AppError) return err;
	if (!(err instanceof HTTPException) || err.status >= 500) return null;
	// hono/csrf answers a cross-site form post with a bare 403; the validators' malformed bodies are 400s.
	const code: ErrorCode = err.status === 403 ? "FORBIDDEN" : err.status === 401 ? "UNAUTHORIZED" : "VALIDATION_FAILED";
	const message = err.status === 403 ? "Sign-in forms must be sent from this site's own sign-in page." : err.message || "The request could not be read.";
	return new AppError(err.status, code, message);
}

/**
 * The admin dashboard under /admin: server-rendered pages over the same domain functions as
 * the admin API, a session cookie instead of the API key, and plain HTML forms for actions.
 */
export const adminPages = new Hono<AppEnv>()
	.use(adminHeaders)
	.get("/login", async (c) => {
		if (await currentAdminSession(c, getDb(c.env.DB), new Date())) return c.redirect("/admin", 303);
		return c.html(<LoginPage />);
	})
	// The sign-in forms have no session yet, hence no token: the Origin check stands in for it.
	.post("/login", csrf(), signInLimit, validate("form", KeyForm), async (c) => {
		if (!(await isAdminKey(c.env.ADMIN_API_KEY, c.req.valid("form").key))) {
			return c.html(<LoginPage error="That key is not the admin API key." />, 401);
		}
		await startAdminSession(c, getDb(c.env.DB), "api-key", await clientInfo(c, c.env.DOWNLOAD_TOKEN_SECRET), new Date());
		return c.redirect("/admin", 303);
	})
	.post("/login/magic", csrf(), signInLimit, validate("form", EmailForm), async (c) => {
		const email = c.req.valid("form").email;
		if (!z.email().safeParse(email).success) return c.html(<LoginPage error="Please enter a valid e-mail address." email={email} />, 400);
		const address = email.toLowerCase();
		// Same page, same timing, whether or not the address is an admin's: no account enumeration.
		if (adminEmails(c.env.ADMIN_EMAILS).has(address)) c.executionCtx.waitUntil(sendMagicLink(c.env, address));
		return c.html(<CheckInboxPage email={email} />);
	})
	.get("/login/magic", validate("query", MagicQuery), async (c) => {
		// Opening the link spends nothing: mail scanners fetch links before people do.
		const token = c.req.valid("query").token;
		const email = await peekMagicLink(getDb(c.env.DB), token, new Date());
		if (!email || !adminEmails(c.env.ADMIN_EMAILS).has(email)) return c.html(<LoginPage error={INVALID_LINK} />, 401);
		return c.html(<ConfirmSignInPage email={email} token={token} />);
	})
	.post("/login/magic/confirm", csrf(), signInLimit, validate("form", MagicQuery), async (c) => {
		const db = getDb(c.env.DB);
		const email = await consumeMagicLink(db, c.req.valid("form").token, new Date());
		// An address removed from ADMIN_EMAILS since the link was sent no longer signs in.
		if (!email || !adminEmails(c.env.ADMIN_EMAILS).has(email)) return c.html(<LoginPage error={INVALID_LINK} />, 401);
		await startAdminSession(c, db, email, await clientInfo(c, c.env.DOWNLOAD_TOKEN_SECRET), new Date());
		return c.redirect("/admin", 303);
	})
	.use(requireSession)
	.post("/logout", async (c) => {
		await endAdminSession(c, getDb(c.env.DB), new Date());
		return c.redirect("/admin/login", 303);
	})
	.get("/", async (c) => c.html(<OverviewPage overview={await adminOverview(getDb(c.env.DB), new Date())} viewer={viewerOf(c)} />))
	.get("/products", validate("query", ProductsQuery), async (c) => {
		const { status, q, cursor, created } = c.req.valid("query");
		const page = await listProducts(getDb(c.env.DB), { status, cursor, search: q, limit: PAGE_SIZE });
		return c.html(
			<ProductsPage
				products={page.products}
				nextCursor={page.next_cursor}
				filters={{ status, q, cursor }}
				viewer={viewerOf(c)}
				created={created}
				topicIdeas={TOPIC_IDEAS}
			/>,
		);
	})
	.post("/products", validate("form", NewProductForm), async (c) => {
		const created = await createProducts(pipelineDeps(c.env), [c.req.valid("form")]);
		return c.redirect(`/admin/products?created=${created.length}`, 303);
	})
	.post("/products/batch", validate("form", BatchForm), async (c) => {
		const { batch, topic, ...rest } = c.req.valid("form");
		// Varied topics when none is given, as the batch API does.
		const offset = Math.floor(Math.random() * TOPIC_IDEAS.length);
		const requests = Array.from({ length: batch }, (_, i) => ({
			...rest,
			topic: topic ?? TOPIC_IDEAS[(offset + i) % TOPIC_IDEAS.length] ?? "digital products",
		}));
		const created = await createProducts(pipelineDeps(c.env), requests);
		return c.redirect(`/admin/products?created=${created.length}`, 303);
	})
	.get("/products/:id", validate("param", IdParams), validate("query", noticeQuery(PRODUCT_NOTICES)), async (c) => {
		const deps = pipelineDeps(c.env);
		const detail = await productDetail(deps.db, c.req.valid("param").id);
		return c.html(<ProductDetailPage detail={detail} viewer={viewerOf(c)} threshold={deps.config.qaThreshold} notice={c.req.valid("query").done} />);
	})
	.post("/products/:id/retry", validate("param", IdParams), async (c) => {
		const product = await retryProduct(pipelineDeps(c.env), c.req.valid("param").id);
		return c.redirect(`/admin/products/${encodeURIComponent(product.id)}?done=retried`, 303);
	})
	.post("/products/:id/unpublish", validate("param", IdParams), validate("form", ReasonForm), async (c) => {
		const reason = c.req.valid("form").reason ?? `unpublished from the dashboard by ${viewerOf(c).subject}`;
		const product = await unpublishProduct(pipelineDeps(c.env), c.req.valid("param").id, reason);
		return c.redirect(`/admin/products/${encodeURIComponent(product.id)}?done=unpublished`, 303);
	})
	.post("/products/:id/publish", validate("param", IdParams), async (c) => {
		const product = await republishProduct(pipelineDeps(c.env), c.req.valid("param").id, `published again from the dashboard by ${viewerOf(c).subject}`);
		return c.redirect(`/admin/products/${encodeURIComponent(product.id)}?done=published`, 303);
	})
	.get("/orders", validate("query", OrdersQuery), async (c) => {
		const { status, cursor } = c.req.valid("query");
		const page = await listOrders(getDb(c.env.DB), { status, cursor, limit: PAGE_SIZE });
		return c.html(<OrdersPage orders={page.orders} nextCursor={page.next_cursor} filters={{ status, cursor }} viewer={viewerOf(c)} />);
	})
	.get("/orders/:id", validate("param", IdParams), validate("query", noticeQuery(ORDER_NOTICES)), async (c) => {
		const { order } = await adminOrderDetail(getDb(c.env.DB), c.req.valid("param").id);
		return c.html(<OrderDetailPage order={order} viewer={viewerOf(c)} notice={c.req.valid("query").done} />);
	})
	.post("/orders/:id/reissue", validate("param", IdParams), async (c) => {
		const { id } = c.req.valid("param");
		await reissueLinks(await commerceDeps(c.env), id);
		return c.redirect(`/admin/orders/${encodeURIComponent(id)}?done=reissued`, 303);
	})
	.post("/orders/:id/refund", validate("param", IdParams), validate("form", RefundForm), async (c) => {
		const { id } = c.req.valid("param");
		await refundOrder(await commerceDeps(c.env), id);
		return c.redirect(`/admin/orders/${encodeURIComponent(id)}?done=refunded`, 303);
	})
	.post("/grants/:id/revoke", validate("param", IdParams), async (c) => {
		const grant = await revokeGrant(await commerceDeps(c.env), c.req.valid("param").id);
		return c.redirect(grant.orderId ? `/admin/orders/${encodeURIComponent(grant.orderId)}?done=revoked` : "/admin/orders", 303);
	})
	.get("/downloads", validate("query", DownloadsQuery), async (c) => {
		const orderId = c.req.valid("query").order_id;
		const { downloads } = await listDownloads(getDb(c.env.DB), orderId, DOWNLOAD_LOG_LIMIT);
		return c.html(<DownloadsPage downloads={downloads} orderId={orderId} viewer={viewerOf(c)} limit={DOWNLOAD_LOG_LIMIT} />);
	})
	.get("/artists", validate("query", noticeQuery(ARTIST_NOTICES)), async (c) => {
		const db = getDb(c.env.DB);
		const [pending, decided] = await Promise.all([listArtistApplications(db, "pending"), listArtistApplications(db, "decided", 20)]);
		return c.html(<ArtistsPage pending={pending} decided={decided} viewer={viewerOf(c)} notice={c.req.valid("query").done} />);
	})
	.post("/artists/:id/:decision{approve|reject}", validate("param", ArtistDecisionParams), async (c) => {
		const { id, decision } = c.req.valid("param");
		const done = decision === "approve" ? "approved" : "rejected";
		await decideArtistApplication(getDb(c.env.DB), id, done, viewerOf(c).subject, new Date());
		return c.redirect(`/admin/artists?done=${done}`, 303);
	})
	// Unknown dashboard paths: a 404 in the dashboard's own page, after the session check.
	.all("*", () => {
		throw new AppError(404, "NOT_FOUND", "There is no dashboard page here.");
	})
	// The dashboard answers errors with its own HTML page (with the navigation when signed in);
	// unexpected errors go on to the app's handler, which logs them and answers a generic 500.
	.onError((err, c) => {
		const known = knownError(err);
		if (!known) throw err;
		const session = c.var.adminSession;
		const viewer = session ? { subject: session.subject, csrfToken: session.csrfToken } : null;
		return c.html(
			<AdminErrorPage status={known.status} code={known.code} message={known.message} requestId={c.var.requestId} viewer={viewer} backHref={backHref(c)} />,
			known.status,
			known.headers,
		);
	});
