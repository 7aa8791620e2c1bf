import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser, userPage } from "../accounts/guards";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { disconnectChannel } from "../channels/connect/disconnect";
import { listChannels, offeredProviders } from "../channels/connect/list";
import { userOwner } from "../channels/connect/owner";
import { channelAllowance } from "../channels/connect/plan-gate";
import { startConnection } from "../channels/connect/start";
import { validate } from "../lib/validate";
import { ChannelProvider } from "../shared/channels";
import { ChannelsPage } from "../views/channels/connect/channels-page";
import { setFlowCookie } from "./channel-oauth-pages";
import { renderPage } from "./render-page";

const PageQuery = z.object({ notice: z.enum(["connected", "denied", "disconnected"]).optional().catch(undefined) });
const ConnectForm = z.object({ provider: ChannelProvider, reconnect: z.string().min(1).max(64).optional() });
const IdParams = z.object({ id: z.string().min(1).max(64) });

/**
 * `/video/channels`: the signed-in user's video channels; `POST /connect` starts a flow (the
 * browser goes to the provider with the flow's cookie), `POST /:id/disconnect` revokes and
 * deletes a channel's tokens. Forms carry the session's CSRF token (`requireUser`).
 */
export const channelPages = new Hono<AppEnv>()
	.get("/", userPage, loadViewer, validate("query", PageQuery), async (c) => {
		const deps = c.var.deps.channels;
		const { user, csrfToken } = signedInUser(c);
		const [channels, allowance] = await Promise.all([listChannels(deps, user.id, "video"), channelAllowance(deps.db, user.id, deps.now())]);
		return renderPage(
			c,
			<ChannelsPage
				viewer={c.var.viewer}
				csrfToken={csrfToken}
				channels={channels}
				providers={offeredProviders(deps, "video")}
				allowance={allowance}
				notice={c.req.valid("query").notice}
			/>,
		);
	})
	.post("/connect", requireUser, validate("form", ConnectForm), async (c) => {
		const form = c.req.valid("form");
		const { authorizeUrl, browserNonce } = await startConnection(c.var.deps.channels, {
			provider: form.provider,
			kind: "video",
			owner: userOwner(signedInUser(c).user.id),
			account: null,
			returnTo: "/video/channels",
			reconnect: form.reconnect ?? null,
		});
		setFlowCookie(c, browserNonce);
		return c.redirect(authorizeUrl, 303);
	})
	.post("/:id/disconnect", requireUser, validate("param", IdParams), async (c) => {
		await disconnectChannel(c.var.deps.channels, c.req.valid("param").id, userOwner(signedInUser(c).user.id));
		return c.redirect("/video/channels?notice=disconnected", 303);
	});
