import type { Viewer } from "../../accounts/viewer";
import { useI18n } from "../../i18n/context";
import type { PortraitFailureReason, PortraitStatus } from "../../shared/portraits";
import { Layout } from "../layout";
import { PortraitJobFacts } from "./job-status";
import { PhoneField } from "./phone-field";

/** The job as its page needs it (no personal data: the page is reached with the key alone). */
export type PortraitJobPageJob = {
	id: string;
	status: PortraitStatus;
	failureReason: PortraitFailureReason | null;
	expiresAt: string;
	expiresAtKst: string;
	progressPercent: number;
	progressStep: string | null;
};

/** Props of {@link PortraitJobPage}. */
export type PortraitJobPageProps = {
	viewer?: Viewer | null;
	job: PortraitJobPageJob;
	/** The job key, from the page's own URL: the phone form, the upload link and the status polls carry it. */
	jobKey: string;
	/** This page's own URL (with the key). */
	pageUrl: string;
	/** While the payment is unconfirmed: reload after N seconds at `refreshUrl`. */
	refreshSeconds?: number;
	refreshUrl?: string;
	/** The refusal of the last phone number sent, in the reader's language. */
	phoneError?: string;
	/** While processing: a progress token for the job's live socket (absent: polling only). */
	progressToken?: string;
};

/** The processing steps the job reports (src/portraits/progress.ts `PortraitStep`), each with its words. */
const PROCESSING_STEPS = ["queued", "portraits", "retrying", "report", "done", "failed"] as const;

function withKey(path: string, key: string): string {
	return `${path}?key=${encodeURIComponent(key)}`;
}

/** The step the job is at: what the person does (or waits for) now. */
function CurrentStep({ job, jobKey, pageUrl, refreshSeconds, phoneError, progressToken }: PortraitJobPageProps) {
	const { t } = useI18n();
	switch (job.status) {
		case "pending_payment":
			return (
				<section class="card portrait-step" data-step="pending_payment">
					<h2 class="card-title">{t("portraits:steps.pending_payment.heading")}</h2>
					<p>{t("portraits:steps.pending_payment.body")}</p>
					<p class="small">
						{refreshSeconds ? `${t("portraits:steps.pending_payment.checksAgain", { count: refreshSeconds })} ` : null}
						<a href={pageUrl}>{t("portraits:steps.pending_payment.refreshNow")}</a>
					</p>
				</section>
			);
		case "pending_phone":
			return (
				<section class="card portrait-step" data-step="pending_phone">
					<h2 class="card-title">{t("portraits:steps.pending_phone.heading")}</h2>
					<p>{t("portraits:steps.pending_phone.body")}</p>
					<form method="post" action={withKey(`/portraits/${job.id}/phone`, jobKey)} class="stack portrait-phone-form">
						<PhoneField
							id="portrait-phone"
							label={t("portraits:steps.pending_phone.phoneLabel")}
							hint={t("portraits:steps.pending_phone.phoneHint")}
							error={phoneError ?? undefined}
						/>
						<button type="submit" class="button button-primary">
							{t("portraits:steps.pending_phone.submit")}
						</button>
					</form>
				</section>
			);
		case "pending_upload":
			return (
				<section class="card portrait-step" data-step="pending_upload">
					<h2 class="card-title">{t("portraits:steps.pending_upload.heading")}</h2>
					<p>{t("portraits:steps.pending_upload.body")}</p>
					<p>
						<a class="button button-primary" href={withKey(`/portraits/${job.id}/upload`, jobKey)}>
							{t("portraits:steps.pending_upload.uploadLink")}
						</a>
					</p>
				</section>
			);
		case "processing": {
			const percent = Math.max(0, Math.min(100, job.progressPercent));
			const labels = Object.fromEntries(PROCESSING_STEPS.map((step) => [step, t(`portraits:steps.processing.stepNames.${step}`)]));
			const stepLabel = job.progressStep ? (labels[job.progressStep] ?? job.progressStep) : null;
			return (
				<section class="card portrait-step" data-step="processing">
					<h2 class="card-title">{t("portraits:steps.processing.heading")}</h2>
					<p>{t("portraits:steps.processing.body")}</p>
					<div
						class="portrait-progress"
						data-portrait-progress
						data-live-progress
						data-live-statuses="processing"
						data-status-url={`/api/portraits/${job.id}/status`}
						data-job-key={jobKey}
						data-reload-url={pageUrl}
						data-progress-token={progressToken}
						data-step-labels={JSON.stringify(labels)}
					>
						<progress max="100" value={percent} aria-label={t("portraits:steps.processing.progress")} />
						<span class="small muted" data-progress-text>
							{stepLabel ? `${stepLabel} · ${percent}%` : `${percent}%`}
						</span>
					</div>
					<p class="small">
						<a href={pageUrl}>{t("portraits:steps.processing.refresh")}</a>
					</p>
				</section>
			);
		}
		case "completed":
			return (
				<section class="card portrait-step" data-step="completed">
					<h2 class="card-title">{t("portraits:steps.completed.heading")}</h2>
					<p>{t("portraits:steps.completed.body")}</p>
					<p>
						<a class="button button-primary" href={`/result/${job.id}`}>
							{t("portraits:steps.completed.resultLink")}
						</a>
					</p>
				</section>
			);
		case "failed":
			return (
				<section class="card portrait-step" data-step="failed">
					<h2 class="card-title">{t("portraits:steps.failed.heading")}</h2>
					<p class="alert alert-error" data-failure-reason={job.failureReason ?? undefined}>
						{job.failureReason ? t(`portraits:reasons.${job.failureReason}`) : t("portraits:steps.failed.generic")}
					</p>
				</section>
			);
	}
}

/**
 * `/portraits/:id?key=` (the checkout's success URL): the job's status by its exact name, the
 * deletion time in KST, and its current step: waiting for the payment (reloads itself), the
 * phone form, the link to the photo upload, live progress, the result link, or why it failed.
 */
export function PortraitJobPage(props: PortraitJobPageProps) {
	const { t } = useI18n();
	const { job, viewer, refreshSeconds, refreshUrl } = props;
	const live = job.status === "processing";
	return (
		<Layout title={t("portraits:steps.title")} viewer={viewer} noindex noReferrer narrow refreshSeconds={refreshSeconds} refreshUrl={refreshUrl}>
			<link rel="stylesheet" href="/css/portraits.css" />
			<p class="eyebrow">{t("portraits:brand")}</p>
			<h1>{t("portraits:steps.title")}</h1>
			<PortraitJobFacts status={job.status} expiresAt={job.expiresAt} expiresAtKst={job.expiresAtKst} />
			<CurrentStep {...props} />
			<p class="small muted">{t("portraits:steps.keepLink")}</p>
			{live ? <script src="/js/live-progress.js" defer /> : null}
		</Layout>
	);
}
