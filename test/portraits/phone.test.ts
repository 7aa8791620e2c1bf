import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deriveKeys } from "../../src/config/keys";
import { getDb } from "../../src/db/client";
import { portraitJobs } from "../../src/db/schema";
import { openPhone, phoneMatches } from "../../src/portraits/phone-seal";
import { configOf } from "../../src/wiring";
import { api, type ErrorBody } from "../support/helpers";
import { createPaidPortraitJob, createPortraitJob, portraitPath, portraitRow, type TestPortraitJob, uploadPhoto, withPhone } from "../support/portrait-helpers";

function postPhone(job: TestPortraitJob, phone: unknown) {
	return api(portraitPath(job, "phone"), { method: "POST", auth: null, json: { phone } });
}

async function keys() {
	const config = configOf(env);
	if (!config.ok) throw new Error("test config invalid");
	return deriveKeys(config.config.tokenSecrets);
}

describe("POST /api/portraits/:id/phone", () => {
	for (const phone of ["010-1234-5678", "01012345678", "+82 10 1234 5678"]) {
		it(`takes ${phone}: stored sealed, hashed and as its last four digits, and the job moves to pending_upload`, async () => {
			const job = await createPaidPortraitJob();
			const res = await postPhone(job, phone);
			expect(res.status).toBe(200);
			const body = (await res.json()) as { job: { id: string; status: string; expires_at: string } };
			expect(body.job).toMatchObject({ id: job.id, status: "pending_upload" });
			// Not the number's digits anywhere but by chance in the random job id.
			expect(JSON.stringify(body).replaceAll(job.id, "")).not.toContain("5678");

			const row = await portraitRow(job.id);
			expect(row).toMatchObject({ status: "pending_upload", phoneLast4: "5678" });
			const { phoneSeal, phoneHash } = await keys();
			expect(row?.phoneKeyId).toBe(phoneSeal[0].kid);
			// Sealed, not stored in the clear; it opens only for this job.
			const stored = JSON.stringify(row);
			expect(stored).not.toContain("1012345678");
			expect(await openPhone(phoneSeal, { ciphertext: row?.phoneCiphertext ?? "", kid: row?.phoneKeyId ?? "" }, job.id)).toBe("+821012345678");
			expect(await openPhone(phoneSeal, { ciphertext: row?.phoneCiphertext ?? "", kid: row?.phoneKeyId ?? "" }, "ptj_other")).toBeNull();
			expect(await phoneMatches(phoneHash, job.id, "+821012345678", row?.phoneHash ?? "")).toBe(true);
		});
	}

	for (const phone of ["02-123-4567", "+1 415 555 0100", "010-123", "", "전화번호"]) {
		it(`refuses ${JSON.stringify(phone)} and stores nothing`, async () => {
			const job = await createPaidPortraitJob();
			const before = await portraitRow(job.id);
			const res = await postPhone(job, phone);
			const { error } = (await res.json()) as ErrorBody;
			if (phone === "") {
				expect(res.status).toBe(400);
				expect(error.code).toBe("VALIDATION_FAILED");
			} else {
				expect(res.status).toBe(422);
				expect(error.code).toBe("INVALID_PHONE");
			}
			expect(await portraitRow(job.id)).toEqual(before);
		});
	}

	it("is 409 INVALID_STATE naming the status before payment and after the phone step, and changes nothing", async () => {
		const unpaid = await createPortraitJob();
		const res = await postPhone(unpaid, "010-1234-5678");
		expect(res.status).toBe(409);
		const { error } = (await res.json()) as ErrorBody;
		expect(error.code).toBe("INVALID_STATE");
		expect(error.message).toContain("pending_payment");
		expect(await portraitRow(unpaid.id)).toMatchObject({ status: "pending_payment", phoneHash: null, phoneCiphertext: null });

		const job = await withPhone(await createPaidPortraitJob(), "010-1111-2222");
		const before = await portraitRow(job.id);
		const again = await postPhone(job, "010-3333-4444");
		expect(again.status).toBe(409);
		expect(((await again.json()) as ErrorBody).error.message).toContain("pending_upload");
		expect(await portraitRow(job.id)).toEqual(before);

		await uploadPhoto(job);
		const late = await postPhone(job, "010-3333-4444");
		expect(late.status).toBe(409);
		expect((await portraitRow(job.id))?.phoneLast4).toBe("2222");
	});

	it("is 409 for a failed job and 404 without the key", async () => {
		const job = await createPaidPortraitJob();
		await getDb(env.DB).update(portraitJobs).set({ status: "failed", failureReason: "refunded" }).where(eq(portraitJobs.id, job.id));
		const res = await postPhone(job, "010-1234-5678");
		expect(res.status).toBe(409);
		expect(((await res.json()) as ErrorBody).error.message).toContain("failed");
		const keyless = await api(`/api/portraits/${job.id}/phone`, { method: "POST", auth: null, json: { phone: "010-1234-5678" } });
		expect(keyless.status).toBe(404);
		expect((await portraitRow(job.id))?.phoneHash).toBeNull();
	});

	it("lets only one of two simultaneous submissions land", async () => {
		const job = await createPaidPortraitJob();
		const [a, b] = await Promise.all([postPhone(job, "010-1111-1111"), postPhone(job, "010-2222-2222")]);
		expect([a.status, b.status].sort()).toEqual([200, 409]);
		const row = await portraitRow(job.id);
		expect(["1111", "2222"]).toContain(row?.phoneLast4);
	});
});
