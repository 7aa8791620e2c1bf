import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { currentUser } from "../accounts/sessions";
import { loadViewer } from "../accounts/viewer";
import { currentAdminSession } from "../admin/sessions";
import type { AppEnv } from "../app-env";
import { redirectUriOf } from "../channels/connect/start";
import { createSandboxAccount, expireSandboxAccessTokens, issueSandboxCode, sandboxAccountName } from "../channels/local/sandbox-oauth";
import {
	countSandboxVideo,
	findSandboxItem,
	listSandboxItems,
	recordSandboxSale,
	type SandboxProduct,
	type SandboxVideo,
} from "../channels/local/sandbox-store";
import { AppError } from "../lib/errors";
import { secretsEqual } from "../lib/hash";
import { parseRange } from "../lib/http-range";
import { validate } from "../lib/validate";
import { SandboxAuthorizePage } from "../views/channels/sandbox/authorize-page";
import { SandboxChannelPage } from "../views/channels/sandbox/channel-page";
import { SandboxShopPage } from "../views/channels/sandbox/shop-page";
import { SandboxVideoPage } from "../views/channels/sandbox/video-page";
import { renderPage } from "./render-page";

/** The client id the `local` adapter sends (src/channels/local/adapter.ts). */
const SANDBOX_CLIENT_ID = "edge-factory";

const AuthorizeRequest = z.object({
	response_type: z.literal("code"),
	client_id: z.literal(SANDBOX_CLIENT_ID),
	redirect_uri: z.string().min(1).max(512),
	state: z.string().min(1).max(512),
	// RFC 7636: the S256 challenge is base64url of 32 bytes, 43 characters.
	code_challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
	code_challenge_method: z.literal("S256"),
	scope: z.string().max(200).default("sandbox.shop sandbox.video"),
});
const Decision = AuthorizeRequest.extend({
	decision: z.enum(["approve", "deny"]),
	account_name: z.string().trim().max(80).optional(),
	account: z.string().trim().max(64).optional(),
});
const AccountParams = z.object({ account: z.string().min(1).max(64) });
const ItemParams = AccountParams.extend({ id: z.string().min(1).max(64) });
const ShopQuery = z.object({ notice: z.enum(["bought", "not_for_sale", "expired"]).optional().catch(undefined) });
const ChannelQuery = z.object({ notice: z.enum(["expired"]).optional().catch(undefined) });
const VideoQuery = z.object({ notice: z.enum(["liked"]).optional().catch(undefined) });
const ExpireForm = z.object({ back: z.enum(["shop", "channel"]) });

/** The sandbox exists only where it is switched on (CHANNEL_SANDBOX, or a local PUBLIC_BASE_URL). */
const sandboxOn = createMiddleware<AppEnv>(async (c, next) => {
	if (!c.var.deps.config.channels.sandbox) throw new AppError(404, "NOT_FOUND", "No such page.");
	await next();
});

/** The CSRF token of the session using the sandbox (the user's, else the admin's). */
function sandboxCsrf(c: { var: AppEnv["Variables"] }): string {
	return c.var.userSession?.csrfToken ?? c.var.adminSession?.csrfToken ?? "";
}

/**
 * The sandbox's pages are for the signed-in user or admin who uses it (the consent page is reached
 * by whoever started the flow); its forms carry that session's CSRF token in `_csrf`, compared in
 * constant time.
 */
const sandboxViewer = createMiddleware<AppEnv>(async (c, next) => {
	const { db, now } = c.var.deps;
	const user = await currentUser(c, db, now());
	if (user) {
		c.set("user", user.user);
		c.set("userSession", user.session);
	} else {
		const admin = await currentAdminSession(c, db, now());
		if (admin) c.set("adminSession", admin);
	}
	const csrf = sandboxCsrf(c);
	if (!csrf) throw new AppError(401, "UNAUTHORIZED", "Sign in (or sign in to the dashboard) to use the sandbox.");
	if (c.req.method === "POST") {
		const token = (await c.req.parseBody())._csrf;
		if (typeof token !== "string" || !(await secretsEqual(token, csrf))) {
			throw new AppError(403, "FORBIDDEN", "This form is out of date or did not come from this site. Reload the page and try again.");
		}
	}
	await next();
	c.res.headers.set("Cache-Control", "private, no-store");
});

/** An authorization request must name the local provider's callback exactly; anything else never gets a code (nor a redirect). */
function checkRedirectUri(baseUrl: string, redirectUri: string): void {
	if (redirectUri !== redirectUriOf(baseUrl, "local")) {
		throw new AppError(400, "VALIDATION_FAILED", "redirect_uri is not the one registered for this client.");
	}
}

/** The redirect back to the client with the answer's parameters. */
function answer(redirectUri: string, params: Record<string, string>): string {
	const url = new URL(redirectUri);
	for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
	return url.toString();
}

async function accountNameOr404(c: { var: AppEnv["Variables"] }, account: string): Promise<string> {
	const name = await sandboxAccountName(c.var.deps.db, account);
	if (name === null) throw new AppError(404, "NOT_FOUND", "No such sandbox account.");
	return name;
}

/**
 * `/sandbox` (the `local` provider, docs/channels.md): its authorization server's consent page,
 * the sandbox shop (products the app pushed, a "buy one" button), the sandbox channel (videos the
 * app uploaded, played from R2 with Range, views and likes), and "expire my tokens now".
 */
export const sandboxPages = new Hono<AppEnv>()
	.use(sandboxOn, sandboxViewer, loadViewer)
	.get("/authorize", validate("query", AuthorizeRequest), async (c) => {
		const request = c.req.valid("query");
		checkRedirectUri(c.var.deps.config.publicBaseUrl, request.redirect_uri);
		return renderPage(c, <SandboxAuthorizePage viewer={c.var.viewer} csrfToken={sandboxCsrf(c)} request={request} />);
	})
	.post("/authorize", validate("form", Decision), async (c) => {
		const { db, config, now } = c.var.deps;
		const form = c.req.valid("form");
		checkRedirectUri(config.publicBaseUrl, form.redirect_uri);
		if (form.decision === "deny") return c.redirect(answer(form.redirect_uri, { error: "access_denied", state: form.state }), 302);
		let account: string;
		if (form.account) {
			if ((await sandboxAccountName(db, form.account)) === null) {
				const { t } = c.var.i18n;
				return renderPage(
					c,
					<SandboxAuthorizePage
						viewer={c.var.viewer}
						csrfToken={sandboxCsrf(c)}
						request={form}
						error={t("channels:connect.sandbox.authorize.unknownAccount")}
					/>,
					404,
				);
			}
			account = form.account;
		} else {
			account = await createSandboxAccount(db, form.account_name || c.var.i18n.t("channels:connect.sandbox.badge"), now());
		}
		const code = await issueSandboxCode(db, { account, codeChallenge: form.code_challenge, redirectUri: form.redirect_uri }, now());
		return c.redirect(answer(form.redirect_uri, { code, state: form.state }), 302);
	})
	.get("/shops/:account", validate("param", AccountParams), validate("query", ShopQuery), async (c) => {
		const { account } = c.req.valid("param");
		const name = await accountNameOr404(c, account);
		const products = await listSandboxItems<SandboxProduct>(c.var.deps.db, account, "product");
		return renderPage(
			c,
			<SandboxShopPage
				viewer={c.var.viewer}
				csrfToken={sandboxCsrf(c)}
				account={account}
				name={name}
				products={products}
				notice={c.req.valid("query").notice}
			/>,
		);
	})
	.post("/shops/:account/products/:id/buy", validate("param", ItemParams), async (c) => {
		const { account, id } = c.req.valid("param");
		const sold = await recordSandboxSale(c.var.deps.db, account, id, c.var.deps.now());
		return c.redirect(`/sandbox/shops/${encodeURIComponent(account)}?notice=${sold ? "bought" : "not_for_sale"}`, 303);
	})
	.get("/channels/:account", validate("param", AccountParams), validate("query", ChannelQuery), async (c) => {
		const { account } = c.req.valid("param");
		const name = await accountNameOr404(c, account);
		const videos = await listSandboxItems<SandboxVideo>(c.var.deps.db, account, "video");
		return renderPage(
			c,
			<SandboxChannelPage
				viewer={c.var.viewer}
				csrfToken={sandboxCsrf(c)}
				account={account}
				name={name}
				videos={videos}
				expired={c.req.valid("query").notice === "expired"}
			/>,
		);
	})
	.get("/channels/:account/videos/:id", validate("param", ItemParams), validate("query", VideoQuery), async (c) => {
		const { account, id } = c.req.valid("param");
		const liked = c.req.valid("query").notice === "liked";
		// A view is counted once per page load; coming back from the like button is the same visit.
		if (!liked) await countSandboxVideo(c.var.deps.db, account, id, "views");
		const video = await findSandboxItem<SandboxVideo>(c.var.deps.db, account, "video", id);
		if (!video) throw new AppError(404, "NOT_FOUND", "No such sandbox video.");
		return renderPage(c, <SandboxVideoPage viewer={c.var.viewer} csrfToken={sandboxCsrf(c)} account={account} video={video} liked={liked} />);
	})
	.on(["GET", "HEAD"], "/channels/:account/videos/:id/file", validate("param", ItemParams), async (c) => {
		const { account, id } = c.req.valid("param");
		const video = await findSandboxItem<SandboxVideo>(c.var.deps.db, account, "video", id);
		const head = video?.r2Key ? await c.var.deps.files.head(video.r2Key) : null;
		if (!video?.r2Key || !head) throw new AppError(404, "NOT_FOUND", "No such sandbox video.");
		const range = parseRange(c.req.header("Range"), head.size);
		if (range === "unsatisfiable")
			throw new AppError(416, "RANGE_NOT_SATISFIABLE", `The file has ${head.size} bytes.`, { "Content-Range": `bytes */${head.size}` });
		const headers: Record<string, string> = {
			"Content-Type": head.httpMetadata?.contentType ?? "video/mp4",
			"Accept-Ranges": "bytes",
			ETag: head.httpEtag,
			"Content-Length": String(range ? range.end - range.start + 1 : head.size),
		};
		if (range) headers["Content-Range"] = `bytes ${range.start}-${range.end}/${head.size}`;
		if (c.req.method === "HEAD") return c.body(null, range ? 206 : 200, headers);
		const object = await c.var.deps.files.get(video.r2Key, range ? { range: { offset: range.start, length: range.end - range.start + 1 } } : undefined);
		if (!object) throw new AppError(404, "NOT_FOUND", "No such sandbox video.");
		return c.body(object.body, range ? 206 : 200, headers);
	})
	.post("/channels/:account/videos/:id/like", validate("param", ItemParams), async (c) => {
		const { account, id } = c.req.valid("param");
		if (!(await countSandboxVideo(c.var.deps.db, account, id, "likes"))) throw new AppError(404, "NOT_FOUND", "No such sandbox video.");
		return c.redirect(`/sandbox/channels/${encodeURIComponent(account)}/videos/${encodeURIComponent(id)}?notice=liked`, 303);
	})
	.post("/accounts/:account/expire-tokens", validate("param", AccountParams), validate("form", ExpireForm), async (c) => {
		const { account } = c.req.valid("param");
		await accountNameOr404(c, account);
		await expireSandboxAccessTokens(c.var.deps.db, account, c.var.deps.now());
		const page = c.req.valid("form").back === "shop" ? "shops" : "channels";
		return c.redirect(`/sandbox/${page}/${encodeURIComponent(account)}?notice=expired`, 303);
	});
