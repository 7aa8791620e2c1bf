import { describe, expect, it } from "vitest";
import { api, countRows, type ErrorBody } from "../support/helpers";
import { storeCompletedJob, surveyRow, verifiedCookie } from "../support/portrait-result-helpers";

function postSurvey(jobId: string, cookie: string | null, json: unknown): Promise<Response> {
	return api(`/api/portraits/${jobId}/survey`, { method: "POST", auth: null, headers: cookie ? { Cookie: cookie } : {}, json });
}

describe("POST /api/portraits/:id/survey", () => {
	it("stores one answer (201); a second is 409 ALREADY_SUBMITTED and changes nothing", async () => {
		const job = await storeCompletedJob();
		const cookie = await verifiedCookie(job);
		expect(await surveyRow(job.id)).toBeUndefined();
		const first = await postSurvey(job.id, cookie, { rating: 4, comment: "  좋았습니다  " });
		expect(first.status).toBe(201);
		const body = (await first.json()) as { survey: { rating: number; created_at: string } };
		expect(body.survey.rating).toBe(4);
		expect(body.survey.created_at).toMatch(/\+09:00$/);
		const stored = await surveyRow(job.id);
		expect(stored).toMatchObject({ jobId: job.id, rating: 4, comment: "좋았습니다" });

		const second = await postSurvey(job.id, cookie, { rating: 1, comment: "바꿉니다" });
		expect(second.status).toBe(409);
		expect(((await second.json()) as ErrorBody).error.code).toBe("ALREADY_SUBMITTED");
		expect(await surveyRow(job.id)).toEqual(stored);
	});

	it("takes a rating alone; refuses ratings outside 1..5, unknown fields and a missing session, storing nothing", async () => {
		const job = await storeCompletedJob();
		const cookie = await verifiedCookie(job);
		const rows = await countRows("portrait_surveys");
		for (const json of [{ rating: 0 }, { rating: 6 }, { rating: 2.5 }, {}, { rating: 3, extra: true }, { rating: 3, comment: "x".repeat(2001) }]) {
			const res = await postSurvey(job.id, cookie, json);
			expect(res.status).toBe(400);
			expect(((await res.json()) as ErrorBody).error.code).toBe("VALIDATION_FAILED");
		}
		const anonymous = await postSurvey(job.id, null, { rating: 5 });
		expect(anonymous.status).toBe(401);
		expect(await countRows("portrait_surveys")).toBe(rows);

		expect((await postSurvey(job.id, cookie, { rating: 5 })).status).toBe(201);
		expect(await surveyRow(job.id)).toMatchObject({ rating: 5, comment: null });
	});

	it("works from the result page's form: 303 back with thanks, then the page says it was answered", async () => {
		const job = await storeCompletedJob();
		const cookie = await verifiedCookie(job);
		const post = () =>
			api(`/result/${job.id}/survey`, {
				method: "POST",
				auth: null,
				headers: { Cookie: `lang=ko; ${cookie}`, Accept: "text/html", "Content-Type": "application/x-www-form-urlencoded" },
				body: new URLSearchParams({ rating: "3", comment: "보통입니다" }).toString(),
			});
		const first = await post();
		expect(first.status).toBe(303);
		expect(first.headers.get("Location")).toBe(`/result/${job.id}?survey=thanks`);
		expect(await surveyRow(job.id)).toMatchObject({ rating: 3, comment: "보통입니다" });
		const thanks = await (await api(`/result/${job.id}?survey=thanks`, { auth: null, headers: { Accept: "text/html", Cookie: `lang=ko; ${cookie}` } })).text();
		expect(thanks).toContain('data-survey="thanks"');
		const again = await post();
		expect(again.status).toBe(303);
		expect(again.headers.get("Location")).toBe(`/result/${job.id}`);
		const page = await (await api(`/result/${job.id}`, { auth: null, headers: { Accept: "text/html", Cookie: `lang=ko; ${cookie}` } })).text();
		expect(page).toContain('data-survey="already"');
		expect(await surveyRow(job.id)).toMatchObject({ rating: 3 });
	});
});
