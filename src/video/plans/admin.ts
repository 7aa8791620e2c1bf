import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { userPlans } from "../../db/video-schema";
import { AppError } from "../../lib/errors";
import { log } from "../../lib/log";
import type { PlanName } from "../../shared/video";
import { type CurrentPlan, currentPlan, monthStart } from "../plans";

/**
 * The admin sets a user's plan: `free` removes their plan row (a bought pass or subscription
 * included: the admin's word wins), any other plan replaces it as an admin plan, until
 * `expiresAt` or, without it, until changed (counted by calendar month). The period of an admin
 * plan with an end starts now.
 */
export async function setUserPlan(db: Db, userId: string, plan: PlanName, expiresAt: string | null, now: Date): Promise<CurrentPlan> {
	const user = await db.query.users.findFirst({ columns: { id: true }, where: eq(users.id, userId) });
	if (!user) throw new AppError(404, "NOT_FOUND", "No such user.");
	const at = now.toISOString();
	if (expiresAt !== null && expiresAt <= at) throw new AppError(400, "VALIDATION_FAILED", "expires_at must be in the future.");
	if (plan === "free") {
		await db.delete(userPlans).where(eq(userPlans.userId, userId));
	} else {
		const row = { plan, source: "admin" as const, periodStart: expiresAt === null ? monthStart(now) : at, expiresAt, subscriptionId: null, updatedAt: at };
		await db
			.insert(userPlans)
			.values({ userId, ...row })
			.onConflictDoUpdate({ target: userPlans.userId, set: row });
	}
	log("info", "plan set by an admin", { userId, plan, until: expiresAt ?? "open" });
	return currentPlan(db, userId, now);
}

/** Users with their plan row (if any), newest first, for the admin page. */
export async function usersWithPlans(db: Db, limit = 100) {
	return db
		.select({
			id: users.id,
			email: users.email,
			nickname: users.nickname,
			plan: userPlans.plan,
			source: userPlans.source,
			expiresAt: userPlans.expiresAt,
			createdAt: users.createdAt,
		})
		.from(users)
		.leftJoin(userPlans, eq(userPlans.userId, users.id))
		.orderBy(desc(sql`${userPlans.updatedAt} is not null`), desc(users.createdAt))
		.limit(limit);
}
