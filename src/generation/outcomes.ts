import { and, eq, inArray, sql } from "drizzle-orm";
import { applyMovement, type CreditMovement } from "../credits/ledger";
import type { Db } from "../db/client";
import { generations, styles } from "../db/schema";
import { earningStatements } from "../earnings/share";
import { log } from "../lib/log";
import { notifyOnce } from "../notifications/notify";
import type { Generation } from "./job-request";

/** The movement that gives a generation's buyer its credits back: once, whatever refunds it (its failure, or an admin). */
export function generationRefund(generation: Pick<Generation, "id" | "userId" | "costCredits">, now: Date): CreditMovement {
	return { id: `refund:${generation.id}`, userId: generation.userId, kind: "refund", amount: generation.costCredits, reference: generation.id, now };
}

/** Statuses a generation can still leave; `completed` and `failed` are final. */
const OPEN_STATUSES = ["queued", "processing"] as const;

/** The stored image of a finished generation. */
export type GeneratedImage = { r2Key: string; sha256: string; size: number };

/** Why a generation failed, as the user is told. */
export type GenerationFailure = { code: string; message: string };

/** A generation's status as stored now. */
async function storedStatus(db: Db, id: string) {
	const row = await db.query.generations.findFirst({ columns: { status: true }, where: eq(generations.id, id) });
	return row?.status;
}

/**
 * Completes a generation exactly once. First the conditional move to `completed` (only from
 * `queued`/`processing`, so a failed one stays failed); then, for a completed generation, the
 * capture movement `capture:<id>` (amount 0: the hold becomes final, on the record) with the
 * style's generation count in one batch, which a repeated call finds applied and leaves alone.
 * Because a completed generation is always (re)captured, a crash between the two steps is
 * repaired by the next report of the job. The style's artist's share (`earning:<id>`,
 * src/earnings/share.ts) rides in the capture's batch, so it is credited exactly when the
 * capture is, once. The user is notified once (dedupe key).
 */
export async function completeGeneration(db: Db, generation: Generation, image: GeneratedImage, now: Date): Promise<"completed" | "duplicate" | "final"> {
	const at = now.toISOString();
	await db
		.update(generations)
		.set({
			status: "completed",
			r2Key: image.r2Key,
			sha256: image.sha256,
			size: image.size,
			errorCode: null,
			errorMessage: null,
			updatedAt: at,
			completedAt: at,
		})
		.where(and(eq(generations.id, generation.id), inArray(generations.status, [...OPEN_STATUSES])));
	if ((await storedStatus(db, generation.id)) !== "completed") return "final";
	const applied = await applyMovement(
		db,
		{ id: `capture:${generation.id}`, userId: generation.userId, kind: "capture", amount: 0, reference: generation.id, now },
		[
			db
				.update(styles)
				.set({ generationCount: sql`${styles.generationCount} + 1` })
				.where(eq(styles.id, generation.styleId)),
			...(await earningStatements(db, generation, now)),
		],
	);
	if (applied === "applied") log("info", "generation completed", { generationId: generation.id, userId: generation.userId });
	await notifyOnce(db, {
		userId: generation.userId,
		kind: "generation_completed",
		title: "Your image is ready",
		body: `“${generation.prompt}” has been generated.`,
		params: { prompt: generation.prompt },
		link: `/generations/${generation.id}`,
		dedupeKey: `generation_completed:${generation.id}`,
		now,
	});
	return applied === "applied" ? "completed" : "duplicate";
}

/**
 * Fails a generation and refunds its held credits exactly once: the conditional move to
 * `failed` (never from `completed`), then for a failed generation the movement `refund:<id>`
 * (+cost), which the ledger's primary key lets apply once however often the failure is
 * reported (callbacks redelivered, the sweep and a callback racing). The user is told once
 * that it failed and once that the credits came back.
 */
export async function failGeneration(db: Db, generation: Generation, failure: GenerationFailure, now: Date): Promise<"failed" | "duplicate" | "final"> {
	await db
		.update(generations)
		.set({ status: "failed", errorCode: failure.code, errorMessage: failure.message, updatedAt: now.toISOString() })
		.where(and(eq(generations.id, generation.id), inArray(generations.status, [...OPEN_STATUSES])));
	if ((await storedStatus(db, generation.id)) !== "failed") return "final";
	const applied = await applyMovement(db, generationRefund(generation, now));
	if (applied === "applied") log("info", "generation failed and refunded", { generationId: generation.id, userId: generation.userId, code: failure.code });
	await notifyOnce(db, {
		userId: generation.userId,
		kind: "generation_failed",
		title: "Your image could not be generated",
		body: `“${generation.prompt}”: ${failure.message}`,
		params: { prompt: generation.prompt, reason: failure.message },
		link: `/generations/${generation.id}`,
		dedupeKey: `generation_failed:${generation.id}`,
		now,
	});
	await notifyOnce(db, {
		userId: generation.userId,
		kind: "credits_refunded",
		title: `${generation.costCredits} credits refunded`,
		body: "The credits held for a generation that failed are back in your balance.",
		params: { count: generation.costCredits },
		link: "/credits",
		dedupeKey: `credits_refunded:${generation.id}`,
		now,
	});
	return applied === "applied" ? "failed" : "duplicate";
}
