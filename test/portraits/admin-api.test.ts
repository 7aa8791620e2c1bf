import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { portraitJobs, smsLogs } from "../../src/db/schema";
import { sha256Hex } from "../../src/lib/hash";
import { newJobKey, newPortraitJobId } from "../../src/portraits/jobs";
import { api, type ErrorBody } from "../support/helpers";

type AdminJob = { id: string; status: string; phone: string | null; created_at: string; expires_at: string };

/** A completed job with a sealed number and one accepted SMS, written straight to D1. */
async function completedJob() {
	const id = newPortraitJobId();
	const created = new Date();
	await getDb(env.DB)
		.insert(portraitJobs)
		.values({
			id,
			status: "completed",
			keyHash: await sha256Hex(newJobKey()),
			priceCents: 9900,
			currency: "krw",
			provider: "local",
			phoneCiphertext: "c2VhbGVkLW51bWJlcg",
			phoneKeyId: "kid000000000",
			phoneHash: "f".repeat(64),
			phoneLast4: "5678",
			createdAt: created.toISOString(),
			expiresAt: new Date(created.getTime() + 24 * 3_600_000).toISOString(),
		});
	await getDb(env.DB)
		.insert(smsLogs)
		.values({
			id: `sms_${crypto.randomUUID()}`,
			jobId: id,
			purpose: "portrait_ready",
			provider: "log",
			recipientMasked: "010-****-5678",
			body: "[Find My Rizz]",
			attempt: 1,
			outcome: "accepted",
		});
	return id;
}

describe("the admin API over portrait jobs", () => {
	it("needs the admin key", async () => {
		const res = await api("/api/portrait-jobs", { auth: null });
		expect(res.status).toBe(401);
		expect(((await res.json()) as ErrorBody).error.code).toBe("UNAUTHORIZED");
	});

	it("lists jobs newest first with the number masked and nothing sealed or hashed in the answer", async () => {
		const id = await completedJob();
		const res = await api("/api/portrait-jobs?status=completed&limit=100");
		expect(res.status).toBe(200);
		const text = await res.text();
		expect(text).not.toContain("c2VhbGVkLW51bWJlcg");
		expect(text).not.toContain("f".repeat(64));
		const { jobs } = JSON.parse(text) as { jobs: AdminJob[] };
		const job = jobs.find((candidate) => candidate.id === id);
		expect(job).toMatchObject({ status: "completed", phone: "010-****-5678" });
		expect(job?.expires_at).toMatch(/\+09:00$/);
		expect(jobs.every((candidate) => candidate.status === "completed")).toBe(true);
	});

	it("shows one job with its SMS attempts, and 404 / 400 for unknown and malformed ids", async () => {
		const id = await completedJob();
		const res = await api(`/api/portrait-jobs/${id}`);
		expect(res.status).toBe(200);
		const body = (await res.json()) as { job: AdminJob; sms: { outcome: string; recipient: string; body: string }[] };
		expect(body.job.id).toBe(id);
		expect(body.sms).toEqual([expect.objectContaining({ outcome: "accepted", recipient: "010-****-5678", body: "[Find My Rizz]" })]);
		expect((await api(`/api/portrait-jobs/ptj_${"0".repeat(32)}`)).status).toBe(404);
		expect((await api("/api/portrait-jobs/not-a-job")).status).toBe(400);
		expect((await api("/api/portrait-jobs?status=unknown")).status).toBe(400);
	});
});
