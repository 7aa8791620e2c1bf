import { type Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { clientInfo } from "../commerce/client";
import { portraitApiTimings } from "../db/schema";
import { AppError } from "../lib/errors";
import { errorMessage, log } from "../lib/log";
import { validate } from "../lib/validate";
import { liveJob, type PortraitJob, portraitJobView } from "../portraits/jobs";
import { kstIso } from "../portraits/kst";
import { portraitResult } from "../portraits/result";
import { SurveyInput, submitSurvey } from "../portraits/survey";
import { resultCookieName, resultSessionCookies, resultSessionValid, verifyResultPhone } from "../portraits/verify";

const JobParams = z.object({ id: z.string().min(1).max(64) });
const VerifyBody = z.strictObject({ phone: z.string().trim().min(1).max(40) });

/** Whether the request came over https (the session cookie is then Secure). */
export function isHttps(c: Context): boolean {
	return new URL(c.req.url).protocol === "https:";
}

/** The network key of the client (keyed hash of its IPv4 address or IPv6 /64) that verification failures are counted under. */
export async function verifyClientKey(c: Context<AppEnv>): Promise<string> {
	return (await clientInfo(c, c.var.deps.commerce.clientHashKey)).ipHash;
}

/**
 * The job of `/:id/…` for its verified person: the job exists and is not deleted (404, 410
 * before anything else, so a deleted job answers GONE on every route), and the request carries
 * this job's signed, unexpired session cookie (else 401 UNAUTHORIZED).
 */
export async function sessionJob(c: Context<AppEnv>, jobId: string): Promise<PortraitJob> {
	const deps = c.var.deps.portraits;
	const job = await liveJob(deps.db, jobId);
	if (!(await resultSessionValid(deps, job.id, getCookie(c, resultCookieName(job.id)), deps.now().getTime()))) {
		throw new AppError(401, "UNAUTHORIZED", "Verify your phone number on the result page first.");
	}
	return job;
}

/**
 * `/api/portraits/:id/{verify,result,survey}` (API.md "Portraits"): the result side of the
 * portrait line, mounted next to the flow API at the same prefix.
 */
export const portraitResultsApi = new Hono<AppEnv>()
	.post("/:id/verify", validate("param", JobParams), validate("json", VerifyBody), async (c) => {
		const { session, job, expiresMs } = await verifyResultPhone(
			c.var.deps.portraits,
			c.req.valid("param").id,
			c.req.valid("json").phone,
			await verifyClientKey(c),
		);
		for (const cookie of resultSessionCookies(job.id, session, isHttps(c))) c.header("Set-Cookie", cookie, { append: true });
		c.header("Cache-Control", "no-store");
		return c.json({ job: portraitJobView(job), session_expires_at: kstIso(new Date(expiresMs)), result_url: `/result/${job.id}` });
	})
	.get("/:id/result", validate("param", JobParams), async (c) => {
		const job = await sessionJob(c, c.req.valid("param").id);
		c.header("Cache-Control", "private, no-store");
		return c.json(await portraitResult(c.var.deps.portraits, job, c.var.i18n.locale));
	})
	.post("/:id/survey", validate("param", JobParams), validate("json", SurveyInput), async (c) => {
		const job = await sessionJob(c, c.req.valid("param").id);
		const survey = await submitSurvey(c.var.deps.portraits, job, c.req.valid("json"));
		return c.json({ survey }, 201);
	});

/**
 * Records the duration of every `/api/portraits/*` request (route pattern, status, milliseconds;
 * nothing of the path's ids or the body) in portrait_api_timings for the p95 alert on
 * /admin/portraits. The insert runs after the response (waitUntil); a failed insert is logged,
 * never the request's failure.
 */
export const recordPortraitApiTiming = createMiddleware<AppEnv>(async (c, next) => {
	const started = Date.now();
	await next();
	const row = { route: `${c.req.method} ${c.req.routePath}`, status: c.res.status, durationMs: Date.now() - started, at: c.var.deps.now().toISOString() };
	const write = c.var.deps.db
		.insert(portraitApiTimings)
		.values(row)
		.then(() => undefined)
		.catch((err: unknown) => log("error", "portrait api timing not recorded", { error: errorMessage(err) }));
	try {
		c.executionCtx.waitUntil(write);
	} catch {
		// No execution context (a test calling app.fetch bare): wait for the write here.
		await write;
	}
});
