import { z } from "zod";
import { disconnectChannel } from "../../channels/connect/disconnect";
import { listChannels, offeredProviders } from "../../channels/connect/list";
import { ADMIN_OWNER } from "../../channels/connect/owner";
import { startConnection } from "../../channels/connect/start";
import { validate } from "../../lib/validate";
import { ChannelProvider } from "../../shared/channels";
import { AdminContinuePage, AdminShopsPage } from "../../views/channels/connect/admin-shops-page";
import { setFlowCookie } from "../channel-oauth-pages";
import { renderPage } from "../render-page";
import { adminRoutes, adminViewer, blank, IdParams, requireSession } from "./admin-shell";

const PageQuery = z.object({ notice: z.enum(["connected", "denied", "disconnected"]).optional().catch(undefined) });
const ConnectForm = z.object({
	provider: ChannelProvider,
	account: z.preprocess(blank, z.string().max(64).optional()),
	reconnect: z.preprocess(blank, z.string().min(1).max(64).optional()),
});

/** `/admin/channels`: the shop's connected shops; connect a Cafe24 mall (by its mall_id) or the sandbox shop; disconnect. */
export const adminChannelPages = adminRoutes()
	.use(requireSession)
	.get("/", validate("query", PageQuery), async (c) => {
		const deps = c.var.deps.channels;
		return renderPage(
			c,
			<AdminShopsPage
				viewer={adminViewer(c)}
				shops={await listChannels(deps, ADMIN_OWNER.ownerKey, "shop")}
				providers={offeredProviders(deps, "shop")}
				notice={c.req.valid("query").notice}
			/>,
		);
	})
	.post("/connect", validate("form", ConnectForm), async (c) => {
		const form = c.req.valid("form");
		const { authorizeUrl, browserNonce } = await startConnection(c.var.deps.channels, {
			provider: form.provider,
			kind: "shop",
			owner: ADMIN_OWNER,
			account: form.account ?? null,
			returnTo: "/admin/channels",
			reconnect: form.reconnect ?? null,
		});
		setFlowCookie(c, browserNonce);
		// The dashboard's CSP (form-action 'self') would block a form's redirect to another origin.
		if (new URL(authorizeUrl).origin === new URL(c.req.url).origin) return c.redirect(authorizeUrl, 303);
		return renderPage(c, <AdminContinuePage viewer={adminViewer(c)} provider={form.provider} authorizeUrl={authorizeUrl} />);
	})
	.post("/:id/disconnect", validate("param", IdParams), async (c) => {
		await disconnectChannel(c.var.deps.channels, c.req.valid("param").id, ADMIN_OWNER);
		return c.redirect("/admin/channels?notice=disconnected", 303);
	});
