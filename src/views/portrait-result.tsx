import type { Viewer } from "../accounts/viewer";
import { useI18n } from "../i18n/context";
import type { PortraitResult } from "../portraits/result";
import { Layout } from "./layout";
import { kstDateTime } from "./portraits/job-status";
import { PhoneField } from "./portraits/phone-field";

/** How the last phone check went, for the form's message. */
export type VerifyError = { kind: "mismatch" | "invalid" } | { kind: "blocked"; retryAfterSeconds: number };

/** Time left until `expiresAt`, in hours and minutes (never negative). */
function timeLeft(expiresAt: string, nowMs: number): { hours: number; minutes: number } {
	const minutes = Math.max(0, Math.floor((Date.parse(expiresAt) - nowMs) / 60_000));
	return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

function DeletionNotice({ expiresAt, nowMs }: { expiresAt: string; nowMs: number }) {
	const { t, locale } = useI18n();
	return (
		<p class="notice portrait-deletes" data-expires-at={expiresAt}>
			{t("portraits:result.deletesAt", { time: kstDateTime(locale, expiresAt) })} <strong>{t("portraits:result.timeLeft", timeLeft(expiresAt, nowMs))}</strong>
		</p>
	);
}

/** Props of {@link ResultVerifyPage}. */
export type ResultVerifyPageProps = {
	jobId: string;
	expiresAt: string;
	nowMs: number;
	error?: VerifyError;
	/** Set while the job is not completed: its status, in place of the form. */
	notReadyStatus?: string;
	viewer?: Viewer | null;
};

/** `/result/:id` before the phone check: the number form (posted to the same URL), or why the result is not there yet. */
export function ResultVerifyPage({ jobId, expiresAt, nowMs, error, notReadyStatus, viewer }: ResultVerifyPageProps) {
	const { t } = useI18n();
	const message =
		error?.kind === "blocked"
			? t("portraits:result.blocked", { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) })
			: error?.kind === "invalid"
				? t("portraits:result.invalidPhone")
				: error?.kind === "mismatch"
					? t("portraits:result.mismatch")
					: null;
	return (
		<Layout title={t("portraits:result.verifyTitle")} viewer={viewer} noindex noReferrer narrow>
			<link rel="stylesheet" href="/css/portraits.css" />
			<p class="eyebrow">{t("portraits:brand")}</p>
			<h1>{t("portraits:result.verifyTitle")}</h1>
			<DeletionNotice expiresAt={expiresAt} nowMs={nowMs} />
			{notReadyStatus ? (
				<p class="notice" data-not-ready>
					{t("portraits:result.notReady", { status: notReadyStatus })}
				</p>
			) : (
				<section class="card portrait-step" data-step="verify">
					<p>{t("portraits:result.verifyLead")}</p>
					<form method="post" action={`/result/${jobId}`} class="stack portrait-verify-form">
						<PhoneField
							id="result-phone"
							label={t("portraits:result.phoneLabel")}
							hint={t("portraits:result.phoneHint")}
							error={message ?? undefined}
							errorKind={error?.kind}
						/>
						<button type="submit" class="button button-primary">
							{t("portraits:result.verifySubmit")}
						</button>
					</form>
				</section>
			)}
		</Layout>
	);
}

/** Props of {@link ResultPage}. */
export type ResultPageProps = {
	result: PortraitResult;
	/** `expires_at` in UTC. */
	expiresAt: string;
	nowMs: number;
	/** The survey's state: open (the form), just answered, or answered before. */
	survey: "open" | "thanks" | "already";
	viewer?: Viewer | null;
};

function SurveyForm({ jobId, state }: { jobId: string; state: ResultPageProps["survey"] }) {
	const { t } = useI18n();
	return (
		<section class="card portrait-survey" aria-labelledby="survey-title" data-survey={state}>
			<h2 class="card-title" id="survey-title">
				{t("portraits:result.surveyHeading")}
			</h2>
			{state === "open" ? (
				<form method="post" action={`/result/${jobId}/survey`} class="stack">
					<fieldset class="portrait-rating">
						<legend>{t("portraits:result.ratingLegend")}</legend>
						{[5, 4, 3, 2, 1].map((n) => (
							<label>
								<input type="radio" name="rating" value={String(n)} required checked={n === 5} /> {t("portraits:result.rating", { n })}
							</label>
						))}
					</fieldset>
					<div class="field">
						<label for="survey-comment">{t("portraits:result.commentLabel")}</label>
						<textarea id="survey-comment" name="comment" rows={3} maxlength={2000} />
					</div>
					<button type="submit" class="button button-primary">
						{t("portraits:result.surveySubmit")}
					</button>
				</form>
			) : (
				<p class="notice" role="status">
					{state === "thanks" ? t("portraits:result.surveyThanks") : t("portraits:result.surveyAlready")}
				</p>
			)}
		</section>
	);
}

/**
 * `/result/:id` for the verified person: the three portraits (Worker-served links valid one
 * hour) with a download each, the report and the recommended care methods from the knowledge
 * base, the deletion time in KST with the time left, and the survey.
 */
export function ResultPage({ result, expiresAt, nowMs, survey, viewer }: ResultPageProps) {
	const { t, money } = useI18n();
	const { report } = result;
	return (
		<Layout title={t("portraits:result.title")} viewer={viewer} noindex noReferrer>
			<link rel="stylesheet" href="/css/portraits.css" />
			<p class="eyebrow">{t("portraits:brand")}</p>
			<h1>{t("portraits:result.title")}</h1>
			<DeletionNotice expiresAt={expiresAt} nowMs={nowMs} />
			<section aria-labelledby="portraits-title" class="portrait-results">
				<h2 id="portraits-title">{t("portraits:result.portraitsHeading")}</h2>
				<ul class="portrait-gallery">
					{result.images.map((image) => (
						<li data-position={image.position}>
							<img src={image.url} alt={t("portraits:result.portraitAlt", { n: image.position + 1 })} width={384} height={512} loading="lazy" />
							<a class="button button-secondary" href={image.download_url} download>
								{t("portraits:result.download", { n: image.position + 1 })}
							</a>
						</li>
					))}
				</ul>
				<p class="small muted">{t("portraits:result.linksNote")}</p>
			</section>
			<section class="card portrait-report" aria-labelledby="report-title">
				<h2 class="card-title" id="report-title">
					{t("portraits:result.reportHeading")}
				</h2>
				{result.report_writer === "template" ? <p class="small muted">{t("portraits:result.templateNote")}</p> : null}
				<p>{report.summary}</p>
				<h3>{t("portraits:result.improvements")}</h3>
				<ul>
					{report.improvements.map((item) => (
						<li>
							<strong>{item.area}</strong>: {item.description}
						</li>
					))}
				</ul>
				<dl>
					<dt>{t("portraits:result.timeline")}</dt>
					<dd>{report.timeline}</dd>
					<dt>{t("portraits:result.estimatedCost")}</dt>
					<dd>{report.estimated_cost}</dd>
				</dl>
			</section>
			{result.recommendations.length > 0 ? (
				<section class="card portrait-recommendations" aria-labelledby="recommendations-title">
					<h2 class="card-title" id="recommendations-title">
						{t("portraits:result.recommendationsHeading")}
					</h2>
					<ul>
						{result.recommendations.map((item) => (
							<li data-code={item.code}>
								<strong>{item.name}</strong> <span class="muted small">({item.area})</span>
								<p>{item.description}</p>
								<p class="small muted">{t("portraits:result.cost", { min: money(item.cost_min, "krw"), max: money(item.cost_max, "krw") })}</p>
							</li>
						))}
					</ul>
				</section>
			) : null}
			<SurveyForm jobId={result.job.id} state={survey} />
		</Layout>
	);
}

/** `/result/:id` after the deletion (410): what happened, and when. */
export function ResultGonePage({ deletedAt, viewer }: { deletedAt: string | null; viewer?: Viewer | null }) {
	const { t, locale } = useI18n();
	return (
		<Layout title={t("portraits:result.goneTitle")} viewer={viewer} noindex noReferrer narrow>
			<link rel="stylesheet" href="/css/portraits.css" />
			<p class="eyebrow">{t("portraits:brand")}</p>
			<h1 data-gone>{t("portraits:result.goneTitle")}</h1>
			<p>{t("portraits:result.goneBody")}</p>
			{deletedAt ? <p class="small muted">{t("portraits:result.goneDeletedAt", { time: kstDateTime(locale, deletedAt) })}</p> : null}
		</Layout>
	);
}
