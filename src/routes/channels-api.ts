import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import { safeReturnTo } from "../accounts/return-to";
import { requireAdmin } from "../admin/admin-auth";
import type { AppEnv } from "../app-env";
import { disconnectChannel } from "../channels/connect/disconnect";
import { listChannels, offeredProviders } from "../channels/connect/list";
import { ADMIN_OWNER, userOwner } from "../channels/connect/owner";
import { startConnection } from "../channels/connect/start";
import { validate } from "../lib/validate";
import { ChannelKind, ChannelProvider } from "../shared/channels";
import { setFlowCookie } from "./channel-oauth-pages";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const NO_STORE = { "Cache-Control": "no-store" };

/** Where a flow may come back to: the page that lists what it connects, or a path under it. */
const returnPath = (value: string | undefined, home: "/video/channels" | "/admin/channels") => {
	const path = safeReturnTo(value);
	return path === home || path.startsWith(`${home}?`) || path.startsWith(`${home}/`) ? path : home;
};

export const ConnectBody = z.strictObject({
	provider: ChannelProvider,
	/** Users connect video channels; asking for a shop is refused (403). */
	kind: ChannelKind.optional(),
	/** Cafe24's `mall_id` (checked by the domain when the provider needs it). */
	account: z.string().max(64).optional(),
	/** A needing-reauth channel being connected again: it keeps its plan slot. */
	reconnect: z.string().min(1).max(64).optional(),
	return_to: z.string().max(512).optional(),
});
const ShopConnectBody = ConnectBody.omit({ kind: true });

/**
 * `/api/channels` (docs/channels.md): a signed-in user's video channels (`GET /`, `POST /connect`
 * → `{authorize_url}` and the flow's browser cookie, `DELETE /:id`), the providers offered per
 * kind (`GET /providers`), and the shop's shops for admins (API key or admin session):
 * `GET /shops`, `POST /shops/connect`, `DELETE /shops/:id`. No answer carries a token.
 */
export const channelsApi = new Hono<AppEnv>()
	.get("/shops", requireAdmin, async (c) => {
		return c.json({ channels: await listChannels(c.var.deps.channels, ADMIN_OWNER.ownerKey, "shop") }, 200, NO_STORE);
	})
	.post("/shops/connect", requireAdmin, validate("json", ShopConnectBody), async (c) => {
		const body = c.req.valid("json");
		const { authorizeUrl, browserNonce } = await startConnection(c.var.deps.channels, {
			provider: body.provider,
			kind: "shop",
			owner: ADMIN_OWNER,
			account: body.account ?? null,
			returnTo: returnPath(body.return_to, "/admin/channels"),
			reconnect: body.reconnect ?? null,
		});
		setFlowCookie(c, browserNonce);
		return c.json({ authorize_url: authorizeUrl }, 200, NO_STORE);
	})
	.delete("/shops/:id", requireAdmin, validate("param", IdParams), async (c) => {
		return c.json({ channel: await disconnectChannel(c.var.deps.channels, c.req.valid("param").id, ADMIN_OWNER) });
	})
	.get("/providers", requireUser, (c) => {
		const deps = c.var.deps.channels;
		return c.json({ providers: { video: offeredProviders(deps, "video"), shop: offeredProviders(deps, "shop") } });
	})
	.get("/", requireUser, async (c) => {
		return c.json({ channels: await listChannels(c.var.deps.channels, signedInUser(c).user.id, "video") }, 200, NO_STORE);
	})
	.post("/connect", requireUser, validate("json", ConnectBody), async (c) => {
		const body = c.req.valid("json");
		const { authorizeUrl, browserNonce } = await startConnection(c.var.deps.channels, {
			provider: body.provider,
			kind: body.kind ?? "video",
			owner: userOwner(signedInUser(c).user.id),
			account: body.account ?? null,
			returnTo: returnPath(body.return_to, "/video/channels"),
			reconnect: body.reconnect ?? null,
		});
		setFlowCookie(c, browserNonce);
		return c.json({ authorize_url: authorizeUrl }, 200, NO_STORE);
	})
	.delete("/:id", requireUser, validate("param", IdParams), async (c) => {
		return c.json({ channel: await disconnectChannel(c.var.deps.channels, c.req.valid("param").id, userOwner(signedInUser(c).user.id)) });
	});
