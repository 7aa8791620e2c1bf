import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { userPlans } from "../db/video-schema";
import type { PlanName } from "../shared/video";

/** A plan's limits per period; `null` is unlimited (as `/api/usage` shows it). */
export type PlanLimits = { videos: number | null; channels: number | null; storageBytes: number; costCents: number };

const GB = 1024 ** 3;

/** The plans, exactly as the specification's table (docs/video.md "Plans"). */
export const PLAN_LIMITS: Record<PlanName, PlanLimits> = {
	free: { videos: 5, channels: 1, storageBytes: 1 * GB, costCents: 500 },
	basic: { videos: 30, channels: 3, storageBytes: 10 * GB, costCents: 2_000 },
	standard: { videos: 100, channels: 10, storageBytes: 50 * GB, costCents: 5_000 },
	professional: { videos: null, channels: null, storageBytes: 200 * GB, costCents: 20_000 },
};

/** A user's plan as it stands at a moment, and the period its videos and cost are counted in. */
export type CurrentPlan = {
	plan: PlanName;
	limits: PlanLimits;
	periodStart: string;
	expiresAt: string | null;
	source: "free" | "admin" | "pass" | "subscription";
};

/** The first instant of `now`'s calendar month, UTC. */
export function monthStart(now: Date): string {
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
}

/** A pass's periods are 30 days each, from when it was paid: a pass bought twice (60 days) counts two periods. */
export const PASS_PERIOD_MS = 30 * 86_400_000;

/** The start of the 30-day period of a pass (paid at `paidAt`) that `now` falls in. */
function passPeriodStart(paidAt: string, now: Date): string {
	const start = Date.parse(paidAt);
	const periods = Math.max(0, Math.floor((now.getTime() - start) / PASS_PERIOD_MS));
	return new Date(start + periods * PASS_PERIOD_MS).toISOString();
}

/**
 * The user's plan now: a row of `user_plans` that has not lapsed, else `free`. A subscription's
 * period starts when it was paid or renewed (each invoice moves it); a pass counts 30-day periods
 * from when it was paid; `free` and an admin's open-ended plan count by calendar month (UTC).
 */
export async function currentPlan(db: Db, userId: string, now: Date): Promise<CurrentPlan> {
	const row = await db.query.userPlans.findFirst({ where: eq(userPlans.userId, userId) });
	const at = now.toISOString();
	if (row && (row.expiresAt === null || row.expiresAt > at)) {
		const periodStart = row.expiresAt === null ? monthStart(now) : row.source === "pass" ? passPeriodStart(row.periodStart, now) : row.periodStart;
		return { plan: row.plan, limits: PLAN_LIMITS[row.plan], periodStart, expiresAt: row.expiresAt, source: row.source };
	}
	return { plan: "free", limits: PLAN_LIMITS.free, periodStart: monthStart(now), expiresAt: null, source: "free" };
}
