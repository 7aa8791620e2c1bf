import { and, eq, inArray } from "drizzle-orm";
import type { CommerceDeps } from "../commerce/deps";
import { enqueueMail } from "../commerce/mail/outbox";
import { buyerOrderView } from "../commerce/order-view";
import { orderMailWrites } from "../commerce/receipt";
import { grants, orders } from "../db/schema";
import { AppError } from "../lib/errors";
import { log } from "../lib/log";

/** Revokes one grant of an order (its links and open file sessions stop working at once). */
export async function revokeGrant(deps: CommerceDeps, grantId: string) {
	const now = deps.now().toISOString();
	const [grant] = await deps.db
		.update(grants)
		.set({ status: "REVOKED", updatedAt: now })
		.where(and(eq(grants.id, grantId), eq(grants.purpose, "order"), inArray(grants.status, ["ACTIVE", "EXHAUSTED", "SUSPENDED", "EXPIRED"])))
		.returning();
	if (grant) {
		log("info", "grant revoked by admin", { grantId, orderId: grant.orderId });
		return grant;
	}
	const existing = await deps.db.query.grants.findFirst({ where: eq(grants.id, grantId) });
	if (existing?.purpose !== "order") throw new AppError(404, "NOT_FOUND", "No such grant.");
	throw new AppError(409, "CONFLICT", "This grant is already revoked.");
}

/**
 * Mails the buyer their order page again (with fresh links on it, under a key minted for this
 * mail) and returns the order view. Each re-issue is a mail of its own, with its own outbox row
 * and idempotency key, so the provider never answers it from an earlier send; it is queued and
 * retried like the receipt.
 */
export async function reissueLinks(deps: CommerceDeps, orderId: string) {
	const order = await deps.db.query.orders.findFirst({ where: eq(orders.id, orderId) });
	if (!order) throw new AppError(404, "NOT_FOUND", "No such order.");
	if (!["PAID", "FULFILLED"].includes(order.status)) throw new AppError(409, "CONFLICT", `The order is ${order.status}: there are no live downloads to send.`);
	const { mailId, writes } = await orderMailWrites(deps, order, "reissue");
	await deps.db.batch(writes);
	await enqueueMail(deps, mailId);
	log("info", "download links re-issued", { orderId, mailId });
	return buyerOrderView(deps, order);
}
