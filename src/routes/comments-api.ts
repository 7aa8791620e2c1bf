import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import { currentUser } from "../accounts/sessions";
import { requireAdmin } from "../admin/admin-auth";
import { currentAdminSession } from "../admin/sessions";
import type { AppEnv } from "../app-env";
import { canModerateGeneration, type Moderator, setCommentHidden } from "../community/comment-moderation";
import { createComment, deleteComment, editComment, listComments } from "../community/comments";
import { enforceRateLimit } from "../lib/rate-limit";
import { validate } from "../lib/validate";
import { CommentBody } from "../shared/community";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const CursorQuery = z.object({ cursor: z.string().max(200).optional() });
export const NewComment = z.object({ body: CommentBody, parent_id: z.string().min(1).max(64).nullish() });
export const EditedComment = z.object({ body: CommentBody });

/** Comments a user may post per minute (`COMMENT_RATE_LIMIT_PER_MINUTE`), counted per user. */
export async function enforceCommentLimit(c: Context<AppEnv>, userId: string): Promise<void> {
	const { limiter, config, now } = c.var.deps;
	await enforceRateLimit(limiter, `user:${userId}`, { name: "comments", limit: config.limits.comments, windowMs: 60_000 }, now().getTime());
}

/**
 * `/api/generations/:id/comments` (API.md "Community"): an image's thread (top-level comments
 * newest first, replies oldest first; see `listComments`) and posting to it. Guards are per
 * route: this sub-app shares the `/api/generations` prefix with public routes.
 */
export const generationCommentsApi = new Hono<AppEnv>()
	.get("/:id/comments", validate("param", IdParams), validate("query", CursorQuery), async (c) => {
		const { db, now } = c.var.deps;
		const id = c.req.valid("param").id;
		const viewerId = (await currentUser(c, db, now()))?.user.id ?? null;
		const moderator = await canModerateGeneration(db, viewerId, id);
		const page = await listComments(db, id, viewerId, c.req.valid("query").cursor, { moderator });
		return c.json({ comments: page.comments, next_cursor: page.nextCursor }, 200, { "Cache-Control": "no-store" });
	})
	.post("/:id/comments", requireUser, validate("param", IdParams), validate("json", NewComment), async (c) => {
		const { db, now } = c.var.deps;
		const { user } = signedInUser(c);
		const input = c.req.valid("json");
		await enforceCommentLimit(c, user.id);
		const comment = await createComment(db, user, c.req.valid("param").id, { body: input.body, parentId: input.parent_id ?? null }, now());
		return c.json({ comment }, 201);
	});

/**
 * Who asks to hide or unhide: an admin (API key, or dashboard session with its CSRF header),
 * else a signed-in user (session cookie and CSRF header), whose right is checked on the image.
 */
async function moderatorOf(c: Context<AppEnv>): Promise<Moderator> {
	const { db, now } = c.var.deps;
	const next = async () => {};
	if (c.req.header("Authorization") !== undefined || (await currentAdminSession(c, db, now()))) {
		await requireAdmin(c, next);
		return { kind: "admin" };
	}
	await requireUser(c, next);
	return { kind: "user", userId: signedInUser(c).user.id };
}

/** `/api/comments/:id`: the author edits or deletes their comment; the image's moderators hide or unhide it. */
export const commentsApi = new Hono<AppEnv>()
	.patch("/:id", requireUser, validate("param", IdParams), validate("json", EditedComment), async (c) => {
		const { db, now } = c.var.deps;
		const comment = await editComment(db, signedInUser(c).user.id, c.req.valid("param").id, c.req.valid("json").body, now());
		return c.json({ comment });
	})
	.delete("/:id", requireUser, validate("param", IdParams), async (c) => {
		const { db, now } = c.var.deps;
		const comment = await deleteComment(db, signedInUser(c).user.id, c.req.valid("param").id, now());
		return c.json({ comment });
	})
	.post("/:id/hide", validate("param", IdParams), async (c) => {
		const comment = await setCommentHidden(c.var.deps.db, await moderatorOf(c), c.req.valid("param").id, true, c.var.deps.now());
		return c.json({ comment });
	})
	.post("/:id/unhide", validate("param", IdParams), async (c) => {
		const comment = await setCommentHidden(c.var.deps.db, await moderatorOf(c), c.req.valid("param").id, false, c.var.deps.now());
		return c.json({ comment });
	});
