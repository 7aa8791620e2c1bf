import { asc, eq } from "drizzle-orm";
import { grants, orderItems, type orders } from "../db/schema";
import type { CommerceDeps } from "./deps";
import { mintDownloadUrl } from "./downloads";

type OrderRow = typeof orders.$inferSelect;

/** Order states in which the buyer may download. */
export const PAID_STATUSES = new Set(["PAID", "FULFILLED"]);

/** The buyer's view of an order (API.md), with fresh download links for live grants. */
export async function buyerOrderView(deps: CommerceDeps, order: OrderRow) {
	const [items, orderGrants] = await Promise.all([
		deps.db.query.orderItems.findMany({ where: eq(orderItems.orderId, order.id), orderBy: asc(orderItems.title) }),
		deps.db.query.grants.findMany({ where: eq(grants.orderId, order.id) }),
	]);
	const paid = PAID_STATUSES.has(order.status);
	const now = deps.now();
	return {
		order: {
			id: order.id,
			status: order.status,
			checkout_session_id: order.checkoutSessionId,
			email: order.email,
			amount_cents: order.amountCents,
			currency: order.currency,
			created_at: order.createdAt,
			paid_at: order.paidAt,
			items: await Promise.all(
				items.map(async (item) => {
					const grant = orderGrants.find((candidate) => candidate.orderItemId === item.id) ?? null;
					const live = paid && grant !== null && grant.status === "ACTIVE" && (!grant.expiresAt || new Date(grant.expiresAt) > now);
					return {
						product_id: item.productId,
						title: item.title,
						version: item.version,
						file_name: item.fileName,
						size: item.packageSize,
						grant: grant
							? { id: grant.id, max_downloads: grant.maxDownloads, downloads_used: grant.downloadsUsed, expires_at: grant.expiresAt, status: grant.status }
							: null,
						download_url: live && grant ? await mintDownloadUrl(deps, grant) : null,
					};
				}),
			),
		},
	};
}
