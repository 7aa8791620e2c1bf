import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { products, stageRuns } from "../db/schema";
import { newId } from "../lib/ids";
import { errorMessage, log } from "../lib/log";
import type { PipelineStage, ProductStatus } from "../shared/product";
import type { PipelineDeps } from "./deps";
import type { FactoryMessage } from "./messages";
import { notifyProductListeners } from "./product-listeners";
import type { Stage } from "./stage";
import { generateStage } from "./stages/generate";
import { packageStage } from "./stages/package";
import { publishStage } from "./stages/publish";
import { qa1Stage } from "./stages/qa1";
import { qa2Stage } from "./stages/qa2";

const STAGES: Record<PipelineStage, Stage> = {
	generate: generateStage,
	qa1: qa1Stage,
	package: packageStage,
	qa2: qa2Stage,
	publish: publishStage,
};

/** The status a product shows while a stage runs, where the state machine has one. */
const RUNNING_STATUS: Partial<Record<PipelineStage, ProductStatus>> = {
	generate: "GENERATING",
	package: "PACKAGING",
};

/** How long a claimed stage may run before another delivery may take it over. */
export const STAGE_LEASE_MS = 5 * 60_000;

/** How long enqueueing the next stage may take before the sweep is left to do it. */
const SEND_TIMEOUT_MS = 15_000;

/** What the queue consumer does with the message after a run. */
export type StageDisposition = { action: "ack" } | { action: "retry"; delaySeconds: number };

/**
 * Runs one stage message exactly once in effect. The product row is the gate: the message must
 * match its pending stage and attempt, and a lease keeps a concurrent duplicate out. Anything
 * else is a stale or duplicate delivery and is acknowledged without touching state.
 */
export async function runStageMessage(deps: PipelineDeps, msg: FactoryMessage, delivery: number): Promise<StageDisposition> {
	const { db } = deps;
	const now = deps.now();
	const token = newId("run");
	const running = RUNNING_STATUS[msg.stage];
	const matchesMessage = and(
		eq(products.id, msg.productId),
		eq(products.version, msg.version),
		eq(products.pendingStage, msg.stage),
		eq(products.pendingAttempt, msg.attempt),
	);
	const [claimed] = await db
		.update(products)
		.set({ leaseToken: token, leaseUntil: now.getTime() + STAGE_LEASE_MS, ...(running ? { status: running, updatedAt: now.toISOString() } : {}) })
		.where(and(matchesMessage, or(isNull(products.leaseUntil), lt(products.leaseUntil, now.getTime()))))
		.returning();

	if (!claimed) {
		const current = await db.query.products.findFirst({ where: matchesMessage });
		if (current?.leaseUntil) {
			// Another delivery holds the stage right now: come back when its lease ends.
			return { action: "retry", delaySeconds: Math.max(1, Math.ceil((current.leaseUntil - now.getTime()) / 1000)) };
		}
		log("info", "stage message skipped: not pending", { ...msg, delivery });
		return { action: "ack" };
	}

	await db.insert(stageRuns).values({
		id: token,
		productId: msg.productId,
		version: msg.version,
		stage: msg.stage,
		attempt: msg.attempt,
		delivery,
		outcome: "running",
		startedAt: now.toISOString(),
	});
	const ownsLease = and(eq(products.id, msg.productId), eq(products.leaseToken, token));

	try {
		const result = await STAGES[msg.stage](deps, claimed, msg);
		const finishedAt = deps.now().toISOString();
		const statements: BatchItem<"sqlite">[] = [
			...(result.writes ?? []),
			db
				.update(stageRuns)
				.set({ outcome: result.outcome, error: result.error ?? null, finishedAt })
				.where(eq(stageRuns.id, token)),
			db
				.update(products)
				.set({
					...result.patch,
					status: result.status,
					pendingStage: result.next?.stage ?? null,
					pendingAttempt: result.next?.attempt ?? 0,
					failedStage: result.failedStage ?? null,
					lastError: result.error ?? null,
					leaseToken: null,
					leaseUntil: null,
					updatedAt: finishedAt,
				})
				.where(ownsLease)
				.returning({ id: products.id }),
		];
		const results = await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
		// The product row moved only if this run still held the lease: a lost lease wrote nothing.
		const moved = (results.at(-1) as unknown[] | undefined)?.length === 1;
		log("info", "stage finished", {
			...msg,
			delivery,
			outcome: result.outcome,
			status: result.status,
			next: result.next?.stage ?? null,
			durationMs: Date.parse(finishedAt) - now.getTime(),
		});
		if (result.next) await enqueueNext(deps, msg, result.next.stage, result.next.attempt);
		if (moved && result.status === "PUBLISHED" && claimed.status !== "PUBLISHED") await notifyProductListeners(deps, msg.productId, "published");
		return { action: "ack" };
	} catch (err) {
		const error = errorMessage(err);
		log("error", "stage threw", { ...msg, delivery, error });
		await db.batch([
			db.update(stageRuns).set({ outcome: "error", error, finishedAt: deps.now().toISOString() }).where(eq(stageRuns.id, token)),
			db
				.update(products)
				.set({ leaseToken: null, leaseUntil: null, lastError: `${msg.stage}: ${error}`, updatedAt: deps.now().toISOString() })
				.where(ownsLease),
		]);
		return { action: "retry", delaySeconds: retryDelaySeconds(deps.config.retryBaseSeconds, delivery) };
	}
}

/** Exponential backoff for a stage that threw, capped at 10 minutes. */
export function retryDelaySeconds(baseSeconds: number, delivery: number): number {
	return Math.min(600, baseSeconds * 2 ** Math.max(0, delivery - 1));
}

async function enqueueNext(deps: PipelineDeps, msg: FactoryMessage, stage: PipelineStage, attempt: number): Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	try {
		// A send that never answers must not hold the whole consumer batch hostage: give up after
		// a while and let the sweep re-send.
		await Promise.race([
			deps.queue.send({ productId: msg.productId, version: msg.version, stage, attempt }),
			new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error("queue send timed out")), SEND_TIMEOUT_MS);
			}),
		]);
	} catch (err) {
		// The state is committed; the scheduled sweep re-sends the pending stage of a quiet product.
		log("error", "could not enqueue next stage", { ...msg, next: stage, error: errorMessage(err) });
	} finally {
		clearTimeout(timer);
	}
}
