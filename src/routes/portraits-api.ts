import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { createPortraitJob } from "../portraits/create-job";
import { jobByKey, portraitJobView } from "../portraits/jobs";
import { portraitStatusView, submitPhone, submitPhoto } from "../portraits/steps";
import { Locale } from "../shared/locale";
import { requestForm } from "../styles/parse-input";
import { rateLimitedClient } from "./client";

const CreateBody = z.strictObject({ locale: Locale.optional() }).optional();
const JobParams = z.object({ id: z.string().min(1).max(100) });
const KeyQuery = z.object({ key: z.string().max(200).optional() });
const PhoneBody = z.strictObject({ phone: z.string().min(1).max(40) });

/** The job a request names, if its key (`?key=` or `X-Job-Key`) is the job's; 404 otherwise, 410 once deleted. */
function keyedJob(c: Context<AppEnv>, id: string, key: string | undefined) {
	return jobByKey(c.var.deps.portraits.db, id, key ?? c.req.header("X-Job-Key"));
}

/**
 * `/api/portraits` (API.md "Portraits"): start a paid job, follow it, and take its steps: the
 * phone number after payment, then the photo. Every step until the result needs the job key.
 */
export const portraitsApi = new Hono<AppEnv>()
	.post("/", validate("json", CreateBody), async (c) => {
		const { portraits, commerce } = c.var.deps;
		// Counted like a storefront checkout: each job opens a checkout with the provider.
		await rateLimitedClient(c, commerce, commerce.config.checkoutLimit);
		// Without a body's choice, the job speaks the caller's language (?lang=, cookie or
		// Accept-Language); with no sign of one, Korean: this line is made for Korean customers.
		const requested = c.var.localeSource === "default" ? "ko" : c.var.i18n.locale;
		const locale = c.req.valid("json")?.locale ?? requested;
		const created = await createPortraitJob(portraits, { locale });
		const { id, status, expires_at } = portraitJobView(created.job);
		return c.json({ job: { id, status, expires_at }, job_key: created.key, checkout_url: created.checkoutUrl }, 201);
	})
	.get("/:id/status", validate("param", JobParams), validate("query", KeyQuery), async (c) => {
		const job = await keyedJob(c, c.req.valid("param").id, c.req.valid("query").key);
		return c.json({ job: portraitStatusView(job) });
	})
	.post("/:id/phone", validate("param", JobParams), validate("query", KeyQuery), validate("json", PhoneBody), async (c) => {
		const job = await keyedJob(c, c.req.valid("param").id, c.req.valid("query").key);
		const moved = await submitPhone(c.var.deps.portraits, job, c.req.valid("json").phone);
		return c.json({ job: portraitJobView(moved) });
	})
	.post("/:id/photo", validate("param", JobParams), validate("query", KeyQuery), async (c) => {
		const job = await keyedJob(c, c.req.valid("param").id, c.req.valid("query").key);
		const file = (await requestForm(c.req.raw)).get("file");
		if (!(file instanceof File)) throw new AppError(400, "VALIDATION_FAILED", "file: send the photo as the multipart field `file`.");
		const moved = await submitPhoto(c.var.deps.portraits, job, new Uint8Array(await file.arrayBuffer()));
		return c.json({ job: portraitJobView(moved) }, 202);
	});
