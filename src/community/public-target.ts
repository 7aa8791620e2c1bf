import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../db/client";
import { d1ErrorText } from "../db/d1-errors";
import { generations, styles, users } from "../db/schema";
import { AppError } from "../lib/errors";
import { owners, publicImage } from "./feed";

/** A user who may be followed or shown: any account that is not deleted. Anything else is 404. */
export async function publicPerson(db: Db, id: string) {
	const row = await db.query.users.findFirst({
		columns: { id: true, nickname: true, status: true },
		where: and(eq(users.id, id), ne(users.status, "deleted")),
	});
	if (!row) throw new AppError(404, "NOT_FOUND", "No such user.");
	return row;
}

/**
 * A generation the community may like or comment on: public, completed, not refunded, with an
 * owner whose account is not deleted; with its owner and its style's artist (who may hide
 * comments). Anything else is `404 NOT_FOUND`, the same answer as for an id that does not
 * exist, so private images cannot be probed.
 */
export async function communityGeneration(db: Db, id: string) {
	const [row] = await db
		.select({ id: generations.id, ownerId: generations.userId, prompt: generations.prompt, artistId: styles.artistId })
		.from(generations)
		.innerJoin(owners, eq(owners.id, generations.userId))
		.innerJoin(styles, eq(styles.id, generations.styleId))
		// The feed's own condition, so what can be liked or commented is exactly what the feed shows.
		.where(and(eq(generations.id, id), publicImage()))
		.limit(1);
	if (!row) throw new AppError(404, "NOT_FOUND", "No such generation.");
	return row;
}

/** Whether a D1 error is the named table's primary key or unique index refusing a second row. */
export function isDuplicateOf(err: unknown, table: string): boolean {
	const text = d1ErrorText(err);
	return text.includes(`UNIQUE constraint failed: ${table}.`);
}

/** D1 binds at most 100 parameters per statement: id lists are looked up in chunks of this size. */
const ID_CHUNK = 90;

/** `ids` without repeats, in chunks a single D1 statement can bind (alongside a few other values). */
export function idChunks(ids: readonly string[]): string[][] {
	const unique = [...new Set(ids)];
	const chunks: string[][] = [];
	for (let i = 0; i < unique.length; i += ID_CHUNK) chunks.push(unique.slice(i, i + ID_CHUNK));
	return chunks;
}
