import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { assets, projectRuns, projects, usageRecords, videoSlots } from "../../db/video-schema";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/ids";
import type { PipelineStep, RunScope, UsageResource } from "../../shared/video";
import { type CurrentPlan, currentPlan } from "../plans";

/** What a user has used in their plan's current period. */
export type PeriodUsage = {
	videosUsed: number;
	/** Usage rows' cost plus what open runs still hold in reserve. */
	costCents: number;
	savedByCacheCents: number;
	storageBytes: number;
};

/** Bytes a user keeps: their assets and every project's files. */
export async function storageBytesOf(db: Db, userId: string): Promise<number> {
	const [fromAssets, fromProjects] = await db.batch([
		db
			.select({ bytes: sql<number>`coalesce(sum(${assets.size}), 0)` })
			.from(assets)
			.where(eq(assets.userId, userId)),
		db
			.select({
				bytes: sql<number>`coalesce(sum(coalesce(${projects.voiceSize}, 0) + coalesce(${projects.videoSize}, 0) + coalesce(${projects.thumbnailSize}, 0)), 0)
					+ coalesce((select sum(s.image_size) from project_scenes s join projects p on p.id = s.project_id where p.user_id = ${userId}), 0)`,
			})
			.from(projects)
			.where(eq(projects.userId, userId)),
	]);
	return Number(fromAssets[0]?.bytes ?? 0) + Number(fromProjects[0]?.bytes ?? 0);
}

/** SQL for the cost a user has spent since `periodStart` plus what their open runs still reserve. */
function periodCostSql(userId: string, periodStart: string) {
	return sql<number>`(
		coalesce((select sum(cost_cents) from usage_records where user_id = ${userId} and created_at >= ${periodStart}), 0)
		+ coalesce((select sum(max(r.reserved_cents - coalesce((select sum(u.cost_cents) from usage_records u where u.run_id = r.id), 0), 0))
			from project_runs r where r.user_id = ${userId} and r.status in ('pending', 'processing')), 0)
	)`;
}

/** The user's usage in the period starting at `periodStart`. */
export async function periodUsage(db: Db, userId: string, periodStart: string): Promise<PeriodUsage> {
	const [videos, cost, saved] = await db.batch([
		db
			.select({ n: sql<number>`count(*)` })
			.from(videoSlots)
			.where(and(eq(videoSlots.userId, userId), eq(videoSlots.periodStart, periodStart))),
		db.select({ cents: periodCostSql(userId, periodStart) }).from(sql`(select 1)`),
		db
			.select({ cents: sql<number>`coalesce(sum(${usageRecords.savedCents}), 0)` })
			.from(usageRecords)
			.where(and(eq(usageRecords.userId, userId), gte(usageRecords.createdAt, periodStart))),
	]);
	return {
		videosUsed: Number(videos[0]?.n ?? 0),
		costCents: Number(cost[0]?.cents ?? 0),
		savedByCacheCents: Number(saved[0]?.cents ?? 0),
		storageBytes: await storageBytesOf(db, userId),
	};
}

/** `402 PLAN_LIMIT_REACHED`, naming the limit (`videos`, `cost`, `storage`, `channels`). */
export function planLimitReached(limit: "videos" | "cost" | "storage" | "channels", plan: CurrentPlan): AppError {
	const words = { videos: "videos this period", cost: "cost this period", storage: "storage", channels: "channels" }[limit];
	const error = new AppError(402, "PLAN_LIMIT_REACHED", `The ${plan.plan} plan's limit of ${words} is reached (limit: ${limit}); upgrade the plan to go on.`);
	error.details = { limit };
	return error;
}

/** What a new run asks for. */
export type RunReservation = {
	projectId: string;
	userId: string;
	scope: RunScope;
	firstStep: PipelineStep;
	reusedSteps: PipelineStep[];
	/** The estimated cost of the steps it will run, held against the cap until it ends. */
	estimateCents: number;
	/** Whether it composes a video (it then takes the project's video slot for the period, once). */
	composes: boolean;
};

/**
 * Opens a run after checking every limit of the user's plan, before anything is spent: storage
 * left, a video slot (once per project per period; a resumed run reuses its slot) and the cost
 * cap (spent + reserved by open runs + this estimate). The slot and the run are each taken by one
 * conditional statement, so concurrent runs cannot both pass a limit; a slot taken for a run the
 * cap then refuses is given back. Returns the run's id (the API's `job_id`).
 */
export async function reserveRun(db: Db, request: RunReservation, now: Date): Promise<string> {
	const plan = await currentPlan(db, request.userId, now);
	if ((await storageBytesOf(db, request.userId)) >= plan.limits.storageBytes) throw planLimitReached("storage", plan);
	let tookSlot = false;
	if (request.composes) {
		const videoLimit = plan.limits.videos ?? Number.MAX_SAFE_INTEGER;
		const taken = await db.run(sql`insert into video_slots (user_id, period_start, project_id)
			select ${request.userId}, ${plan.periodStart}, ${request.projectId}
			where (select count(*) from video_slots where user_id = ${request.userId} and period_start = ${plan.periodStart}) < ${videoLimit}
			on conflict do nothing`);
		tookSlot = taken.meta.changes > 0;
		if (!tookSlot) {
			const held = await db.query.videoSlots.findFirst({
				where: and(eq(videoSlots.userId, request.userId), eq(videoSlots.periodStart, plan.periodStart), eq(videoSlots.projectId, request.projectId)),
			});
			if (!held) throw planLimitReached("videos", plan);
		}
	}
	const id = newId("vjob");
	const at = now.toISOString();
	const opened =
		await db.run(sql`insert into project_runs (id, project_id, user_id, scope, status, first_step, current_step, progress, reused_steps, reserved_cents, created_at, updated_at)
		select ${id}, ${request.projectId}, ${request.userId}, ${request.scope}, 'pending', ${request.firstStep}, ${request.firstStep}, 0, ${JSON.stringify(request.reusedSteps)}, ${request.estimateCents}, ${at}, ${at}
		where ${periodCostSql(request.userId, plan.periodStart)} + ${request.estimateCents} <= ${plan.limits.costCents}`);
	if (opened.meta.changes === 0) {
		if (tookSlot) {
			await db
				.delete(videoSlots)
				.where(and(eq(videoSlots.userId, request.userId), eq(videoSlots.periodStart, plan.periodStart), eq(videoSlots.projectId, request.projectId)));
		}
		throw planLimitReached("cost", plan);
	}
	return id;
}

/** One provider call (or a cache hit in its place), priced by the caller with `costOf`. */
export type UsageRow = {
	userId: string;
	projectId: string | null;
	runId: string | null;
	resource: UsageResource;
	quantity: number;
	costCents: number;
	savedCents?: number;
	cacheHit?: boolean;
	/** Unique per call: the GPU job's id, or `cache:<run>:<item>` for a hit. */
	dedupeKey: string;
};

/** Records a usage row once per `dedupeKey`, however often it is called. Returns whether it was new. */
export async function recordUsage(db: Db, row: UsageRow, now: Date): Promise<boolean> {
	const inserted = await db
		.insert(usageRecords)
		.values({
			id: newId("use"),
			userId: row.userId,
			projectId: row.projectId,
			runId: row.runId,
			resource: row.resource,
			quantity: row.quantity,
			costCents: row.costCents,
			savedCents: row.savedCents ?? 0,
			cacheHit: row.cacheHit ?? false,
			dedupeKey: row.dedupeKey,
			createdAt: now.toISOString(),
		})
		.onConflictDoNothing({ target: usageRecords.dedupeKey })
		.returning({ id: usageRecords.id });
	return inserted.length > 0;
}

/** Ends a run's reservation: its actual cost is the sum of its usage rows. Only an open run moves. */
export async function settleRunCost(db: Db, runId: string, status: "completed" | "failed", now: Date): Promise<void> {
	const at = now.toISOString();
	await db
		.update(projectRuns)
		.set({
			status,
			costCents: sql`coalesce((select sum(cost_cents) from usage_records where run_id = ${runId}), 0)`,
			finishedAt: at,
			updatedAt: at,
		})
		.where(and(eq(projectRuns.id, runId), inArray(projectRuns.status, ["pending", "processing"])));
}
