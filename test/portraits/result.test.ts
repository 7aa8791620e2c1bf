import { env } from "cloudflare:workers";
import { asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "../../src/db/client";
import { knowledgeBase, portraitJobs, portraitRecommendations } from "../../src/db/schema";
import { mintImageToken } from "../../src/portraits/image-tokens";
import { mintResultSession, resultCookieName } from "../../src/portraits/verify";
import { api, type ErrorBody, testAppDeps } from "../support/helpers";
import { storeCompletedJob, TEST_REPORT, verifiedCookie } from "../support/portrait-result-helpers";

const db = () => getDb(env.DB);

type ResultBody = {
	job: { id: string; status: string; expires_at: string };
	images: { url: string; download_url: string; expires_at: string; position: number }[];
	report: typeof TEST_REPORT;
	recommendations: { code: string; name: string; area: string; description: string }[];
};

async function result(jobId: string, cookie: string, lang: "ko" | "en" = "ko"): Promise<Response> {
	return api(`/api/portraits/${jobId}/result`, { auth: null, headers: { Cookie: `lang=${lang}; ${cookie}` } });
}

function pathOf(url: string): string {
	const parsed = new URL(url);
	return parsed.pathname + parsed.search;
}

describe("GET /api/portraits/:id/result", () => {
	it("gives the three portraits as Worker links valid one hour, the report and the recommendations named in the reader's language", async () => {
		const job = await storeCompletedJob();
		const cookie = await verifiedCookie(job);
		const before = Date.now();
		const res = await result(job.id, cookie, "ko");
		expect(res.status).toBe(200);
		expect(res.headers.get("Cache-Control")).toContain("private");
		const body = (await res.json()) as ResultBody;
		expect(body.job).toMatchObject({ id: job.id, status: "completed" });
		expect(body.report).toEqual(TEST_REPORT);
		expect(body.images).toHaveLength(3);
		for (const [i, image] of body.images.entries()) {
			expect(image.position).toBe(i);
			expect(image.url).toMatch(/^http:\/\/localhost:8787\/result\/images\/ptj_[0-9a-f]{32}\.[0-2]\.\d{13}\.[0-9a-f]{64}$/);
			// Never an R2 key, never a presigned URL.
			expect(image.url).not.toContain("portraits/");
			expect(image.url).not.toMatch(/X-Amz|r2\.cloudflarestorage/);
			expect(image.expires_at).toMatch(/\+09:00$/);
			const expires = Date.parse(image.expires_at);
			expect(expires).toBeGreaterThanOrEqual(before + 3_600_000 - 1000);
			expect(expires).toBeLessThanOrEqual(Date.now() + 3_600_000 + 1000);
		}
		const stored = await db()
			.select({ kb: knowledgeBase })
			.from(portraitRecommendations)
			.innerJoin(knowledgeBase, eq(knowledgeBase.code, portraitRecommendations.code))
			.where(eq(portraitRecommendations.jobId, job.id))
			.orderBy(asc(portraitRecommendations.position));
		expect(body.recommendations).toEqual(
			stored.map(({ kb }) => ({ code: kb.code, name: kb.nameKo, area: kb.area, description: kb.descriptionKo, cost_min: kb.costMin, cost_max: kb.costMax })),
		);

		const english = (await (await result(job.id, cookie, "en")).json()) as ResultBody;
		expect(english.recommendations.map((item) => item.name)).toEqual(stored.map(({ kb }) => kb.nameEn));
	});

	it("serves each portrait's bytes for its token, inline or as a download with a plain name, privately", async () => {
		const job = await storeCompletedJob();
		const body = (await (await result(job.id, await verifiedCookie(job))).json()) as ResultBody;
		for (const image of body.images) {
			const res = await api(pathOf(image.url), { auth: null });
			expect(res.status).toBe(200);
			expect(res.headers.get("Content-Type")).toBe("image/png");
			expect(res.headers.get("Cache-Control")).toContain("private");
			expect(res.headers.get("Content-Disposition")).toBe(`inline; filename="find-my-rizz-${image.position + 1}.png"`);
			expect(new Uint8Array(await res.arrayBuffer())).toEqual(job.images[image.position]);
			const download = await api(pathOf(image.download_url), { auth: null });
			expect(download.status).toBe(200);
			expect(download.headers.get("Content-Disposition")).toMatch(new RegExp(`^attachment; filename="find-my-rizz-${image.position + 1}\\.png"`));
			expect(new Uint8Array(await download.arrayBuffer())).toEqual(job.images[image.position]);
		}
	});

	it("refuses an image token after its hour (410 TOKEN_EXPIRED) and an altered one (401 TOKEN_INVALID)", async () => {
		const job = await storeCompletedJob();
		const deps = (await testAppDeps()).portraits;
		const past = await mintImageToken(deps, job.id, 0, Date.now() - 1);
		const expired = await api(`/result/images/${past}`, { auth: null });
		expect(expired.status).toBe(410);
		expect(((await expired.json()) as ErrorBody).error.code).toBe("TOKEN_EXPIRED");
		// A link from the result, one hour and a second later on a fake clock.
		const body = (await (await result(job.id, await verifiedCookie(job))).json()) as ResultBody;
		const link = pathOf(body.images[1]?.url ?? "");
		expect((await api(link, { auth: null })).status).toBe(200);
		vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 3_601_000 });
		try {
			const later = await api(link, { auth: null });
			expect(later.status).toBe(410);
			expect(((await later.json()) as ErrorBody).error.code).toBe("TOKEN_EXPIRED");
		} finally {
			vi.useRealTimers();
		}

		const live = await mintImageToken(deps, job.id, 0, Date.now() + 3_600_000);
		expect((await api(`/result/images/${live}`, { auth: null })).status).toBe(200);
		const otherPosition = live.replace(`${job.id}.0.`, `${job.id}.2.`);
		const invalid = await api(`/result/images/${otherPosition}`, { auth: null });
		expect(invalid.status).toBe(401);
		expect(((await invalid.json()) as ErrorBody).error.code).toBe("TOKEN_INVALID");
		const other = await storeCompletedJob();
		expect((await api(`/result/images/${live.replace(job.id, other.id)}`, { auth: null })).status).toBe(401);
	});

	it("needs this job's session (401 UNAUTHORIZED), and a job that is not completed is 409 INVALID_STATE", async () => {
		const job = await storeCompletedJob();
		const none = await api(`/api/portraits/${job.id}/result`, { auth: null });
		expect(none.status).toBe(401);
		expect(((await none.json()) as ErrorBody).error.code).toBe("UNAUTHORIZED");
		const session = await mintResultSession((await testAppDeps()).portraits, job.id, Date.now() + 60_000);
		await db().update(portraitJobs).set({ status: "processing" }).where(eq(portraitJobs.id, job.id));
		const processing = await api(`/api/portraits/${job.id}/result`, { auth: null, headers: { Cookie: `${resultCookieName(job.id)}=${session}` } });
		expect(processing.status).toBe(409);
		expect(((await processing.json()) as ErrorBody).error.code).toBe("INVALID_STATE");
	});
});

describe("the result page", () => {
	it("shows the three portraits with downloads, the report, the knowledge-base recommendations, the deletion time in KST and the survey, in Korean and in English", async () => {
		const job = await storeCompletedJob();
		const cookie = await verifiedCookie(job);
		const codes = (
			await db()
				.select()
				.from(portraitRecommendations)
				.where(inArray(portraitRecommendations.jobId, [job.id]))
		).map((row) => row.code);
		const entries = await db().select().from(knowledgeBase).where(inArray(knowledgeBase.code, codes));
		for (const lang of ["ko", "en"] as const) {
			const res = await api(`/result/${job.id}`, { auth: null, headers: { Accept: "text/html", Cookie: `lang=${lang}; ${cookie}` } });
			expect(res.status).toBe(200);
			const html = await res.text();
			expect(html).toContain(`<html lang="${lang}"`);
			expect(html.match(/<img src="http:\/\/localhost:8787\/result\/images\/[^"]+"/g)).toHaveLength(3);
			expect(html.match(/href="http:\/\/localhost:8787\/result\/images\/[^"]+\?download=1" download/g)).toHaveLength(3);
			expect(html).toContain(TEST_REPORT.summary);
			expect(html).toContain("KST");
			expect(html).toContain(`action="/result/${job.id}/survey"`);
			for (const entry of entries) expect(html).toContain(lang === "ko" ? entry.nameKo : entry.nameEn);
			expect(html).toContain(lang === "ko" ? "자동으로 삭제됩니다" : "deleted automatically");
		}
	});

	it("says the job is not ready instead of asking for the number while it is processing; an unknown job is 404", async () => {
		const job = await storeCompletedJob();
		await db().update(portraitJobs).set({ status: "processing" }).where(eq(portraitJobs.id, job.id));
		const res = await api(`/result/${job.id}`, { auth: null, headers: { Accept: "text/html", Cookie: "lang=ko" } });
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain("data-not-ready");
		expect(html).not.toContain('name="phone"');
		expect((await api(`/result/ptj_${"1".repeat(32)}`, { auth: null, headers: { Accept: "text/html" } })).status).toBe(404);
	});
});
