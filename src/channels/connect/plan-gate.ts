import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { channels } from "../../db/channels-schema";
import type { Db } from "../../db/client";
import { currentPlan } from "../../video/plans";
import { planLimitReached } from "../../video/usage/meter";

/** The statuses that hold one of the plan's channel slots: a `needs_reauth` channel is still the user's. */
const HOLDING = ["connected", "needs_reauth"] as const;

/** How many video channels hold a slot of the user's plan, leaving out `except` (the channel being connected again). */
export async function videoChannelsHeld(db: Db, userId: string, except: string | null = null): Promise<number> {
	const [row] = await db
		.select({ count: sql<number>`count(*)` })
		.from(channels)
		.where(
			and(
				eq(channels.ownerKey, userId),
				eq(channels.kind, "video"),
				inArray(channels.status, [...HOLDING]),
				except === null ? undefined : ne(channels.id, except),
			),
		);
	return Number(row?.count ?? 0);
}

/**
 * `402 PLAN_LIMIT_REACHED` (`details.limit = "channels"`) when the user's plan has no video
 * channel slot left; `except` is a channel of theirs being connected again, which keeps its slot.
 */
export async function assertChannelSlot(db: Db, userId: string, now: Date, except: string | null = null): Promise<void> {
	const plan = await currentPlan(db, userId, now);
	if (plan.limits.channels === null) return;
	if ((await videoChannelsHeld(db, userId, except)) >= plan.limits.channels) throw planLimitReached("channels", plan);
}

/** The user's video channels against their plan's limit (null = unlimited), for the channels page. */
export async function channelAllowance(db: Db, userId: string, now: Date): Promise<{ used: number; limit: number | null }> {
	const [plan, used] = await Promise.all([currentPlan(db, userId, now), videoChannelsHeld(db, userId)]);
	return { used, limit: plan.limits.channels };
}
