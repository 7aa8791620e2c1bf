import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { portraitImages, portraitJobs, portraitRecommendations } from "../../src/db/schema";
import { erasePersonalData } from "../../src/portraits/erase";
import type { GpuJobView } from "../../src/shared/gpu-jobs";
import { jobView, seedMirror, setGatewayJob, takeGatewayDown } from "../support/gpu-helpers";
import { testAppDeps } from "../support/helpers";
import { createPaidPortraitJob, portraitRow, uploadPhoto, withPhone } from "../support/portrait-helpers";

const db = () => getDb(env.DB);

/** A job past the photo step holding everything erasure must remove: objects, rows, columns, two gateway jobs. */
async function fullJob(portraitStatus: GpuJobView["status"], reportStatus: GpuJobView["status"]) {
	const job = await uploadPhoto(await withPhone(await createPaidPortraitJob()));
	const artifact = { name: "portrait-0.png", sha256: "a".repeat(64), size: 10, content_type: "image/png" };
	const portrait = jobView({ kind: "portrait.generate", status: portraitStatus, owner: { type: "portrait", id: job.id }, artifacts: [artifact] });
	const report = jobView({ kind: "llm.text", status: reportStatus, owner: { type: "portrait", id: job.id }, artifacts: [] });
	for (const view of [portrait, report]) {
		await setGatewayJob(view);
		await seedMirror(view);
	}
	for (let i = 0; i < 3; i++) {
		const key = `portraits/${job.id}/portrait-${i}-${crypto.randomUUID()}.png`;
		await env.FILES.put(key, new Uint8Array([i]));
		await db().insert(portraitImages).values({ jobId: job.id, position: i, r2Key: key, contentType: "image/png", size: 1 });
	}
	const code = (await db().query.knowledgeBase.findFirst())?.code;
	if (code) await db().insert(portraitRecommendations).values({ jobId: job.id, code, position: 0 });
	await db()
		.update(portraitJobs)
		.set({ portraitJobId: portrait.id, reportJobId: report.id, report: '{"summary":"private"}' })
		.where(eq(portraitJobs.id, job.id));
	return { job, portrait, report };
}

describe("erasePersonalData", () => {
	it("deletes the job's R2 objects, rows and personal columns, and the gateway's copies (a live job cancelled first); idempotent", async () => {
		const { job, portrait, report } = await fullJob("succeeded", "running");
		// The photo and the three portraits (processing, running meanwhile, may add its own).
		expect((await env.FILES.list({ prefix: `portraits/${job.id}/` })).objects.length).toBeGreaterThanOrEqual(4);
		const deps = await testAppDeps();
		const row = await portraitRow(job.id);
		if (!row) throw new Error("no job");

		await erasePersonalData(deps.portraits, row);
		expect((await env.FILES.list({ prefix: `portraits/${job.id}/` })).objects).toHaveLength(0);
		expect(await db().query.portraitImages.findMany({ where: eq(portraitImages.jobId, job.id) })).toHaveLength(0);
		expect(await db().query.portraitRecommendations.findMany({ where: eq(portraitRecommendations.jobId, job.id) })).toHaveLength(0);
		const after = await portraitRow(job.id);
		expect(after).toMatchObject({ phoneCiphertext: null, phoneKeyId: null, phoneHash: null, phoneLast4: null, photoKey: null, report: null });
		// The payment record and the tombstone's fields stay.
		expect(after).toMatchObject({ id: job.id, status: row.status, paymentIntentId: row.paymentIntentId, priceCents: 9900, provider: "local" });
		expect((await deps.gpu.gateway.getJob(portrait.id)).artifacts).toEqual([]);
		expect(await deps.gpu.gateway.getJob(report.id)).toMatchObject({ status: "canceled", artifacts: [] });

		await erasePersonalData(deps.portraits, row);
		expect(await portraitRow(job.id)).toEqual(after);
	});

	it("also purges an earlier attempt's gateway job and the copies a crashed step left in gpu-inputs/ and gpu/", async () => {
		const { job, portrait } = await fullJob("succeeded", "succeeded");
		// A first attempt the job row no longer names, which saw the photo too.
		const artifact = { name: "portrait-1.png", sha256: "c".repeat(64), size: 10, content_type: "image/png" };
		const earlier = jobView({ kind: "portrait.generate", status: "failed", owner: { type: "portrait", id: job.id }, artifacts: [artifact] });
		await setGatewayJob(earlier);
		await seedMirror(earlier);
		const leftovers = [`gpu-inputs/portrait/${job.id}/${"b".repeat(64)}`, `gpu/${portrait.id}/portrait-0.png`, `gpu/${earlier.id}/portrait-1.png`];
		for (const key of leftovers) await env.FILES.put(key, new Uint8Array([1]));
		const deps = await testAppDeps();
		const row = await portraitRow(job.id);
		if (!row) throw new Error("no job");

		await erasePersonalData(deps.portraits, row);
		for (const key of leftovers) expect(await env.FILES.head(key), key).toBeNull();
		expect((await deps.gpu.gateway.getJob(earlier.id)).artifacts).toEqual([]);
	});

	it("treats a gateway job the gateway does not know as holding nothing", async () => {
		const job = await createPaidPortraitJob();
		await db()
			.update(portraitJobs)
			.set({ portraitJobId: `job_${crypto.randomUUID().replaceAll("-", "")}` })
			.where(eq(portraitJobs.id, job.id));
		const row = await portraitRow(job.id);
		if (!row) throw new Error("no job");
		await expect(erasePersonalData((await testAppDeps()).portraits, row)).resolves.toBeUndefined();
	});

	it("throws when the gateway cannot purge, after erasing everything else, so the caller retries", async () => {
		const { job, portrait } = await fullJob("succeeded", "succeeded");
		await takeGatewayDown(portrait.id);
		const row = await portraitRow(job.id);
		if (!row) throw new Error("no job");
		await expect(erasePersonalData((await testAppDeps()).portraits, row)).rejects.toThrow(portrait.id);
		expect((await env.FILES.list({ prefix: `portraits/${job.id}/` })).objects).toHaveLength(0);
		expect(await portraitRow(job.id)).toMatchObject({ phoneHash: null, photoKey: null });
	});
});
