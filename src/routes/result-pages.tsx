import { eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import { z } from "zod";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { portraitJobs, portraitSurveys } from "../db/schema";
import { AppError, toAppError } from "../lib/errors";
import { attachmentDisposition } from "../lib/http-range";
import { validate } from "../lib/validate";
import { imageFileName, openImageToken } from "../portraits/image-tokens";
import { isPortraitJobId, liveJob, type PortraitJob } from "../portraits/jobs";
import { portraitResult } from "../portraits/result";
import { SurveyInput, submitSurvey } from "../portraits/survey";
import { resultCookieName, resultSessionCookies, resultSessionValid, verifyResultPhone } from "../portraits/verify";
import { ResultGonePage, ResultPage, ResultVerifyPage, type VerifyError } from "../views/portrait-result";
import { isHttps, verifyClientKey } from "./portrait-results-api";
import { renderPage } from "./render-page";

const JobParams = z.object({ id: z.string().min(1).max(64) });
const TokenParams = z.object({ token: z.string().min(10).max(200) });
const ImageQuery = z.object({ download: z.string().max(8).optional() });
const PhoneForm = z.object({ phone: z.string().trim().max(40).default("") });
const ResultQuery = z.object({ survey: z.enum(["thanks"]).optional().catch(undefined) });

/** Every result page is personal: never stored by a shared cache, never kept by the browser. */
const PRIVATE = { "Cache-Control": "private, no-store" };

/**
 * The job of a result page, or the tombstone page (410) once it was deleted; an unknown id is
 * the ordinary 404.
 */
async function jobOrGone(c: Context<AppEnv>, jobId: string): Promise<PortraitJob | Response> {
	try {
		return await liveJob(c.var.deps.db, jobId);
	} catch (err) {
		const error = toAppError(err);
		if (error.code !== "GONE" || !isPortraitJobId(jobId)) throw err;
		const tombstone = await c.var.deps.db.query.portraitJobs.findFirst({ columns: { deletedAt: true }, where: eq(portraitJobs.id, jobId) });
		return renderPage(c, <ResultGonePage deletedAt={tombstone?.deletedAt ?? null} viewer={c.var.viewer} />, 410, PRIVATE);
	}
}

/** The result page of a verified session, or the phone form. */
async function resultOrForm(c: Context<AppEnv>, job: PortraitJob, surveyJustSent: boolean, error?: VerifyError, status: 200 | 403 | 409 | 422 | 429 = 200) {
	const deps = c.var.deps.portraits;
	const nowMs = deps.now().getTime();
	const verified = error === undefined && (await resultSessionValid(deps, job.id, getCookie(c, resultCookieName(job.id)), nowMs));
	if (!verified || job.status !== "completed") {
		const notReadyStatus = job.status === "completed" ? undefined : c.var.i18n.t(`portraits:status.${job.status}`);
		const headers: Record<string, string> = { ...PRIVATE };
		if (error?.kind === "blocked") headers["Retry-After"] = String(error.retryAfterSeconds);
		return renderPage(
			c,
			<ResultVerifyPage jobId={job.id} expiresAt={job.expiresAt} nowMs={nowMs} error={error} notReadyStatus={notReadyStatus} viewer={c.var.viewer} />,
			status,
			headers,
		);
	}
	const [result, answered] = await Promise.all([
		portraitResult(deps, job, c.var.i18n.locale),
		deps.db.query.portraitSurveys.findFirst({ columns: { jobId: true }, where: eq(portraitSurveys.jobId, job.id) }),
	]);
	const survey = !answered ? "open" : surveyJustSent ? "thanks" : "already";
	return renderPage(c, <ResultPage result={result} expiresAt={job.expiresAt} nowMs={nowMs} survey={survey} viewer={c.var.viewer} />, 200, PRIVATE);
}

/** A refusal of the phone form as the form shows it; anything else goes on to the error page. */
function verifyError(err: unknown): { error: VerifyError; status: 403 | 422 | 429 } {
	const error = toAppError(err);
	if (error.code === "PHONE_MISMATCH") return { error: { kind: "mismatch" }, status: 403 };
	if (error.code === "INVALID_PHONE") return { error: { kind: "invalid" }, status: 422 };
	if (error.code === "TOO_MANY_ATTEMPTS") return { error: { kind: "blocked", retryAfterSeconds: Number(error.headers["Retry-After"] ?? 3600) }, status: 429 };
	throw err;
}

/**
 * `/result/:id` (issue 15, steps 8 to 10): the link of the SMS.
 * - `GET /:id`: the phone form, or with this job's session cookie the result page; `410` with
 *   the "deleted after 24 hours" page once the job is gone.
 * - `POST /:id` (form `phone`): the same check as `POST /api/portraits/:id/verify`; a match sets
 *   the session cookie and answers `303` back to the page, a refusal shows the form again with
 *   its status (403, 422, 429 with Retry-After).
 * - `POST /:id/survey` (form `rating`, `comment`): with the cookie; `303` back to the page.
 * - `GET /images/:token`: a portrait, served by the Worker for a signed token valid one hour.
 */
export const resultPages = new Hono<AppEnv>()
	.get("/images/:token", validate("param", TokenParams), validate("query", ImageQuery), async (c) => {
		const deps = c.var.deps.portraits;
		const { jobId, position } = await openImageToken(deps, c.req.valid("param").token, deps.now().getTime());
		const job = await liveJob(deps.db, jobId);
		const image = await deps.db.query.portraitImages.findFirst({ where: (row, { and }) => and(eq(row.jobId, job.id), eq(row.position, position)) });
		const object = image ? await deps.files.get(image.r2Key) : null;
		if (!image || !object) throw new AppError(404, "NOT_FOUND", "This portrait is not there.");
		const name = imageFileName(position, image.contentType);
		return c.body(object.body, 200, {
			"Content-Type": image.contentType,
			"Content-Length": String(object.size),
			"Content-Disposition": c.req.valid("query").download ? attachmentDisposition(name) : `inline; filename="${name}"`,
			"Cache-Control": "private, no-store",
			"X-Content-Type-Options": "nosniff",
		});
	})
	.get("/:id", loadViewer, validate("param", JobParams), validate("query", ResultQuery), async (c) => {
		const job = await jobOrGone(c, c.req.valid("param").id);
		if (job instanceof Response) return job;
		return resultOrForm(c, job, c.req.valid("query").survey === "thanks");
	})
	.post("/:id", loadViewer, validate("param", JobParams), validate("form", PhoneForm), async (c) => {
		const deps = c.var.deps.portraits;
		const job = await jobOrGone(c, c.req.valid("param").id);
		if (job instanceof Response) return job;
		if (job.status !== "completed") return resultOrForm(c, job, false, undefined, 409);
		try {
			const { session } = await verifyResultPhone(deps, job.id, c.req.valid("form").phone, await verifyClientKey(c));
			for (const cookie of resultSessionCookies(job.id, session, isHttps(c))) c.header("Set-Cookie", cookie, { append: true });
			return c.redirect(`/result/${job.id}`, 303);
		} catch (err) {
			const { error, status } = verifyError(err);
			return resultOrForm(c, job, false, error, status);
		}
	})
	.post("/:id/survey", loadViewer, validate("param", JobParams), validate("form", SurveyInput), async (c) => {
		const deps = c.var.deps.portraits;
		const job = await jobOrGone(c, c.req.valid("param").id);
		if (job instanceof Response) return job;
		if (!(await resultSessionValid(deps, job.id, getCookie(c, resultCookieName(job.id)), deps.now().getTime()))) return c.redirect(`/result/${job.id}`, 303);
		try {
			await submitSurvey(deps, job, c.req.valid("form"));
		} catch (err) {
			// Answered before: the page says so.
			if (toAppError(err).code !== "ALREADY_SUBMITTED") throw err;
			return c.redirect(`/result/${job.id}`, 303);
		}
		return c.redirect(`/result/${job.id}?survey=thanks`, 303);
	});
