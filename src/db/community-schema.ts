import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { CommentStatus, PayoutStatus } from "../shared/community";
import { generations, users } from "./schema";

/** ISO 8601 UTC time, as in schema.ts. */
const isoNow = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/**
 * Who follows whom (docs/community.md). The primary key makes a second follow fail inside its
 * batch, together with the counter updates, so `users.follower_count` and `following_count`
 * stay exact under any concurrency.
 */
export const follows = sqliteTable(
	"follows",
	{
		followerId: text("follower_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		followeeId: text("followee_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		createdAt: text("created_at").notNull().default(isoNow),
	},
	(t) => [
		primaryKey({ columns: [t.followerId, t.followeeId] }),
		index("follows_followee_created").on(t.followeeId, t.createdAt),
		index("follows_follower_created").on(t.followerId, t.createdAt),
		check("follows_not_self", sql`${t.followerId} <> ${t.followeeId}`),
	],
);

/** One user's like of one public generated image; the key makes it once per user. */
export const generationLikes = sqliteTable(
	"generation_likes",
	{
		generationId: text("generation_id")
			.notNull()
			.references(() => generations.id, { onDelete: "cascade" }),
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		createdAt: text("created_at").notNull().default(isoNow),
	},
	(t) => [primaryKey({ columns: [t.generationId, t.userId] }), index("generation_likes_user_created").on(t.userId, t.createdAt)],
);

/**
 * A comment on a public generated image, or a reply to one (one level: `parent_id` names a
 * comment whose own `parent_id` is null). `body` is plain text, never rendered as HTML. A deleted
 * comment keeps its row (its replies stay in the thread) with the body erased; a hidden one (by
 * the image's artist or owner, or an admin) is shown to nobody but its author.
 */
export const comments = sqliteTable(
	"comments",
	{
		id: text("id").primaryKey(),
		generationId: text("generation_id")
			.notNull()
			.references(() => generations.id, { onDelete: "cascade" }),
		authorId: text("author_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		parentId: text("parent_id"),
		body: text("body").notNull(),
		status: text("status").$type<CommentStatus>().notNull().default("visible"),
		/** Who hid it: a user id (the artist or the image's owner) or `admin`. */
		hiddenBy: text("hidden_by"),
		createdAt: text("created_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
		editedAt: text("edited_at"),
	},
	(t) => [
		index("comments_generation_parent_created").on(t.generationId, t.parentId, t.createdAt),
		index("comments_author_created").on(t.authorId, t.createdAt),
	],
);

/**
 * Facts already notified (`like:<generation>:<user>`, `follow:<follower>:<followee>`): a grouped
 * notification absorbs many facts, so "notified once" is kept here, one row per fact, and a like
 * taken back and given again does not notify twice.
 */
export const notifiedFacts = sqliteTable(
	"notified_facts",
	{
		key: text("key").primaryKey(),
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		createdAt: text("created_at").notNull().default(isoNow),
	},
	(t) => [index("notified_facts_user").on(t.userId)],
);

/**
 * An artist's request to be paid out earned credits. The credits leave the artist's balance with
 * the request (ledger movement `payout:<id>`), so they cannot be spent or requested twice; the
 * admin pays outside the system and marks it `paid`, or `rejected`, which returns them
 * (`payout_return:<id>`).
 */
export const payoutRequests = sqliteTable(
	"payout_requests",
	{
		id: text("id").primaryKey(),
		artistId: text("artist_id")
			.notNull()
			.references(() => users.id, { onDelete: "restrict" }),
		credits: integer("credits").notNull(),
		/** The money value at the request's time: `credits × PAYOUT_CENTS_PER_CREDIT`, in `currency`. */
		amountCents: integer("amount_cents").notNull(),
		currency: text("currency").notNull(),
		status: text("status").$type<PayoutStatus>().notNull().default("requested"),
		createdAt: text("created_at").notNull().default(isoNow),
		decidedAt: text("decided_at"),
		decidedBy: text("decided_by"),
	},
	(t) => [
		index("payout_requests_status_created").on(t.status, t.createdAt),
		index("payout_requests_artist_created").on(t.artistId, t.createdAt),
		check("payout_requests_credits_positive", sql`${t.credits} > 0`),
	],
);
