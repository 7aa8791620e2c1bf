import type { GenerationView } from "../../generation/queries";
import { useI18n } from "../../i18n/context";
import type { I18n } from "../../i18n/i18n";
import type { GenerationStatus } from "../../shared/styles";

/** The badge tone of each generation status; its words are `styles:generation.status.<status>`. */
export const GENERATION_STATUS_TONE: Record<GenerationStatus, string> = {
	queued: "info",
	processing: "info",
	completed: "success",
	failed: "danger",
};

/** GPU job statuses public/js/job-progress.js may report. */
const JOB_STATUSES = ["queued", "starting", "running", "retrying", "succeeded", "failed", "canceled", "expired"] as const;

/**
 * Labels for the live progress script (public/js/job-progress.js), by GPU job status, in the
 * reader's language: the script cannot read catalogues, so the page hands them over as JSON in
 * `data-status-labels`.
 */
export function jobStatusLabels(t: I18n["t"]): string {
	return JSON.stringify(Object.fromEntries(JOB_STATUSES.map((status) => [status, t(`styles:generation.job.${status}`)])));
}

/** Props of {@link GenerationCard}. */
export type GenerationCardProps = {
	generation: GenerationView;
	/** The viewer owns it: show the public/private switch (a form posting `_csrf`). */
	owner?: { csrfToken: string; returnTo: string };
};

/** The public/private switch of one generation: a plain form, so it works without JavaScript. */
export function VisibilityForm({ generation, csrfToken, returnTo }: { generation: GenerationView; csrfToken: string; returnTo: string }) {
	const makePublic = generation.visibility === "private";
	const { t } = useI18n();
	return (
		<form method="post" action={`/generations/${generation.id}/visibility`} class="visibility-form">
			<input type="hidden" name="_csrf" value={csrfToken} />
			<input type="hidden" name="visibility" value={makePublic ? "public" : "private"} />
			<input type="hidden" name="return_to" value={returnTo} />
			<span class={`badge badge-${makePublic ? "neutral" : "success"}`}>{makePublic ? t("styles:generation.private") : t("styles:generation.public")}</span>
			<button type="submit" class="button button-ghost button-sm">
				{makePublic ? t("styles:generation.makePublic") : t("styles:generation.makePrivate")}
			</button>
		</form>
	);
}

/**
 * One generated image as a card: the image once ready, otherwise its status with a progress
 * bar that public/js/job-progress.js moves live (`data-job-id`), the prompt, the style and the
 * artist who signs it.
 */
export function GenerationCard({ generation, owner }: GenerationCardProps) {
	const { t, dateTime } = useI18n();
	const status = { label: t(`styles:generation.status.${generation.status}`), tone: GENERATION_STATUS_TONE[generation.status] };
	const pending = generation.status === "queued" || generation.status === "processing";
	return (
		<li class="card generation-card" data-generation-id={generation.id} data-generation-status={generation.status}>
			<a class="generation-media" href={`/generations/${generation.id}`} aria-label={t("styles:generation.cardLabel", { prompt: generation.prompt })}>
				{generation.image_url ? (
					<img src={generation.image_url} alt={generation.prompt} width={generation.width} height={generation.height} loading="lazy" />
				) : (
					<span class={`generation-placeholder aspect-${generation.aspect.replace(":", "-")}`}>
						{pending ? <span class="spinner" aria-hidden="true" /> : null}
						<span>{status.label}</span>
					</span>
				)}
			</a>
			<div class="generation-body">
				<div class="generation-status">
					<span class={`badge badge-${status.tone}`}>{status.label}</span>
					<span class="small muted">
						{generation.aspect} · {t("styles:generation.cost", { count: generation.cost_credits })}
					</span>
				</div>
				{pending && generation.gpu_job_id ? (
					<div class="generation-progress" data-job-id={generation.gpu_job_id}>
						<progress max="100" aria-label={t("styles:generation.progress")} />
						<span class="small muted" data-job-status>
							{status.label}
						</span>
					</div>
				) : null}
				<p class="generation-prompt">{generation.prompt}</p>
				<p class="small muted">
					<a href={`/styles/${encodeURIComponent(generation.style.slug)}`}>{generation.style.title}</a> ·{" "}
					{t("styles:generation.signedByName", { name: generation.artist.name })}
				</p>
				{generation.error ? (
					<p class="small generation-error">
						<strong>{generation.error.code}</strong>: {generation.error.message}
					</p>
				) : null}
				<p class="small muted">{dateTime(generation.created_at)}</p>
				{owner ? <VisibilityForm generation={generation} csrfToken={owner.csrfToken} returnTo={owner.returnTo} /> : null}
			</div>
		</li>
	);
}
