import type { orders } from "../db/schema";
import { formatPrice } from "../lib/format";
import type { CommerceDeps } from "./deps";
import { mintOrderKey, orderPageUrl } from "./order-key";

type OrderRow = typeof orders.$inferSelect;

function escapeHtml(text: string): string {
	return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/** Mails the buyer their receipt with the link to their order page (downloads live there). */
export async function sendReceipt(deps: CommerceDeps, order: OrderRow): Promise<void> {
	// A fresh key of the order's own for this mail: no secret involved, so no rotation breaks it.
	const key = await mintOrderKey(deps.db, order.id, "receipt", deps.now());
	const url = orderPageUrl(deps.config.baseUrl, order.id, key);
	const total = formatPrice(order.amountCents, order.currency);
	const text = [
		"Thank you for your order.",
		"",
		`Order: ${order.id}`,
		`Total: ${total}`,
		"",
		"Your downloads are ready on your order page (keep this link private):",
		url,
	].join("\n");
	const html = `<p>Thank you for your order.</p><p>Order: <code>${escapeHtml(order.id)}</code><br>Total: ${escapeHtml(total)}</p>
<p>Your downloads are ready on your order page (keep this link private):</p><p><a href="${escapeHtml(url)}">Open my order</a></p>`;
	await deps.mailer.send({ to: order.email, subject: `Your Edge Factory order ${order.id}`, text, html }, { idempotencyKey: `receipt-${order.id}` });
}
