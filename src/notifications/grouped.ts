import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { notifiedFacts } from "../db/community-schema";
import { notifications } from "../db/schema";
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
	/** Who did it: a group counts people, so one person's second comment is not "and 1 other". */
	actorId: string;
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
 * absorbs it (the latest actor named, moved to the top, and `actor_count + 1` when this actor is
 * new to the row) or, when the group has no unread row (none yet, or the user read it), a new
 * row starts. Which people a row has counted is kept as facts too (`actor:<row>:<user>`),
 * written in the same batch (one transaction) as the upsert, so two facts of one person arriving
 * at once still count them once. The partial unique index `notifications_open_group` makes the
 * upsert exact under concurrency. Returns whether the fact was new.
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
	// A person already counted by the row (the row's own id is known only inside the statement).
	const counted = sql`EXISTS (SELECT 1 FROM notified_facts WHERE notified_facts.key = 'actor:' || ${notifications.id} || ':' || ${n.actorId})`;
	const openGroup = and(eq(notifications.groupKey, n.groupKey), isNull(notifications.readAt));
	await db.batch([
		db
			.insert(notifications)
			.values({
				id: newId("ntf"),
				userId: n.userId,
				kind: n.kind,
				title,
				body: "",
				params: JSON.stringify(n.params),
				link: n.link,
				// The first fact's key names the row (dedupe_key is unique and required); later facts only update it.
				dedupeKey: `group:${n.factKey}`,
				createdAt: at,
				groupKey: n.groupKey,
				actorCount: 1,
			})
			.onConflictDoUpdate({
				target: notifications.groupKey,
				targetWhere: sql`${notifications.groupKey} is not null and ${notifications.readAt} is null`,
				set: {
					actorCount: sql`${notifications.actorCount} + CASE WHEN ${counted} THEN 0 ELSE 1 END`,
					params: sql`excluded.params`,
					title: sql`excluded.title`,
					link: sql`excluded.link`,
					createdAt: sql`excluded.created_at`,
				},
			}),
		db
			.insert(notifiedFacts)
			.select(
				db
					.select({
						key: sql<string>`'actor:' || ${notifications.id} || ':' || ${n.actorId}`.as("key"),
						userId: notifications.userId,
						createdAt: sql<string>`${at}`.as("created_at"),
					})
					.from(notifications)
					.where(openGroup),
			)
			.onConflictDoNothing({ target: notifiedFacts.key }),
	]);
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
