import { z } from "zod";
import type { Translate } from "../i18n/translator";
import type { NotificationKind } from "../shared/styles";

/** The values of a notification's catalogue message, as `notifications.params` stores them (JSON). */
export const NotificationParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type NotificationParams = z.infer<typeof NotificationParams>;

/** What a stored notification needs to be worded again. */
export type StoredNotification = { kind: NotificationKind; title: string; body: string; params: string | null; actorCount?: number };

/** Kinds whose unread row absorbs many actors (src/notifications/grouped.ts). */
const GROUPED_KINDS: ReadonlySet<NotificationKind> = new Set(["liked", "commented", "replied", "followed"]);

function parseParams(raw: string | null): NotificationParams | null {
	if (raw === null) return null;
	try {
		const parsed = NotificationParams.safeParse(JSON.parse(raw));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

/**
 * The notification's title and body in the reader's language, from its kind's catalogue
 * messages and its stored values. Rows written before params existed (or with unreadable ones)
 * keep their stored English words.
 */
export function localizedNotification(row: StoredNotification, t: Translate): { title: string; body: string } {
	const params = parseParams(row.params);
	if (!params) return { title: row.title, body: row.body };
	// One key per kind under `account:notification`; the cast names one of them for i18next's key typing.
	const key = (name: string) => `account:notification.${row.kind}.${name}` as "account:notification.generation_completed.title";
	const others = (row.actorCount ?? 1) - 1;
	// A grouped row names its latest actor and counts the others: "민지 님 외 49명이 …".
	const title = GROUPED_KINDS.has(row.kind) && others > 0 ? t(key("title_others"), { ...params, count: others }) : t(key("title"), params);
	// An admin's refund of a completed image is not a failed generation: it says so.
	if (row.kind === "credits_refunded" && params.why === "admin_refund") return { title, body: t("account:notification.credits_refunded.body_admin_refund") };
	if (row.kind !== "credits_reversed") return { title, body: t(key("body"), params) };
	const credits = params.credits ?? "";
	const body =
		params.why === "refunded"
			? t("account:notification.credits_reversed.body_refunded", { credits })
			: t("account:notification.credits_reversed.body_disputed", { credits });
	const spent = Number(params.spent ?? 0);
	return { title, body: spent > 0 ? `${body} ${t("account:notification.credits_reversed.spent", { spent })}` : body };
}
