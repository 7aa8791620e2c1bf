import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "../../src/db/client";
import { portraitJobs } from "../../src/db/schema";
import { payLocally } from "./commerce-helpers";
import { api } from "./helpers";
import { filesForm } from "./image-fixtures";
import { photoJpeg } from "./photo-fixtures";

/** A portrait job as the tests hold it: its id, the key shown once, and the local checkout session. */
export type TestPortraitJob = { id: string; key: string; checkoutUrl: string; sessionId: string };

/** The job's row as stored. */
export async function portraitRow(jobId: string) {
	return getDb(env.DB).query.portraitJobs.findFirst({ where: eq(portraitJobs.id, jobId) });
}

/** A path under `/api/portraits/<id>` with the job key as `?key=`. */
export function portraitPath(job: Pick<TestPortraitJob, "id" | "key">, step: string): string {
	return `/api/portraits/${job.id}/${step}?key=${encodeURIComponent(job.key)}`;
}

/** `POST /api/portraits` from a client of its own (so the checkout rate limit is not shared between tests): a `pending_payment` job. */
export async function createPortraitJob(options: { locale?: "ko" | "en"; ip?: string } = {}): Promise<TestPortraitJob> {
	const ip = options.ip ?? `198.51.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
	const res = await api("/api/portraits", {
		method: "POST",
		auth: null,
		headers: { "CF-Connecting-IP": ip },
		json: options.locale ? { locale: options.locale } : {},
	});
	expect(res.status).toBe(201);
	const body = (await res.json()) as { job: { id: string; status: string }; job_key: string; checkout_url: string };
	expect(body.job.status).toBe("pending_payment");
	return { id: body.job.id, key: body.job_key, checkoutUrl: body.checkout_url, sessionId: body.checkout_url.split("/local-pay/")[1] ?? "" };
}

/** Creates a job and pays it on the local provider's page (a signed `checkout.session.completed` through the webhook): `pending_phone`. */
export async function createPaidPortraitJob(options: { locale?: "ko" | "en"; ip?: string } = {}): Promise<TestPortraitJob> {
	const job = await createPortraitJob(options);
	await payLocally(job.sessionId);
	expect((await portraitRow(job.id))?.status).toBe("pending_phone");
	return job;
}

/** Leaves a phone number (default `010-1234-5678`): `pending_upload`. */
export async function withPhone<T extends TestPortraitJob>(job: T, phone = "010-1234-5678"): Promise<T> {
	const res = await api(portraitPath(job, "phone"), { method: "POST", auth: null, json: { phone } });
	expect(res.status).toBe(200);
	return job;
}

/** A 3:4 JPEG the photo step accepts (768×1024, with EXIF and GPS to strip). */
export function portraitPhoto(width = 768, height = 1024): Uint8Array {
	return photoJpeg({ width, height });
}

/** `POST /api/portraits/<id>/photo` with `bytes` as the multipart `file`; the response as it came. */
export function postPhoto(job: Pick<TestPortraitJob, "id" | "key">, bytes: Uint8Array, name = "photo.jpg"): Promise<Response> {
	return api(portraitPath(job, "photo"), { method: "POST", auth: null, body: filesForm("file", [{ name, bytes }]) });
}

/** Uploads a photo (default {@link portraitPhoto}) and expects `202 processing`. */
export async function uploadPhoto<T extends TestPortraitJob>(job: T, bytes: Uint8Array = portraitPhoto()): Promise<T> {
	const res = await postPhoto(job, bytes);
	expect(res.status).toBe(202);
	return job;
}
