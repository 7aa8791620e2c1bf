import type { Viewer } from "../../accounts/viewer";
import type { GenerationView } from "../../generation/queries";
import { formatBytes, formatDateTime } from "../../lib/format";
import { Layout } from "../layout";
import { GENERATION_STATUS, JOB_STATUS_LABELS, VisibilityForm } from "./generation-card";

/** Props of {@link GenerationPage}. */
export type GenerationPageProps = {
	/** Who is looking, for the header (`c.var.viewer`). */
	viewer?: Viewer | null;
	generation: GenerationView;
	/** Set when the viewer owns the generation. */
	owner?: { csrfToken: string; progressToken: string };
};

/**
 * A generation's own page: the image with the artist's signature stamped in, who signed it, the
 * style it was made in, its status (live while it is in the works) and, for its owner, the
 * public/private switch.
 */
export function GenerationPage({ generation, owner, viewer }: GenerationPageProps) {
	const status = GENERATION_STATUS[generation.status];
	const pending = generation.status === "queued" || generation.status === "processing";
	const live = pending && owner && generation.gpu_job_id;
	return (
		<Layout
			title={generation.prompt}
			viewer={viewer}
			noindex={generation.visibility !== "public"}
			description={`An image in ${generation.style.title} by ${generation.artist.name}.`}
		>
			<article class="generation-page">
				<figure class="generation-figure">
					{generation.image_url ? (
						<img src={generation.image_url} alt={generation.prompt} width={generation.width} height={generation.height} />
					) : (
						<span class={`generation-placeholder aspect-${generation.aspect.replace(":", "-")}`}>
							{pending ? <span class="spinner" aria-hidden="true" /> : null}
							<span>{status.label}</span>
						</span>
					)}
					<figcaption class="generation-signature">
						Signed by <strong>{generation.artist.name}</strong> · style{" "}
						<a href={`/styles/${encodeURIComponent(generation.style.slug)}`}>{generation.style.title}</a>
					</figcaption>
				</figure>
				<div class="generation-details">
					<h1 class="generation-title">{generation.prompt}</h1>
					<p>
						<span class={`badge badge-${status.tone}`}>{status.label}</span>
					</p>
					{live ? (
						<div class="generation-progress" data-progress-token={owner.progressToken} data-status-labels={JOB_STATUS_LABELS}>
							<div data-job-id={generation.gpu_job_id}>
								<progress max="100" aria-label="Progress" />
								<span class="small muted" data-job-status>
									{status.label}
								</span>
							</div>
							<p class="small">
								<a href={`/generations/${generation.id}`}>Refresh</a>
							</p>
						</div>
					) : null}
					{generation.error ? (
						<p class="alert alert-error">
							{generation.error.message} The {generation.cost_credits} credits held for it were refunded.
						</p>
					) : null}
					<dl class="summary-list">
						<div>
							<dt>Style</dt>
							<dd>
								<a href={`/styles/${encodeURIComponent(generation.style.slug)}`}>{generation.style.title}</a>
							</dd>
						</div>
						<div>
							<dt>Artist</dt>
							<dd>{generation.artist.name}</dd>
						</div>
						<div>
							<dt>Size</dt>
							<dd>
								{generation.width}×{generation.height} ({generation.aspect}){generation.size ? ` · ${formatBytes(generation.size)}` : ""}
							</dd>
						</div>
						<div>
							<dt>Created</dt>
							<dd>{formatDateTime(generation.created_at)}</dd>
						</div>
						{generation.sha256 ? (
							<div>
								<dt>SHA-256</dt>
								<dd class="mono break small">{generation.sha256}</dd>
							</div>
						) : null}
					</dl>
					{owner ? <VisibilityForm generation={generation} csrfToken={owner.csrfToken} returnTo={`/generations/${generation.id}`} /> : null}
					{owner ? (
						<p class="small">
							<a href="/me">← My generations</a>
						</p>
					) : (
						<p class="small">
							<a href="/feed">← Public feed</a>
						</p>
					)}
				</div>
			</article>
			{live ? <script src="/js/job-progress.js" defer /> : null}
			{live ? <script src="/js/me.js" defer /> : null}
		</Layout>
	);
}
