import { and, eq } from "drizzle-orm";
import { portraitJobs } from "../db/schema";
import { log } from "../lib/log";
import { portraitPhotoKey } from "../r2/keys";
import type { PortraitDeps } from "./deps";
import { invalidState, type PortraitJob, portraitJobView } from "./jobs";
import { lastFour, normalizeKoreanMobile } from "./phone";
import { phoneHash, sealPhone } from "./phone-seal";
import { checkPortraitPhoto } from "./photo-check";

/** The job with its progress (percent and step, written by processing), as `GET /status` shows it. */
export function portraitStatusView(job: PortraitJob) {
	return { ...portraitJobView(job), progress: { percent: job.progressPercent, step: job.progressStep } };
}

/**
 * Step 4: the person's number. Only from `pending_phone` (`409 INVALID_STATE` naming the status
 * otherwise); any usual Korean mobile form is normalised to E.164, anything else is
 * `422 INVALID_PHONE` and stores nothing. Stored sealed (AES-GCM, bound to the job), as a keyed
 * hash for the result page's check, and as its last four digits for the masked admin view; the
 * move to `pending_upload` is one conditional update, so two submissions cannot both land.
 */
export async function submitPhone(deps: PortraitDeps, job: PortraitJob, phone: string): Promise<PortraitJob> {
	if (job.status !== "pending_phone") throw invalidState(job);
	const e164 = normalizeKoreanMobile(phone);
	const sealed = await sealPhone(deps.keys.phoneSeal, e164, job.id);
	const [moved] = await deps.db
		.update(portraitJobs)
		.set({
			status: "pending_upload",
			phoneCiphertext: sealed.ciphertext,
			phoneKeyId: sealed.kid,
			phoneHash: await phoneHash(deps.keys.phoneHash, job.id, e164),
			phoneLast4: lastFour(e164),
		})
		.where(and(eq(portraitJobs.id, job.id), eq(portraitJobs.status, "pending_phone")))
		.returning();
	if (!moved) throw invalidState(await currentJob(deps, job));
	log("info", "portrait phone recorded", { jobId: job.id });
	return moved;
}

/**
 * Step 5: the photo. Only from `pending_upload`. The bytes are checked and stripped of metadata
 * (src/portraits/photo-check.ts) before anything is stored: a refused photo leaves no object and
 * no change. The photo goes to `portraits/<jobId>/photo-<random>.<ext>`, then one conditional
 * update moves the job to `processing`; if another upload won the race, this one's object is
 * deleted again. Then the `process` message starts the work.
 */
export async function submitPhoto(deps: PortraitDeps, job: PortraitJob, bytes: Uint8Array): Promise<PortraitJob> {
	if (job.status !== "pending_upload") throw invalidState(job);
	const photo = checkPortraitPhoto(bytes);
	const key = portraitPhotoKey(job.id, photo.extension);
	await deps.files.put(key, photo.bytes, { httpMetadata: { contentType: photo.contentType } });
	const [moved] = await deps.db
		.update(portraitJobs)
		.set({ status: "processing", photoKey: key, uploadedAt: deps.now().toISOString(), progressPercent: 0, progressStep: null })
		.where(and(eq(portraitJobs.id, job.id), eq(portraitJobs.status, "pending_upload")))
		.returning();
	if (!moved) {
		await deps.files.delete(key);
		throw invalidState(await currentJob(deps, job));
	}
	await deps.queue.send({ kind: "process", jobId: job.id });
	log("info", "portrait photo uploaded", { jobId: job.id, type: photo.type, width: photo.displayWidth, height: photo.displayHeight, size: photo.bytes.length });
	return moved;
}

async function currentJob(deps: PortraitDeps, job: PortraitJob): Promise<PortraitJob> {
	return (await deps.db.query.portraitJobs.findFirst({ where: eq(portraitJobs.id, job.id) })) ?? job;
}
