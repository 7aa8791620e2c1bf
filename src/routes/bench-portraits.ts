import { count, isNotNull, sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { portraitImages, portraitJobs, portraitSurveys, smsLogs } from "../db/schema";
import { sha256Hex } from "../lib/hash";
import { validate } from "../lib/validate";
import { newJobKey, newPortraitJobId, PORTRAIT_TTL_MS } from "../portraits/jobs";
import { phoneHash, sealPhone } from "../portraits/phone-seal";
import { benchOnly } from "./bench-baseline";

const SeedBody = z.strictObject({
	count: z.int().min(1).max(2_000),
	/** Expiries spread over this many minutes before now, as jobs pile up between two cron runs. */
	spread_minutes: z.int().min(0).max(60).default(5),
});

/** Jobs per D1 batch: a statement binds at most 100 parameters, and a job row has 17. */
const ROWS_PER_BATCH = 5;
const PHOTO = new Uint8Array(4_096).fill(0x5a);

/**
 * `bench/portraits.ts`'s fixtures (only under {@link benchOnly}): expired jobs holding everything
 * personal a completed job holds (sealed number and hash, photo and three portraits in R2, an SMS
 * log row with the masked number, a survey comment), and the deletion's progress over them.
 */
export const benchPortraits = new Hono<AppEnv>()
	.use(benchOnly)
	.post("/expired", validate("json", SeedBody), async (c) => {
		const deps = c.var.deps.portraits;
		const { count: wanted, spread_minutes } = c.req.valid("json");
		const now = deps.now().getTime();
		for (let start = 0; start < wanted; start += ROWS_PER_BATCH) {
			const jobs = await Promise.all(
				Array.from({ length: Math.min(ROWS_PER_BATCH, wanted - start) }, async () => {
					const id = newPortraitJobId();
					const created = new Date(now - PORTRAIT_TTL_MS - Math.floor(Math.random() * spread_minutes * 60_000));
					const sealed = await sealPhone(deps.keys.phoneSeal, "+821012345678", id);
					const keys = [`portraits/${id}/photo-bench.jpg`, ...[0, 1, 2].map((i) => `portraits/${id}/portrait-bench-${i}.png`)];
					await Promise.all(keys.map((key) => deps.files.put(key, PHOTO)));
					return { id, created, sealed, keys, hash: await phoneHash(deps.keys.phoneHash, id, "+821012345678"), keyHash: await sha256Hex(newJobKey()) };
				}),
			);
			await deps.db.batch([
				deps.db.insert(portraitJobs).values(
					jobs.map((job) => ({
						id: job.id,
						status: "completed" as const,
						keyHash: job.keyHash,
						priceCents: deps.config.priceCents,
						currency: deps.config.currency,
						provider: "local",
						phoneCiphertext: job.sealed.ciphertext,
						phoneKeyId: job.sealed.kid,
						phoneHash: job.hash,
						phoneLast4: "5678",
						photoKey: job.keys[0],
						report: "{}",
						createdAt: job.created.toISOString(),
						expiresAt: new Date(job.created.getTime() + PORTRAIT_TTL_MS).toISOString(),
						completedAt: job.created.toISOString(),
					})),
				),
				deps.db
					.insert(portraitImages)
					.values(
						jobs.flatMap((job) =>
							job.keys.slice(1).map((r2Key, position) => ({ jobId: job.id, position, r2Key, contentType: "image/png", size: PHOTO.length })),
						),
					),
				deps.db.insert(smsLogs).values(
					jobs.map((job) => ({
						id: `sms_${crypto.randomUUID()}`,
						jobId: job.id,
						purpose: "portrait_ready" as const,
						provider: "log",
						recipientMasked: "010-****-5678",
						body: "bench",
						attempt: 1,
						outcome: "accepted" as const,
					})),
				),
				deps.db.insert(portraitSurveys).values(jobs.map((job) => ({ jobId: job.id, rating: 5, comment: "bench comment" }))),
			]);
		}
		return c.json({ seeded: wanted }, 201);
	})
	.get("/deletion", async (c) => {
		const { db, files } = c.var.deps.portraits;
		const [totals] = await db
			.select({
				total: count(),
				deleted: count(portraitJobs.deletedAt),
				// Julian days to milliseconds: the longest any job's personal data lived.
				maxAgeMs: sql<number | null>`max((julianday(${portraitJobs.deletedAt}) - julianday(${portraitJobs.createdAt})) * 86400000.0)`,
			})
			.from(portraitJobs);
		const [personal] = await db
			.select({ phones: count(portraitJobs.phoneHash) })
			.from(portraitJobs)
			.where(isNotNull(portraitJobs.deletedAt));
		let objects = 0;
		let cursor: string | undefined;
		do {
			const page = await files.list({ prefix: "portraits/", cursor, limit: 1_000 });
			objects += page.objects.length;
			cursor = page.truncated ? page.cursor : undefined;
		} while (cursor);
		return c.json({
			total: totals?.total ?? 0,
			deleted: totals?.deleted ?? 0,
			max_age_ms: totals?.maxAgeMs ?? null,
			deleted_still_holding_phone: personal?.phones ?? 0,
			r2_objects: objects,
		});
	});
