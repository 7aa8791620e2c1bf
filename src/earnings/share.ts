import { eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { styles } from "../db/schema";
import type { Generation } from "../generation/job-request";
import { earnedMovementStatements } from "./movements";

/** The artist's share of a generation's price in whole credits: `floor(cost × percent / 100)`, the remainder staying with the platform. */
export function artistShareOf(generation: Pick<Generation, "costCredits" | "artistSharePercent">): number {
	return Math.floor((generation.costCredits * generation.artistSharePercent) / 100);
}

/** The id of the earning movement of a generation; its reversal's is `earning_reversal:<generation>`. */
export const earningId = (generationId: string) => `earning:${generationId}`;
export const earningReversalId = (generationId: string) => `earning_reversal:${generationId}`;

/**
 * The statements that credit the style's artist with their share of a generation
 * (`earning:<generation>`, kind `earning`, both balances), for the capture's own batch
 * (src/generation/outcomes.ts): a repeated capture fails that batch on the capture's ledger id,
 * so the share is credited exactly once, together with it. Nothing when the share is zero
 * (ARTIST_SHARE 0, a tiny price) or when the buyer is the style's artist (they pay themselves
 * nothing; the generation also records 0 for them at queue time).
 */
export async function earningStatements(db: Db, generation: Generation, now: Date): Promise<BatchItem<"sqlite">[]> {
	const share = artistShareOf(generation);
	if (share <= 0) return [];
	const style = await db.query.styles.findFirst({ columns: { artistId: true }, where: eq(styles.id, generation.styleId) });
	if (!style || style.artistId === generation.userId) return [];
	return earnedMovementStatements(db, { id: earningId(generation.id), userId: style.artistId, kind: "earning", amount: share, reference: generation.id, now });
}
