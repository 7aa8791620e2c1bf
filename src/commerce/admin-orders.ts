import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { afterCursor, encodeCursor } from "../db/cursor";
import { downloadLog, grants, mailOutbox, orderItems, orders, paymentEvents, refundRequests } from "../db/schema";
import { AppError } from "../lib/errors";
import type { OrderStatus } from "../shared/commerce";

type OrderRow = typeof orders.$inferSelect;

function orderSummary(order: OrderRow) {
	return {
		id: order.id,
		status: order.status,
		email: order.email,
		provider: order.provider,
		checkout_session_id: order.checkoutSessionId,
		payment_intent_id: order.paymentIntentId,
		amount_cents: order.amountCents,
		currency: order.currency,
		/** The language the buyer checked out in: their mails, and the words they consented with. */
		locale: order.locale,
		consent_text: order.consentText,
		consent_at: order.consentAt,
		created_at: order.createdAt,
		paid_at: order.paidAt,
		fulfilled_at: order.fulfilledAt,
		refunded_at: order.refundedAt,
		disputed_at: order.disputedAt,
		expires_at: order.expiresAt,
	};
}

/** A download log line as the admin API shows it. */
export function downloadLogView(row: typeof downloadLog.$inferSelect) {
	return {
		id: row.id,
		created_at: row.createdAt,
		action: row.action,
		outcome: row.outcome,
		reason: row.reason,
		status: row.status,
		grant_id: row.grantId,
		order_id: row.orderId,
		product_id: row.productId,
		session_id: row.sessionId,
		ip_hash: row.ipHash,
		user_agent: row.userAgent,
		range: row.range,
	};
}

/** Orders newest first, optionally of one status, 50 a page with a cursor. */
export async function listOrders(db: Db, query: { status?: OrderStatus; cursor?: string; limit: number }) {
	const conditions: (SQL | undefined)[] = [query.status ? eq(orders.status, query.status) : undefined];
	if (query.cursor) conditions.push(afterCursor(query.cursor, orders.createdAt, orders.id));
	const rows = await db.query.orders.findMany({ where: and(...conditions), orderBy: [desc(orders.createdAt), desc(orders.id)], limit: query.limit + 1 });
	const page = rows.slice(0, query.limit);
	const last = page.at(-1);
	return { orders: page.map(orderSummary), next_cursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** Everything about one order: items, grants, payment events received, refunds asked for, mails to the buyer, download attempts. */
export async function adminOrderDetail(db: Db, id: string) {
	const order = await db.query.orders.findFirst({ where: eq(orders.id, id) });
	if (!order) throw new AppError(404, "NOT_FOUND", "No such order.");
	const [items, orderGrants, events, downloads, refunds, mails] = await Promise.all([
		db.query.orderItems.findMany({ where: eq(orderItems.orderId, id) }),
		db.query.grants.findMany({ where: eq(grants.orderId, id) }),
		db.query.paymentEvents.findMany({ where: eq(paymentEvents.orderId, id), orderBy: asc(paymentEvents.receivedAt) }),
		db.query.downloadLog.findMany({ where: eq(downloadLog.orderId, id), orderBy: asc(downloadLog.createdAt) }),
		db.query.refundRequests.findMany({ where: eq(refundRequests.orderId, id), orderBy: asc(refundRequests.createdAt) }),
		db.query.mailOutbox.findMany({ where: eq(mailOutbox.orderId, id), orderBy: asc(mailOutbox.createdAt) }),
	]);
	const intentEvents = order.paymentIntentId
		? await db.query.paymentEvents.findMany({ where: eq(paymentEvents.paymentIntentId, order.paymentIntentId), orderBy: asc(paymentEvents.receivedAt) })
		: [];
	const allEvents = [...events, ...intentEvents.filter((event) => !events.some((known) => known.id === event.id))];
	return {
		order: {
			...orderSummary(order),
			items: items.map((item) => ({
				id: item.id,
				product_id: item.productId,
				title: item.title,
				version: item.version,
				price_cents: item.priceCents,
				currency: item.currency,
				file_name: item.fileName,
				package_size: item.packageSize,
				package_sha256: item.packageSha256,
			})),
			grants: orderGrants.map((grant) => ({
				id: grant.id,
				order_item_id: grant.orderItemId,
				product_id: grant.productId,
				max_downloads: grant.maxDownloads,
				downloads_used: grant.downloadsUsed,
				expires_at: grant.expiresAt,
				status: grant.status,
				created_at: grant.createdAt,
			})),
			payment_events: allEvents.map((event) => ({
				id: event.id,
				type: event.type,
				received_at: event.receivedAt,
				processed_at: event.processedAt,
				outcome: event.outcome,
			})),
			refunds: refunds.map((refund) => ({
				id: refund.id,
				amount_cents: refund.amountCents,
				status: refund.status,
				provider_refund_id: refund.providerRefundId,
				last_error: refund.lastError,
				created_at: refund.createdAt,
			})),
			// Never the body: it carries an order key.
			mails: mails.map((mail) => ({
				id: mail.id,
				kind: mail.kind,
				to: mail.toAddress,
				status: mail.status,
				attempts: mail.attempts,
				last_error: mail.lastError,
				created_at: mail.createdAt,
				sent_at: mail.sentAt,
			})),
			downloads: downloads.map(downloadLogView),
		},
	};
}

/** The download log, newest first, optionally for one order. */
export async function listDownloads(db: Db, orderId: string | undefined, limit: number) {
	const rows = await db.query.downloadLog.findMany({
		where: orderId ? eq(downloadLog.orderId, orderId) : undefined,
		orderBy: [desc(downloadLog.createdAt), desc(downloadLog.id)],
		limit,
	});
	return { downloads: rows.map(downloadLogView) };
}
