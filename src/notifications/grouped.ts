import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { notifiedFacts } from "../db/community-schema";
import { newId } from "../lib/ids";
import type { NotificationParams } from "./localize";

/** The community notifications that group: many actors, one unread line. */
export type GroupedKind = "liked" | "commented" | "replied" | "followed";

/** One fact to notify, grouped with the other unread facts of `groupKey`. */
export type GroupedNotification = {
	/** Who is told. */
	userId: string;
	kind: GroupedKind;
	/** `liked:<generation>`, `commented:<generation>`, `replied:<comment>`, `followed:<user>`. */
	groupKey: string;
	/** The fact itself (`like:<generation>:<user>`): notified once, ever, even if undone and done again. */
	factKey: string;
	/** The catalogue values of the latest fact; `actor` is the latest actor's nickname. */
	params: NotificationParams & { actor: string };
	link: string;
	now: Date;
};

/** English words for readers without the catalogue (the API's fallback); the pages word `params`. */
const ENGLISH: Record<GroupedKind, (actor: string) => string> = {
	liked: (actor) => `${actor} liked your image`,
	commented: (actor) => `${actor} commented on your image`,
	replied: (actor) => `${actor} replied to your comment`,
	followed: (actor) => `${actor} started following you`,
};

/**
 * Notifies a fact once and groups it: the fact's key goes into `notified_facts` first (already
 * there: it was notified before, nothing more happens); then the unread row of the group
 * absorbs it (`actor_count + 1`, the latest actor named, moved to the top) or, when the group
 * has no unread row (none yet, or the user read it), a new row starts. The partial unique
 * index `notifications_open_group` makes the upsert exact under concurrency. Returns whether
 * the fact was new.
 */
export async function notifyGrouped(db: Db, n: GroupedNotification): Promise<boolean> {
	const at = n.now.toISOString();
	const fact = await db
		.insert(notifiedFacts)
		.values({ key: n.factKey, userId: n.userId, createdAt: at })
		.onConflictDoNothing({ target: notifiedFacts.key })
		.returning({ key: notifiedFacts.key });
	if (fact.length === 0) return false;
	const title = ENGLISH[n.kind](n.params.actor);
	// The first fact's key names the row (dedupe_key is unique and required); later facts only update it.
	await db.run(sql`INSERT INTO notifications (id, user_id, kind, title, body, params, link, dedupe_key, created_at, group_key, actor_count)
		VALUES (${newId("ntf")}, ${n.userId}, ${n.kind}, ${title}, '', ${JSON.stringify(n.params)}, ${n.link}, ${`group:${n.factKey}`}, ${at}, ${n.groupKey}, 1)
		ON CONFLICT (group_key) WHERE group_key IS NOT NULL AND read_at IS NULL
		DO UPDATE SET actor_count = actor_count + 1, params = excluded.params, title = excluded.title, link = excluded.link, created_at = excluded.created_at`);
	return true;
}

/**
 * Tells each follower of an artist that a new style of theirs is ready: one INSERT … SELECT over
 * `follows` (no round trip per follower, whatever their number), once per style and follower
 * (`new_style:<style>:<follower>`), so a training outcome delivered again notifies nobody twice.
 * Deleted accounts are skipped. Returns how many were notified by this call.
 */
export async function notifyFollowersOfNewStyle(
	db: Db,
	style: { id: string; slug: string; title: string; artistId: string; artistNickname: string },
	now: Date,
): Promise<number> {
	const params = JSON.stringify({ artist: style.artistNickname, style: style.title });
	const title = `${style.artistNickname} published a new style: “${style.title}”`;
	const result = await db.run(sql`INSERT INTO notifications (id, user_id, kind, title, body, params, link, dedupe_key, created_at, actor_count)
		SELECT 'ntf_' || lower(hex(randomblob(16))), f.follower_id, 'new_style', ${title}, '', ${params}, ${`/styles/${style.slug}`},
			'new_style:' || ${style.id} || ':' || f.follower_id, ${now.toISOString()}, 1
		FROM follows f JOIN users u ON u.id = f.follower_id
		WHERE f.followee_id = ${style.artistId} AND u.status <> 'deleted'
		ON CONFLICT (dedupe_key) DO NOTHING`);
	return result.meta.changes ?? 0;
}
