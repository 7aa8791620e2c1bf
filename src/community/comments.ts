import { and, desc, eq, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import { avatarUrlOf, shownNickname } from "../accounts/public-user";
import type { Db } from "../db/client";
import { comments } from "../db/community-schema";
import { afterCursor, encodeCursor } from "../db/cursor";
import { generations, users } from "../db/schema";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { notifyGrouped } from "../notifications/grouped";
import type { CommentStatus } from "../shared/community";
import { communityGeneration } from "./public-target";

/** Top-level comments per page. */
export const COMMENT_PAGE_SIZE = 20;
/** Replies shown under one comment (oldest first); `reply_count` tells how many there are in all. */
export const REPLY_CAP = 50;

/** A comment's author as the thread shows them: nickname and avatar, never the real name. */
export type CommentAuthor = { id: string; nickname: string; avatar_url: string | null };

/** A comment as the API and the thread show it. A deleted one keeps its place with an empty body. */
export type CommentView = {
	id: string;
	parent_id: string | null;
	body: string;
	author: CommentAuthor;
	created_at: string;
	edited_at: string | null;
	status: CommentStatus;
	/** Top-level comments only: the first {@link REPLY_CAP} replies, oldest first, and their number. */
	replies?: CommentView[];
	reply_count?: number;
};

type CommentRow = {
	id: string;
	parent_id: string | null;
	body: string;
	status: CommentStatus;
	created_at: string;
	edited_at: string | null;
	author_id: string;
	nickname: string | null;
	avatar_r2_key: string | null;
};

function commentView(row: CommentRow): CommentView {
	return {
		id: row.id,
		parent_id: row.parent_id,
		body: row.status === "deleted" ? "" : row.body,
		author: {
			id: row.author_id,
			nickname: shownNickname({ id: row.author_id, nickname: row.nickname }),
			avatar_url: avatarUrlOf({ id: row.author_id, avatarR2Key: row.avatar_r2_key }),
		},
		created_at: row.created_at,
		edited_at: row.edited_at,
		status: row.status,
	};
}

const ROW_COLUMNS = {
	id: comments.id,
	parent_id: comments.parentId,
	body: comments.body,
	status: comments.status,
	created_at: comments.createdAt,
	edited_at: comments.editedAt,
	author_id: comments.authorId,
	nickname: users.nickname,
	avatar_r2_key: users.avatarR2Key,
};

/** Who may see what: hidden comments only by their author (and, with `moderator`, by whoever may unhide them). */
function shownTo(viewerId: string | null | undefined, moderator: boolean): SQL | undefined {
	if (moderator) return undefined;
	return viewerId ? or(ne(comments.status, "hidden"), eq(comments.authorId, viewerId)) : ne(comments.status, "hidden");
}

/**
 * A page of an image's thread: top-level comments NEWEST FIRST (the latest conversation on
 * top, older ones behind "more", like the feed), each with its replies OLDEST FIRST (a
 * conversation reads down), at most {@link REPLY_CAP} of them, and `reply_count`. Deleted
 * comments keep their place with the body erased, so replies stay in context; hidden ones are
 * shown to their author only (and to the image's moderators when `moderator`). `404` unless the
 * image is public (see `communityGeneration`).
 */
export async function listComments(
	db: Db,
	generationId: string,
	viewerId: string | null | undefined,
	cursor?: string,
	opts: { moderator?: boolean } = {},
): Promise<{ comments: CommentView[]; nextCursor: string | null }> {
	await communityGeneration(db, generationId);
	const visible = shownTo(viewerId, opts.moderator ?? false);
	const rows = await db
		.select(ROW_COLUMNS)
		.from(comments)
		.innerJoin(users, eq(users.id, comments.authorId))
		.where(
			and(
				eq(comments.generationId, generationId),
				isNull(comments.parentId),
				visible,
				cursor ? afterCursor(cursor, comments.createdAt, comments.id) : undefined,
			),
		)
		.orderBy(desc(comments.createdAt), desc(comments.id))
		.limit(COMMENT_PAGE_SIZE + 1);
	const page = rows.slice(0, COMMENT_PAGE_SIZE);
	const last = page.at(-1);
	const nextCursor = rows.length > COMMENT_PAGE_SIZE && last ? encodeCursor(last.created_at, last.id) : null;
	if (page.length === 0) return { comments: [], nextCursor };

	// All the page's replies in one query: numbered per parent, oldest first, and counted.
	const parentIds = sql.join(
		page.map((row) => sql`${row.id}`),
		sql`, `,
	);
	const hiddenRule = opts.moderator ? sql`1` : viewerId ? sql`(c.status <> 'hidden' OR c.author_id = ${viewerId})` : sql`c.status <> 'hidden'`;
	const replies = await db.all<CommentRow & { n: number; total: number }>(sql`
		SELECT * FROM (
			SELECT c.id, c.parent_id, c.body, c.status, c.created_at, c.edited_at, c.author_id, u.nickname, u.avatar_r2_key,
				row_number() OVER (PARTITION BY c.parent_id ORDER BY c.created_at, c.id) AS n,
				count(*) OVER (PARTITION BY c.parent_id) AS total
			FROM comments c JOIN users u ON u.id = c.author_id
			WHERE c.generation_id = ${generationId} AND c.parent_id IN (${parentIds}) AND ${hiddenRule}
		) WHERE n <= ${REPLY_CAP} ORDER BY parent_id, n`);
	const byParent = new Map<string, { views: CommentView[]; total: number }>();
	for (const reply of replies) {
		if (!reply.parent_id) continue;
		const group = byParent.get(reply.parent_id) ?? { views: [], total: Number(reply.total) };
		group.views.push(commentView(reply));
		byParent.set(reply.parent_id, group);
	}
	return {
		comments: page.map((row) => {
			const group = byParent.get(row.id);
			return { ...commentView(row), replies: group?.views ?? [], reply_count: group?.total ?? 0 };
		}),
		nextCursor,
	};
}

/** One comment as the API answers it after a change. */
export async function commentById(db: Db, id: string): Promise<CommentView | null> {
	const [row] = await db.select(ROW_COLUMNS).from(comments).innerJoin(users, eq(users.id, comments.authorId)).where(eq(comments.id, id)).limit(1);
	return row ? commentView(row) : null;
}

/**
 * Comments on a public image, or replies to one of its top-level comments (one level: a reply
 * to a reply is `400 REPLY_DEPTH_EXCEEDED`; a parent that is not a visible comment of this
 * image is `404`). The row and `comment_count + 1` go in one batch. The image's owner is told
 * of a comment, the parent's author of a reply (each grouped while unread); nobody of their own.
 */
export async function createComment(
	db: Db,
	author: { id: string; nickname: string | null },
	generationId: string,
	input: { body: string; parentId?: string | null },
	now: Date,
): Promise<CommentView> {
	const image = await communityGeneration(db, generationId);
	let parentAuthorId: string | null = null;
	if (input.parentId) {
		const parent = await db.query.comments.findFirst({ where: and(eq(comments.id, input.parentId), eq(comments.generationId, generationId)) });
		if (!parent) throw new AppError(404, "NOT_FOUND", "No such comment on this image.");
		if (parent.parentId !== null) throw new AppError(400, "REPLY_DEPTH_EXCEEDED", "Replies go under a top-level comment; a reply cannot be replied to.");
		if (parent.status !== "visible") throw new AppError(404, "NOT_FOUND", "No such comment on this image.");
		parentAuthorId = parent.authorId;
	}
	const id = newId("cmt");
	const at = now.toISOString();
	await db.batch([
		db.insert(comments).values({ id, generationId, authorId: author.id, parentId: input.parentId ?? null, body: input.body, createdAt: at, updatedAt: at }),
		db
			.update(generations)
			.set({ commentCount: sql`${generations.commentCount} + 1` })
			.where(eq(generations.id, generationId)),
	]);
	const actor = shownNickname(author);
	const link = `/feed/${generationId}#comment-${id}`;
	if (parentAuthorId && parentAuthorId !== author.id) {
		await notifyGrouped(db, {
			userId: parentAuthorId,
			kind: "replied",
			groupKey: `replied:${input.parentId}`,
			factKey: `reply:${id}`,
			actorId: author.id,
			params: { actor },
			link,
			now,
		});
	}
	// The owner hears of every comment on the image, replies included, unless the reply already told them.
	if (image.ownerId !== author.id && image.ownerId !== parentAuthorId) {
		await notifyGrouped(db, {
			userId: image.ownerId,
			kind: "commented",
			groupKey: `commented:${generationId}`,
			factKey: `comment:${id}`,
			actorId: author.id,
			params: { actor },
			link,
			now,
		});
	}
	const view = await commentById(db, id);
	if (!view) throw new AppError(500, "INTERNAL", "The comment was not stored.");
	return view;
}

/** The author's own comment, not deleted; someone else's is `403 FORBIDDEN`, a missing or deleted one `404`. */
async function ownComment(db: Db, authorId: string, id: string) {
	const row = await db.query.comments.findFirst({ where: eq(comments.id, id) });
	if (!row || row.status === "deleted") throw new AppError(404, "NOT_FOUND", "No such comment.");
	// The comment is public, so saying it exists reveals nothing; the author is the only one who may change it.
	if (row.authorId !== authorId) throw new AppError(403, "FORBIDDEN", "Only the comment's author can change it.");
	return row;
}

/** Edits the author's own comment (a hidden one stays hidden); `edited_at` marks it. */
export async function editComment(db: Db, authorId: string, id: string, body: string, now: Date): Promise<CommentView> {
	await ownComment(db, authorId, id);
	const at = now.toISOString();
	const updated = await db
		.update(comments)
		.set({ body, editedAt: at, updatedAt: at })
		.where(and(eq(comments.id, id), eq(comments.authorId, authorId), ne(comments.status, "deleted")))
		.returning({ id: comments.id });
	if (updated.length === 0) throw new AppError(404, "NOT_FOUND", "No such comment.");
	const view = await commentById(db, id);
	if (!view) throw new AppError(404, "NOT_FOUND", "No such comment.");
	return view;
}

/**
 * Deletes the author's own comment: it keeps its place (its replies stay in the thread) with
 * the body erased. `comment_count - 1` only if it was visible, guarded in the same batch.
 */
export async function deleteComment(db: Db, authorId: string, id: string, now: Date): Promise<CommentView> {
	const row = await ownComment(db, authorId, id);
	const at = now.toISOString();
	await db.batch([
		db
			.update(generations)
			.set({ commentCount: sql`${generations.commentCount} - 1` })
			.where(and(eq(generations.id, row.generationId), sql`EXISTS (SELECT 1 FROM comments WHERE id = ${id} AND status = 'visible')`)),
		db
			.update(comments)
			.set({ status: "deleted", body: "", updatedAt: at })
			.where(and(eq(comments.id, id), ne(comments.status, "deleted"))),
	]);
	const view = await commentById(db, id);
	if (!view) throw new AppError(404, "NOT_FOUND", "No such comment.");
	return view;
}
