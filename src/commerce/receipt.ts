import type { BatchItem } from "drizzle-orm/batch";
import type { orders } from "../db/schema";
import { formatPrice } from "../lib/format";
import type { CommerceDeps } from "./deps";
import { outboxInsert } from "./mail/outbox";
import { orderKeyInsert, orderPageUrl } from "./order-key";

type OrderRow = typeof orders.$inferSelect;

/** The two mails that send a buyer to their order page: the receipt (once), and links re-issued by an admin (each time). */
export type OrderMailKind = "receipt" | "reissue";

function escapeHtml(text: string): string {
	return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

const WORDING: Record<OrderMailKind, { subject: (orderId: string) => string; opening: string }> = {
	receipt: { subject: (orderId) => `Your Edge Factory order ${orderId}`, opening: "Thank you for your order." },
	reissue: { subject: (orderId) => `Your download links for order ${orderId}`, opening: "Here is your order page again, with fresh download links." },
};

/**
 * A mail with the link to the buyer's order page (downloads live there), under a key minted for
 * this mail, as writes for the caller's batch: the key's hash and the outbox row (a receipt with
 * dedupe key `receipt:<order>`, so it exists once). The MAIL_QUEUE consumer sends it.
 */
export async function orderMailWrites(
	deps: Pick<CommerceDeps, "db" | "config" | "now">,
	order: OrderRow,
	kind: OrderMailKind,
): Promise<{ mailId: string; writes: [BatchItem<"sqlite">, BatchItem<"sqlite">] }> {
	const now = deps.now();
	const { key, statement: keyWrite } = await orderKeyInsert(deps.db, order.id, kind, now);
	const url = orderPageUrl(deps.config.baseUrl, order.id, key);
	const total = formatPrice(order.amountCents, order.currency);
	const { subject, opening } = WORDING[kind];
	const text = [opening, "", `Order: ${order.id}`, `Total: ${total}`, "", "Your downloads are ready on your order page (keep this link private):", url].join(
		"\n",
	);
	const html = `<p>${escapeHtml(opening)}</p><p>Order: <code>${escapeHtml(order.id)}</code><br>Total: ${escapeHtml(total)}</p>
<p>Your downloads are ready on your order page (keep this link private):</p><p><a href="${escapeHtml(url)}">Open my order</a></p>`;
	const { mailId, statement: mailWrite } = outboxInsert(
		deps.db,
		{
			kind,
			orderId: order.id,
			dedupeKey: kind === "receipt" ? `receipt:${order.id}` : null,
			mail: { to: order.email, subject: subject(order.id), text, html },
		},
		now,
	);
	return { mailId, writes: [keyWrite, mailWrite] };
}
