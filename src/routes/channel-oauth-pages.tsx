import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { completeConnection } from "../channels/connect/complete";
import { OAUTH_STATE_TTL_MS } from "../channels/connect/oauth-states";
import { validate } from "../lib/validate";
import { ChannelProvider } from "../shared/channels";

/**
 * The browser that started a connection keeps a nonce in this cookie, and only that browser may
 * finish it: otherwise someone could start a flow with their own account and have a victim open
 * the callback, connecting the attacker's account to the victim's (RFC 6749 §10.12). HttpOnly;
 * SameSite=Lax, as the provider's redirect back is a top-level GET. One flow per browser at a time.
 */
function flowCookieName(url: string): string {
	return new URL(url).protocol === "https:" ? "__Host-ef_channel_flow" : "ef_channel_flow";
}

/** Sets the flow's browser-binding cookie (the routes that start a flow call this). */
export function setFlowCookie(c: Context<AppEnv>, browserNonce: string): void {
	const secure = new URL(c.req.url).protocol === "https:";
	setCookie(c, flowCookieName(c.req.url), browserNonce, { httpOnly: true, secure, sameSite: "Lax", path: "/", maxAge: OAUTH_STATE_TTL_MS / 1000 });
}

const CallbackParams = z.object({ provider: ChannelProvider });
const CallbackQuery = z.object({
	code: z.string().max(2048).optional(),
	state: z.string().min(1).max(512),
	error: z.string().max(256).optional(),
});

/** Callback URLs carry one-use codes: never cached, never leaked in a Referer. */
const NO_STORE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

/** The flow's return path with the notice the channels pages show. */
function withNotice(returnTo: string, notice: "connected" | "denied"): string {
	const url = new URL(returnTo, "http://same-site.invalid");
	url.searchParams.set("notice", notice);
	return `${url.pathname}${url.search}`;
}

/**
 * `/channels/callback/:provider`: where providers send the browser back. Finishes the flow from
 * the browser's cookie (cleared either way), then returns to the page that started it
 * (`/video/channels` or `/admin/channels`) with a notice. A wrong, replayed or expired state is
 * `400 OAUTH_STATE_INVALID`, a provider's refusal of the code `502 CHANNEL_AUTH_FAILED`, as the
 * app's error page.
 */
export const channelOauthPages = new Hono<AppEnv>()
	.use(async (c, next) => {
		await next();
		for (const [name, value] of Object.entries(NO_STORE)) c.res.headers.set(name, value);
	})
	.get("/callback/:provider", validate("param", CallbackParams), validate("query", CallbackQuery), async (c) => {
		const { provider } = c.req.valid("param");
		const { code, state, error } = c.req.valid("query");
		const browserNonce = getCookie(c, flowCookieName(c.req.url)) ?? null;
		deleteCookie(c, flowCookieName(c.req.url), { path: "/", secure: new URL(c.req.url).protocol === "https:" });
		const result = await completeConnection(c.var.deps.channels, {
			provider,
			state,
			code: code ?? null,
			error: error ?? null,
			browserNonce,
			timeZone: c.var.i18n.timeZone,
		});
		return c.redirect(withNotice(result.returnTo, result.outcome), 302);
	});
