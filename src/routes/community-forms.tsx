import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import { safeReturnTo } from "../accounts/return-to";
import type { AppEnv } from "../app-env";
import { setCommentHidden } from "../community/comment-moderation";
import { createComment, deleteComment, editComment } from "../community/comments";
import { follow, unfollow } from "../community/follows";
import { like, unlike } from "../community/likes";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { CommentBody } from "../shared/community";
import { enforceCommentLimit } from "./comments-api";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const Back = z.object({ return_to: z.string().max(512).optional() });
const LikeForm = Back.extend({ intent: z.enum(["like", "unlike"]) });
const CommentForm = Back.extend({ body: CommentBody, parent_id: z.string().min(1).max(64).optional() });
const EditForm = Back.extend({ body: CommentBody });

/** Back to the page the form was on (same site only: `safeReturnTo`), to `#anchor` when given. */
function back(c: Context<AppEnv>, returnTo: string | undefined, anchor?: string) {
	const target = safeReturnTo(returnTo);
	return c.redirect(anchor && !target.includes("#") ? `${target}#${anchor}` : target, 303);
}

/** Runs a change whose "already so" answer (`codes`) is no change at all for a toggle in a page. */
async function idempotent(work: () => Promise<unknown>, codes: readonly string[]): Promise<void> {
	try {
		await work();
	} catch (err) {
		if (err instanceof AppError && codes.includes(err.code) && (err.status === 409 || err.status === 404)) return;
		throw err;
	}
}

/**
 * `/community/...`: the plain-form side of follows, likes and comments, for pages without
 * JavaScript (with it, /js/community.js calls the JSON API instead). Each takes the form's
 * `_csrf` (checked by `requireUser`) and goes back to its same-site `return_to` with 303. A
 * follow or like form says what its reader saw (`follow|unfollow`, `intent`), so submitting it
 * twice leaves things as asked instead of failing.
 */
export const communityForms = new Hono<AppEnv>()
	.use(requireUser)
	.post("/users/:id/follow", validate("param", IdParams), validate("form", Back), async (c) => {
		const { db, now } = c.var.deps;
		await idempotent(() => follow(db, signedInUser(c).user, c.req.valid("param").id, now()), ["DUPLICATE_FOLLOW"]);
		return back(c, c.req.valid("form").return_to);
	})
	.post("/users/:id/unfollow", validate("param", IdParams), validate("form", Back), async (c) => {
		const { db } = c.var.deps;
		const id = c.req.valid("param").id;
		const userId = signedInUser(c).user.id;
		// Not following any more is what was asked; a missing person still answers 404.
		const following = await db.query.follows.findFirst({ where: (f, { and, eq }) => and(eq(f.followerId, userId), eq(f.followeeId, id)) });
		if (following) await idempotent(() => unfollow(db, userId, id), ["NOT_FOUND"]);
		return back(c, c.req.valid("form").return_to);
	})
	.post("/generations/:id/like", validate("param", IdParams), validate("form", LikeForm), async (c) => {
		const { db, now } = c.var.deps;
		const id = c.req.valid("param").id;
		const form = c.req.valid("form");
		const { user } = signedInUser(c);
		if (form.intent === "like") await idempotent(() => like(db, user, id, now()), ["DUPLICATE_LIKE"]);
		else {
			const liked = await db.query.generationLikes.findFirst({ where: (l, { and, eq }) => and(eq(l.generationId, id), eq(l.userId, user.id)) });
			if (liked) await idempotent(() => unlike(db, user.id, id), ["NOT_FOUND"]);
		}
		return back(c, form.return_to);
	})
	.post("/generations/:id/comments", validate("param", IdParams), validate("form", CommentForm), async (c) => {
		const { db, now } = c.var.deps;
		const { user } = signedInUser(c);
		const form = c.req.valid("form");
		await enforceCommentLimit(c, user.id);
		const comment = await createComment(db, user, c.req.valid("param").id, { body: form.body, parentId: form.parent_id ?? null }, now());
		return back(c, form.return_to, `comment-${comment.id}`);
	})
	.post("/comments/:id/edit", validate("param", IdParams), validate("form", EditForm), async (c) => {
		const { db, now } = c.var.deps;
		const id = c.req.valid("param").id;
		await editComment(db, signedInUser(c).user.id, id, c.req.valid("form").body, now());
		return back(c, c.req.valid("form").return_to, `comment-${id}`);
	})
	.post("/comments/:id/delete", validate("param", IdParams), validate("form", Back), async (c) => {
		const { db, now } = c.var.deps;
		const id = c.req.valid("param").id;
		await deleteComment(db, signedInUser(c).user.id, id, now());
		return back(c, c.req.valid("form").return_to, `comment-${id}`);
	})
	.post("/comments/:id/hide", validate("param", IdParams), validate("form", Back), async (c) => {
		const { db, now } = c.var.deps;
		const id = c.req.valid("param").id;
		await setCommentHidden(db, { kind: "user", userId: signedInUser(c).user.id }, id, true, now());
		return back(c, c.req.valid("form").return_to, `comment-${id}`);
	})
	.post("/comments/:id/unhide", validate("param", IdParams), validate("form", Back), async (c) => {
		const { db, now } = c.var.deps;
		const id = c.req.valid("param").id;
		await setCommentHidden(db, { kind: "user", userId: signedInUser(c).user.id }, id, false, now());
		return back(c, c.req.valid("form").return_to, `comment-${id}`);
	});
