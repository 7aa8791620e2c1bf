import { Hono } from "hono";
import { csrf } from "hono/csrf";
import { z } from "zod";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { MAX_POLL, nextPollPath, pollDelaySeconds } from "../lib/poll-backoff";
import { validate } from "../lib/validate";
import { createPortraitJob } from "../portraits/create-job";
import { jobByKey, type PortraitJob } from "../portraits/jobs";
import { kstIso } from "../portraits/kst";
import { portraitProgressToken } from "../portraits/progress";
import { submitPhone } from "../portraits/steps";
import { PortraitJobPage, type PortraitJobPageJob } from "../views/portraits/job-page";
import { PortraitLandingPage } from "../views/portraits/landing";
import { PortraitUploadPage } from "../views/portraits/upload-page";
import { rateLimitedClient } from "./client";
import { formError } from "./form-error";
import { renderPage } from "./render-page";

const JobParams = z.object({ id: z.string().min(1).max(64) });
/**
 * The job key rides in the query (the checkout's success URL carries it). Optional in the
 * schema on purpose: a page without it is answered as an unknown job (404), like a wrong key,
 * never as a validation error that would tell the id exists.
 */
const KeyQuery = z.object({
	key: z.string().min(1).max(200).optional(),
	// How often the page waiting for the payment has reloaded itself: the next reload waits longer (5 s up to 60 s).
	poll: z.coerce.number().int().min(0).max(MAX_POLL).default(0),
});

/** A job as its pages show it: nothing personal, times in UTC for formatting and in KST for `<time>`. */
function pageJob(job: PortraitJob): PortraitJobPageJob {
	return {
		id: job.id,
		status: job.status,
		failureReason: job.failureReason,
		expiresAt: job.expiresAt,
		expiresAtKst: kstIso(job.expiresAt),
		progressPercent: job.progressPercent,
		progressStep: job.progressStep,
	};
}

/** The phone form of the job page: the number as typed; the domain normalises it (or answers 422 INVALID_PHONE). */
const PhoneForm = z.object({ phone: z.string().max(64) });

function jobPath(jobId: string, key: string): string {
	return `/portraits/${jobId}?key=${encodeURIComponent(key)}`;
}

/**
 * `/portraits`: the "Find My Rizz" pages: the landing page and its call to action (which
 * creates the job through the same domain function as `POST /api/portraits` and sends the
 * browser to the checkout), the job's page at its current step, and the photo upload. Every
 * job page needs the job key; none is cached, as they change with the job.
 */
export const portraitPages = new Hono<AppEnv>()
	.get("/", loadViewer, (c) => {
		const { priceCents, currency } = c.var.deps.portraits.config;
		return renderPage(c, <PortraitLandingPage viewer={c.var.viewer} priceCents={priceCents} currency={currency} startAction="/portraits" />);
	})
	// Starting a job is a form without a session; hono/csrf's Origin check keeps other sites from starting them.
	.post("/", csrf(), async (c) => {
		const { portraits, commerce } = c.var.deps;
		// As POST /api/portraits: counted like a storefront checkout (each job opens one with the
		// provider), and a reader with no sign of a language gets a Korean job, this line's default.
		await rateLimitedClient(c, commerce, commerce.config.checkoutLimit);
		const locale = c.var.localeSource === "default" ? "ko" : c.var.i18n.locale;
		const { checkoutUrl } = await createPortraitJob(portraits, { locale });
		return c.redirect(checkoutUrl, 303);
	})
	.get("/:id", loadViewer, validate("param", JobParams), validate("query", KeyQuery), async (c) => {
		const portraits = c.var.deps.portraits;
		const { key, poll } = c.req.valid("query");
		const job = await jobByKey(portraits.db, c.req.valid("param").id, key);
		const jobKey = key ?? "";
		const pageUrl = jobPath(job.id, jobKey);
		const waiting = job.status === "pending_payment";
		// Minted on every load (an hour at most), only while there is progress to follow.
		const progressToken = job.status === "processing" ? await portraitProgressToken(portraits, job.id) : undefined;
		c.header("Cache-Control", "private, no-store");
		return renderPage(
			c,
			<PortraitJobPage
				viewer={c.var.viewer}
				job={pageJob(job)}
				jobKey={jobKey}
				pageUrl={pageUrl}
				refreshSeconds={waiting ? pollDelaySeconds(poll) : undefined}
				refreshUrl={waiting ? nextPollPath(pageUrl, poll) : undefined}
				progressToken={progressToken}
			/>,
		);
	})
	// The phone step without script: the same domain function as POST /api/portraits/:id/phone.
	// The form has no session to carry a token; the key in its URL and hono/csrf's Origin check guard it.
	.post("/:id/phone", csrf(), loadViewer, validate("param", JobParams), validate("query", KeyQuery), validate("form", PhoneForm), async (c) => {
		const portraits = c.var.deps.portraits;
		const { key } = c.req.valid("query");
		const job = await jobByKey(portraits.db, c.req.valid("param").id, key);
		const jobKey = key ?? "";
		try {
			await submitPhone(portraits, job, c.req.valid("form").phone);
		} catch (err) {
			const refused = formError(err, c.var.i18n);
			// Sent twice, or after the step closed (409 INVALID_STATE): the job's page shows where it is now.
			if (refused?.status === 409) return c.redirect(jobPath(job.id, jobKey), 303);
			// A bad number (422 INVALID_PHONE) is shown on the form; anything else goes to the error handler.
			if (refused?.status !== 422) throw err;
			c.header("Cache-Control", "private, no-store");
			return renderPage(
				c,
				<PortraitJobPage viewer={c.var.viewer} job={pageJob(job)} jobKey={jobKey} pageUrl={jobPath(job.id, jobKey)} phoneError={refused.message} />,
				refused.status,
			);
		}
		return c.redirect(jobPath(job.id, jobKey), 303);
	})
	.get("/:id/upload", loadViewer, validate("param", JobParams), validate("query", KeyQuery), async (c) => {
		const { key } = c.req.valid("query");
		const job = await jobByKey(c.var.deps.portraits.db, c.req.valid("param").id, key);
		const jobKey = key ?? "";
		c.header("Cache-Control", "private, no-store");
		return renderPage(c, <PortraitUploadPage viewer={c.var.viewer} job={pageJob(job)} jobKey={jobKey} jobPageUrl={jobPath(job.id, jobKey)} />);
	});
