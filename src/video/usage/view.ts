import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { usageRecords } from "../../db/video-schema";
import { UsageResource } from "../../shared/video";
import { type CurrentPlan, currentPlan } from "../plans";
import { type PeriodUsage, periodUsage } from "./meter";

/** A user's plan and what they used of it in its period: `GET /api/usage` exactly as API.md. */
export type UsageView = {
	plan: CurrentPlan["plan"];
	period_start: string;
	videos_used: number;
	/** `null`: unlimited. */
	videos_limit: number | null;
	cost_cents: number;
	cost_limit_cents: number;
	storage_bytes: number;
	storage_limit_bytes: number;
	saved_by_cache_cents: number;
};

export function usageView(plan: CurrentPlan, usage: PeriodUsage): UsageView {
	return {
		plan: plan.plan,
		period_start: plan.periodStart,
		videos_used: usage.videosUsed,
		videos_limit: plan.limits.videos,
		cost_cents: usage.costCents,
		cost_limit_cents: plan.limits.costCents,
		storage_bytes: usage.storageBytes,
		storage_limit_bytes: plan.limits.storageBytes,
		saved_by_cache_cents: usage.savedByCacheCents,
	};
}

/** The user's plan now and their usage in its period. */
export async function userUsage(db: Db, userId: string, now: Date): Promise<{ plan: CurrentPlan; usage: PeriodUsage }> {
	const plan = await currentPlan(db, userId, now);
	return { plan, usage: await periodUsage(db, userId, plan.periodStart) };
}

/** One resource's calls this period: provider calls, cache hits, what they cost and what the hits saved. */
export type ResourceUsage = { resource: UsageResource; calls: number; cache_hits: number; quantity: number; cost_cents: number; saved_cents: number };
/** One calendar month's cost (UTC), `YYYY-MM`. */
export type MonthCost = { month: string; cost_cents: number; saved_cents: number };

/** The first instant of the calendar month `back` months before `now`'s (UTC). */
function monthsBack(now: Date, back: number): string {
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString();
}

/**
 * `GET /api/usage/breakdown`: per resource in the plan's period (every resource listed, zeros
 * included), and the cost of each of the last `months` calendar months (oldest first, the
 * current one included, months without usage as zero).
 */
export async function usageBreakdown(db: Db, userId: string, periodStart: string, now: Date, months = 6) {
	const from = monthsBack(now, months - 1);
	const [byResource, byMonth] = await db.batch([
		db
			.select({
				resource: usageRecords.resource,
				calls: sql<number>`sum(case when ${usageRecords.cacheHit} then 0 else 1 end)`,
				hits: sql<number>`sum(case when ${usageRecords.cacheHit} then 1 else 0 end)`,
				quantity: sql<number>`coalesce(sum(${usageRecords.quantity}), 0)`,
				cost: sql<number>`coalesce(sum(${usageRecords.costCents}), 0)`,
				saved: sql<number>`coalesce(sum(${usageRecords.savedCents}), 0)`,
			})
			.from(usageRecords)
			.where(and(eq(usageRecords.userId, userId), gte(usageRecords.createdAt, periodStart)))
			.groupBy(usageRecords.resource),
		db
			.select({
				month: sql<string>`substr(${usageRecords.createdAt}, 1, 7)`,
				cost: sql<number>`coalesce(sum(${usageRecords.costCents}), 0)`,
				saved: sql<number>`coalesce(sum(${usageRecords.savedCents}), 0)`,
			})
			.from(usageRecords)
			.where(and(eq(usageRecords.userId, userId), gte(usageRecords.createdAt, from)))
			.groupBy(sql`substr(${usageRecords.createdAt}, 1, 7)`)
			.orderBy(desc(sql`substr(${usageRecords.createdAt}, 1, 7)`)),
	]);
	const resources: ResourceUsage[] = UsageResource.options.map((resource) => {
		const row = byResource.find((r) => r.resource === resource);
		return {
			resource,
			calls: Number(row?.calls ?? 0),
			cache_hits: Number(row?.hits ?? 0),
			quantity: Number(row?.quantity ?? 0),
			cost_cents: Number(row?.cost ?? 0),
			saved_cents: Number(row?.saved ?? 0),
		};
	});
	const monthly: MonthCost[] = Array.from({ length: months }, (_, i) => {
		const month = monthsBack(now, months - 1 - i).slice(0, 7);
		const row = byMonth.find((r) => r.month === month);
		return { month, cost_cents: Number(row?.cost ?? 0), saved_cents: Number(row?.saved ?? 0) };
	});
	return { period_start: periodStart, resources, months: monthly };
}
