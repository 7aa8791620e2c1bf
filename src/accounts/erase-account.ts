import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { comments, follows, generationLikes, notifiedFacts } from "../db/community-schema";
import { d1ErrorText } from "../db/d1-errors";
import { artistApplications, generations, gpuJobs, notifications, styles, userSessions, users } from "../db/schema";
import { AppError } from "../lib/errors";
import { errorMessage, log } from "../lib/log";
import { styleInputsPrefix } from "../r2/keys";
import { artistWorkUsed } from "./deactivate";
import type { AccountEraser } from "./erasers";

/** What erasing an account needs: the product lines' erasers reach the data of each line (brands, video projects, assets, …). */
export type EraseDeps = { db: Db; files: R2Bucket; now: () => Date; erasers: readonly AccountEraser[] };

/** R2 takes at most 1,000 keys per delete call. */
const R2_DELETE_CHUNK = 1000;

/** The answer for an artist whose work others use: they can deactivate instead. */
function notDeletable(): AppError {
	return new AppError(409, "ACCOUNT_NOT_DELETABLE", "Your style has been used by others, so your account cannot be deleted; you can deactivate it instead.");
}

/** Whether a D1 error is a foreign key refusing the delete (someone used a style between the check and the batch). */
function isForeignKeyRefusal(err: unknown): boolean {
	const text = d1ErrorText(err);
	return text.includes("FOREIGN KEY constraint failed");
}

/**
 * Deletes an account. An artist whose work has been used is refused with `409
 * ACCOUNT_NOT_DELETABLE` and nothing changes; so is anyone with a generation still being made
 * (`409 CONFLICT`: its hold and its image are on their way). Anyone else loses, in ONE D1 batch (a
 * transaction): their generations (likes and comments on them cascade, so public ones leave the
 * feed at once), their likes and follows (the counters of the OTHER rows decremented first, each
 * guarded by the row it counts), their comments on others' images (kept in the thread, body
 * erased, status `deleted`; `comment_count` decremented for the visible ones), notifications,
 * notified facts, sessions, artist applications and their styles (none used by anyone else, or
 * the check above refused; a style used meanwhile makes the batch fail on its foreign key, which
 * is the same 409). The users row stays, because the ledger, credit purchases and payout
 * requests reference it and are kept for accounting, but anonymised: no e-mail, name, nickname,
 * bio or avatar, status `deleted`, and the sign-in subject replaced by `deleted:<id>` so the same
 * Google account signs up as a new user. The R2 objects (generated images, training and
 * signature images, trained models, avatar) are deleted once the batch has committed, so a
 * refused or failed erasure loses no file.
 */
export async function eraseAccount(deps: EraseDeps, userId: string): Promise<void> {
	const { db } = deps;
	const user = await db.query.users.findFirst({ where: eq(users.id, userId) });
	if (!user || user.status === "deleted") throw new AppError(404, "NOT_FOUND", "No such account.");
	if (await artistWorkUsed(db, userId)) throw notDeletable();
	// A generation still being made holds credits and has an image on its way: erasing its row now would leave the hold unsettled and the image orphaned in R2.
	const open = await db.query.generations.findFirst({
		columns: { id: true },
		where: and(eq(generations.userId, userId), inArray(generations.status, ["queued", "processing"])),
	});
	if (open) throw new AppError(409, "CONFLICT", "An image of yours is still being generated; delete your account once it has finished.");
	for (const eraser of deps.erasers) {
		const blocker = await eraser.blocker(db, userId);
		if (blocker) throw blocker;
	}

	for (const eraser of deps.erasers) await eraser.prepare?.(db, userId);
	const objectKeys = await objectsOf(db, userId);
	const lineObjects = await Promise.all(deps.erasers.map((eraser) => eraser.objects(db, userId)));
	const ownStyles = await db.select({ id: styles.id }).from(styles).where(eq(styles.artistId, userId));
	const at = deps.now().toISOString();
	const others = ne(generations.userId, userId);
	try {
		await db.batch([
			// Counters of other people's rows, before the rows they count go.
			db
				.update(generations)
				.set({ likeCount: sql`${generations.likeCount} - 1` })
				.where(and(others, sql`${generations.id} IN (SELECT generation_id FROM generation_likes WHERE user_id = ${userId})`)),
			db
				.update(generations)
				.set({
					commentCount: sql`${generations.commentCount} - (SELECT count(*) FROM comments c WHERE c.generation_id = ${generations.id} AND c.author_id = ${userId} AND c.status = 'visible')`,
				})
				.where(and(others, sql`${generations.id} IN (SELECT generation_id FROM comments WHERE author_id = ${userId} AND status = 'visible')`)),
			db
				.update(users)
				.set({ followerCount: sql`${users.followerCount} - 1` })
				.where(sql`${users.id} IN (SELECT followee_id FROM follows WHERE follower_id = ${userId})`),
			db
				.update(users)
				.set({ followingCount: sql`${users.followingCount} - 1` })
				.where(sql`${users.id} IN (SELECT follower_id FROM follows WHERE followee_id = ${userId})`),
			// Their comments on others' images stay in the thread (replies hang on them), erased.
			db
				.update(comments)
				.set({ body: "", status: "deleted", updatedAt: at })
				.where(and(eq(comments.authorId, userId), ne(comments.status, "deleted"))),
			db.delete(generationLikes).where(eq(generationLikes.userId, userId)),
			db.delete(follows).where(sql`${follows.followerId} = ${userId} OR ${follows.followeeId} = ${userId}`),
			db.delete(notifications).where(eq(notifications.userId, userId)),
			db.delete(notifiedFacts).where(eq(notifiedFacts.userId, userId)),
			db.delete(userSessions).where(eq(userSessions.userId, userId)),
			db.delete(artistApplications).where(eq(artistApplications.userId, userId)),
			...deps.erasers.flatMap((eraser) => eraser.statements(db, userId)),
			// Likes and comments of anyone on these images cascade with them.
			db.delete(generations).where(eq(generations.userId, userId)),
			// The trigger of migration 0005 keeps a trained style from its artist's delete button,
			// because others may hold licences to it; nobody does here (checked above, and the
			// generations' and packs' foreign keys fail this batch if that changed), so the erasure
			// moves it out of `completed` first.
			db
				.update(styles)
				.set({ status: "failed", updatedAt: at })
				.where(and(eq(styles.artistId, userId), eq(styles.status, "completed"))),
			db.delete(styles).where(eq(styles.artistId, userId)),
			db
				.update(users)
				.set({
					email: "",
					name: "",
					nickname: null,
					bio: "",
					avatarR2Key: null,
					locale: null,
					followerCount: 0,
					followingCount: 0,
					status: "deleted",
					statusChangedAt: at,
					oidcSubject: sql`'deleted:' || ${users.id}`,
				})
				.where(and(eq(users.id, userId), ne(users.status, "deleted"))),
		]);
	} catch (err) {
		if (isForeignKeyRefusal(err)) throw notDeletable();
		throw err;
	}
	log("info", "account deleted", { userId, generations: objectKeys.generated, styles: ownStyles.length });
	await deleteObjects(
		deps.files,
		userId,
		[...objectKeys.keys, ...lineObjects.flatMap((objects) => objects.keys)],
		[...ownStyles.map((style) => styleInputsPrefix(style.id)), `avatars/${userId}/`, ...lineObjects.flatMap((objects) => objects.prefixes)],
	);
}

/**
 * The R2 keys of what the user's GPU jobs produced (generated images, trained models: every
 * uploaded artifact the mirror lists) and of their generations' images.
 */
async function objectsOf(db: Db, userId: string): Promise<{ keys: Set<string>; generated: number }> {
	const [jobs, images] = await Promise.all([
		db
			.select({ artifacts: gpuJobs.artifacts })
			.from(gpuJobs)
			.where(and(eq(gpuJobs.ownerType, "user"), eq(gpuJobs.ownerId, userId))),
		db.select({ r2Key: generations.r2Key }).from(generations).where(eq(generations.userId, userId)),
	]);
	const keys = new Set<string>();
	for (const image of images) if (image.r2Key) keys.add(image.r2Key);
	for (const job of jobs) {
		let artifacts: unknown;
		try {
			artifacts = JSON.parse(job.artifacts);
		} catch {
			continue;
		}
		if (!Array.isArray(artifacts)) continue;
		for (const artifact of artifacts) {
			const key = typeof artifact === "object" && artifact !== null ? (artifact as Record<string, unknown>).r2_key : undefined;
			if (typeof key === "string" && key.startsWith("gpu/")) keys.add(key);
		}
	}
	return { keys, generated: images.length };
}

/**
 * Deletes the listed keys and everything under the prefixes. A failure is logged (keys only, no
 * personal data) and does not undo the erasure: the rows pointing at the objects are gone, so
 * nothing can serve them.
 */
async function deleteObjects(files: R2Bucket, userId: string, keys: string[], prefixes: string[]): Promise<void> {
	try {
		for (const prefix of prefixes) {
			let cursor: string | undefined;
			do {
				const page = await files.list({ prefix, ...(cursor ? { cursor } : {}) });
				keys.push(...page.objects.map((object) => object.key));
				cursor = page.truncated ? page.cursor : undefined;
			} while (cursor);
		}
		for (let start = 0; start < keys.length; start += R2_DELETE_CHUNK) await files.delete(keys.slice(start, start + R2_DELETE_CHUNK));
	} catch (err) {
		log("error", "account objects not deleted", { userId, objects: keys.length, error: errorMessage(err) });
	}
}
