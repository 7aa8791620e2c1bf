import type { GenerationView } from "../../generation/queries";
import { formatDateTime } from "../../lib/format";
import type { GenerationStatus } from "../../shared/styles";

/** Each generation status in words, with the badge tone it shows in. */
export const GENERATION_STATUS: Record<GenerationStatus, { label: string; tone: string }> = {
	queued: { label: "Queued", tone: "info" },
	processing: { label: "Generating…", tone: "info" },
	completed: { label: "Ready", tone: "success" },
	failed: { label: "Failed", tone: "danger" },
};

/** Labels for the live progress script (public/js/job-progress.js), by GPU job status. */
export const JOB_STATUS_LABELS = JSON.stringify({
	queued: "Queued",
	starting: "Starting…",
	running: "Generating…",
	retrying: "Retrying…",
	succeeded: "Ready",
	failed: "Failed",
	canceled: "Canceled",
	expired: "Timed out",
});

/** Props of {@link GenerationCard}. */
export type GenerationCardProps = {
	generation: GenerationView;
	/** The viewer owns it: show the public/private switch (a form posting `_csrf`). */
	owner?: { csrfToken: string; returnTo: string };
};

/** The public/private switch of one generation: a plain form, so it works without JavaScript. */
export function VisibilityForm({ generation, csrfToken, returnTo }: { generation: GenerationView; csrfToken: string; returnTo: string }) {
	const makePublic = generation.visibility === "private";
	return (
		<form method="post" action={`/generations/${generation.id}/visibility`} class="visibility-form">
			<input type="hidden" name="_csrf" value={csrfToken} />
			<input type="hidden" name="visibility" value={makePublic ? "public" : "private"} />
			<input type="hidden" name="return_to" value={returnTo} />
			<span class={`badge badge-${makePublic ? "neutral" : "success"}`}>{makePublic ? "Private" : "Public"}</span>
			<button type="submit" class="button button-ghost button-sm">
				{makePublic ? "Make public" : "Make private"}
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
	const status = GENERATION_STATUS[generation.status];
	const pending = generation.status === "queued" || generation.status === "processing";
	return (
		<li class="card generation-card" data-generation-id={generation.id} data-generation-status={generation.status}>
			<a class="generation-media" href={`/generations/${generation.id}`} aria-label={`Generation: ${generation.prompt}`}>
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
						{generation.aspect} · {generation.cost_credits} credits
					</span>
				</div>
				{pending && generation.gpu_job_id ? (
					<div class="generation-progress" data-job-id={generation.gpu_job_id}>
						<progress max="100" aria-label="Progress" />
						<span class="small muted" data-job-status>
							{status.label}
						</span>
					</div>
				) : null}
				<p class="generation-prompt">{generation.prompt}</p>
				<p class="small muted">
					<a href={`/styles/${encodeURIComponent(generation.style.slug)}`}>{generation.style.title}</a> · signed by {generation.artist.name}
				</p>
				{generation.error ? <p class="small generation-error">{generation.error.message}</p> : null}
				<p class="small muted">{formatDateTime(generation.created_at)}</p>
				{owner ? <VisibilityForm generation={generation} csrfToken={owner.csrfToken} returnTo={owner.returnTo} /> : null}
			</div>
		</li>
	);
}
