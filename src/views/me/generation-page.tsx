import type { Viewer } from "../../accounts/viewer";
import type { GenerationView } from "../../generation/queries";
import { useI18n } from "../../i18n/context";
import { Layout } from "../layout";
import { GENERATION_STATUS_TONE, jobStatusLabels, VisibilityForm } from "./generation-card";

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
	const { t, bytes, dateTime } = useI18n();
	const status = { label: t(`styles:generation.status.${generation.status}`), tone: GENERATION_STATUS_TONE[generation.status] };
	const pending = generation.status === "queued" || generation.status === "processing";
	const live = pending && owner && generation.gpu_job_id;
	return (
		<Layout
			title={generation.prompt}
			viewer={viewer}
			noindex={generation.visibility !== "public"}
			description={t("styles:generation.description", { style: generation.style.title, artist: generation.artist.name })}
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
						{t("styles:generation.signedBy")} <strong>{generation.artist.name}</strong> · {t("styles:generation.styleWord")}{" "}
						<a href={`/styles/${encodeURIComponent(generation.style.slug)}`}>{generation.style.title}</a>
					</figcaption>
				</figure>
				<div class="generation-details">
					<h1 class="generation-title">{generation.prompt}</h1>
					<p>
						<span class={`badge badge-${status.tone}`}>{status.label}</span>
					</p>
					{live ? (
						<div class="generation-progress" data-progress-token={owner.progressToken} data-status-labels={jobStatusLabels(t)}>
							<div data-job-id={generation.gpu_job_id}>
								<progress max="100" aria-label={t("styles:generation.progress")} />
								<span class="small muted" data-job-status>
									{status.label}
								</span>
							</div>
							<p class="small">
								<a href={`/generations/${generation.id}`}>{t("styles:generation.refresh")}</a>
							</p>
						</div>
					) : null}
					{generation.error ? (
						<p class="alert alert-error">
							<strong>{generation.error.code}</strong>: {t("errors:message.GENERATION_FAILED")} {generation.error.message} ({generation.error.reason}){" "}
							{t("styles:generation.refunded", { count: generation.cost_credits })}
						</p>
					) : null}
					<dl class="summary-list">
						<div>
							<dt>{t("styles:generation.style")}</dt>
							<dd>
								<a href={`/styles/${encodeURIComponent(generation.style.slug)}`}>{generation.style.title}</a>
							</dd>
						</div>
						<div>
							<dt>{t("styles:generation.artist")}</dt>
							<dd>{generation.artist.name}</dd>
						</div>
						<div>
							<dt>{t("styles:generation.size")}</dt>
							<dd>
								{generation.width}×{generation.height} ({generation.aspect}){generation.size ? ` · ${bytes(generation.size)}` : ""}
							</dd>
						</div>
						<div>
							<dt>{t("styles:generation.created")}</dt>
							<dd>{dateTime(generation.created_at)}</dd>
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
							<a href="/me">{t("styles:generation.backToMine")}</a>
						</p>
					) : (
						<p class="small">
							<a href="/feed">{t("styles:generation.backToFeed")}</a>
						</p>
					)}
				</div>
			</article>
			{live ? <script src="/js/job-progress.js" defer /> : null}
			{live ? <script src="/js/me.js" defer /> : null}
		</Layout>
	);
}
