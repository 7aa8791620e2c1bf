import type { BatchItem } from "drizzle-orm/batch";
import type { orders } from "../db/schema";
import { createI18n } from "../i18n/i18n";
import type { CommerceDeps } from "./deps";
import { outboxInsert } from "./mail/outbox";
import { orderKeyInsert, orderPageUrl } from "./order-key";

type OrderRow = typeof orders.$inferSelect;

/** The two mails that send a buyer to their order page: the receipt (once), and links re-issued by an admin (each time). */
export type OrderMailKind = "receipt" | "reissue";

function escapeHtml(text: string): string {
	return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

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
	// Written in the language the buyer checked out in, with times in that language's usual zone
	// (Asia/Seoul for Korean, UTC for English), whoever triggers the mail.
	const { t, money, dateTime } = createI18n(order.locale, null, { fallback: deps.config.i18n.fallback });
	const total = money(order.amountCents, order.currency);
	const placed = dateTime(order.createdAt);
	const subject = kind === "receipt" ? t("mail:order.receiptSubject", { id: order.id }) : t("mail:order.reissueSubject", { id: order.id });
	const opening = kind === "receipt" ? t("mail:order.receiptOpening") : t("mail:order.reissueOpening");
	const ready = t("mail:order.ready");
	const text = [
		opening,
		"",
		t("mail:order.order", { id: order.id }),
		t("mail:order.placed", { date: placed }),
		t("mail:order.total", { total }),
		"",
		ready,
		url,
	].join("\n");
	const html = `<p>${escapeHtml(opening)}</p><p>${escapeHtml(t("mail:order.orderLabel"))} <code>${escapeHtml(order.id)}</code><br>${escapeHtml(
		t("mail:order.placed", { date: placed }),
	)}<br>${escapeHtml(t("mail:order.total", { total }))}</p>
<p>${escapeHtml(ready)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(t("mail:order.open"))}</a></p>`;
	const { mailId, statement: mailWrite } = outboxInsert(
		deps.db,
		{
			kind,
			orderId: order.id,
			dedupeKey: kind === "receipt" ? `receipt:${order.id}` : null,
			mail: { to: order.email, subject, text, html },
		},
		now,
	);
	return { mailId, writes: [keyWrite, mailWrite] };
}
