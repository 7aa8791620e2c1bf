import { and, gte, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { portraitJobs } from "../db/schema";

/** The funnel steps of /admin/portraits, in order. */
export const FUNNEL_STEPS = ["created", "paid", "phone", "uploaded", "completed", "failed"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
export type Funnel = Record<FunnelStep, number>;

/**
 * How many jobs created in [from, to) reached each step. Read from what a tombstone keeps
 * (status and times), so deleted jobs still count: `paid` has paid_at, `uploaded` has
 * uploaded_at, `completed` completed_at, `failed` the status; `phone` is a job that left
 * `pending_phone` after payment (an upload, a later status, or a refund for a photo that never
 * came after a number was given is read from the job still holding its number's last digits).
 */
export async function portraitFunnel(db: Db, from: Date, to: Date): Promise<Funnel> {
	const [row] = await db
		.select({
			created: sql<number>`count(*)`,
			paid: sql<number>`count(${portraitJobs.paidAt})`,
			phone: sql<number>`sum(case when ${portraitJobs.uploadedAt} is not null or ${portraitJobs.status} in ('pending_upload', 'processing', 'completed') or ${portraitJobs.phoneLast4} is not null then 1 else 0 end)`,
			uploaded: sql<number>`count(${portraitJobs.uploadedAt})`,
			completed: sql<number>`count(${portraitJobs.completedAt})`,
			failed: sql<number>`sum(case when ${portraitJobs.status} = 'failed' then 1 else 0 end)`,
		})
		.from(portraitJobs)
		.where(and(gte(portraitJobs.createdAt, from.toISOString()), lt(portraitJobs.createdAt, to.toISOString())));
	return {
		created: Number(row?.created ?? 0),
		paid: Number(row?.paid ?? 0),
		phone: Number(row?.phone ?? 0),
		uploaded: Number(row?.uploaded ?? 0),
		completed: Number(row?.completed ?? 0),
		failed: Number(row?.failed ?? 0),
	};
}
