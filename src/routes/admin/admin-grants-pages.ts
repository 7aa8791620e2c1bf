import { revokeGrant } from "../../admin/actions";
import { validate } from "../../lib/validate";
import { adminRoutes, IdParams, requireSession } from "./admin-shell";

/** `/admin/grants/:id/revoke`: revoking one download grant from its order's page. */
export const adminGrantPages = adminRoutes()
	.use(requireSession)
	.post("/:id/revoke", validate("param", IdParams), async (c) => {
		const grant = await revokeGrant(c.var.deps.commerce, c.req.valid("param").id);
		return c.redirect(grant.orderId ? `/admin/orders/${encodeURIComponent(grant.orderId)}?done=revoked` : "/admin/orders", 303);
	});
