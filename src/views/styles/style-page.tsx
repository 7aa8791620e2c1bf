import type { Viewer } from "../../accounts/viewer";
import { useI18n } from "../../i18n/context";
import type { ImageAspect } from "../../shared/gpu-jobs";
import { GENERATION_SIZES } from "../../shared/styles";
import type { PublicStyleJson } from "../../styles/style-view";
import { Layout } from "../layout";
import { PricePerImage, TagList } from "./style-parts";

/** One image of the sample gallery. */
export type GalleryImage = { id: string; prompt: string; width: number; height: number; image_url: string };

/** Who is looking, as the generate form needs it. */
export type StylePageViewer = {
	/** Null when signed out: the form becomes a "Sign in" link back here. */
	user: { csrfToken: string; progressToken: string; credits: number } | null;
	/** True when the viewer is the style's artist. */
	isOwner: boolean;
};

/** Props of {@link StylePage}. */
export type StylePageProps = {
	/** Who is looking, for the storefront header (`c.var.viewer`). */
	headerViewer?: Viewer | null;
	style: PublicStyleJson;
	gallery: GalleryImage[];
	viewer: StylePageViewer;
	/** What the form held when it was sent back with an error. */
	form?: { prompt: string; aspect: ImageAspect; error?: string };
};

/** The catalogue key of each aspect's name (`styles:stylePage.aspects.*`). */
const ASPECT_KEYS = { "1:1": "square", "2:2": "largeSquare", "1:2": "portrait" } as const satisfies Record<ImageAspect, string>;

const GENERATION_JOB_STATUSES = ["queued", "starting", "running", "retrying", "succeeded", "failed", "canceled", "expired"] as const;

function GenerateForm({ style, viewer, form }: Pick<StylePageProps, "style" | "viewer" | "form">) {
	const { t } = useI18n();
	const signInHref = `/auth/login?return_to=${encodeURIComponent(`/styles/${style.slug}`)}`;
	if (!viewer.user) {
		return (
			<div class="card generate-card">
				<h2 class="card-title">{t("styles:stylePage.generateTitle")}</h2>
				<p class="muted">{t("styles:stylePage.signInText")}</p>
				<a class="button button-primary button-block" href={signInHref}>
					{t("styles:stylePage.signIn")}
				</a>
			</div>
		);
	}
	const aspect = form?.aspect ?? "1:1";
	// job-progress.js writes these for the job's statuses; generate.js shows the data-msg-* messages ({placeholders} filled in there).
	const jobLabels = JSON.stringify(Object.fromEntries(GENERATION_JOB_STATUSES.map((status) => [status, t(`styles:stylePage.job.${status}`)])));
	return (
		<div class="card generate-card">
			<h2 class="card-title">{t("styles:stylePage.generateTitle")}</h2>
			<form
				method="post"
				action={`/styles/${encodeURIComponent(style.slug)}/generate`}
				data-generate-api={`/api/styles/${encodeURIComponent(style.id)}/generations`}
				data-csrf={viewer.user.csrfToken}
				data-msg-progress={t("styles:stylePage.client.progress")}
				data-msg-queued={t("styles:stylePage.job.queued")}
				data-msg-queued-later={t("styles:stylePage.client.queuedLater")}
				data-msg-failed={t("styles:stylePage.client.failed")}
				data-msg-refunded={t("styles:stylePage.client.refunded", { credits: "{credits}" })}
				data-msg-not-queued={t("styles:stylePage.client.notQueued", { status: "{status}" })}
				data-msg-network={t("styles:stylePage.client.network")}
			>
				<input type="hidden" name="_csrf" value={viewer.user.csrfToken} />
				{form?.error ? (
					<p class="alert alert-error" role="alert" data-generate-error>
						{form.error}
					</p>
				) : (
					<p class="alert alert-error" role="alert" data-generate-error hidden />
				)}
				<div class="field">
					<label for="generate-prompt">{t("styles:stylePage.prompt")}</label>
					<textarea id="generate-prompt" name="prompt" rows={3} maxlength={500} required placeholder={t("styles:stylePage.promptPlaceholder")}>
						{form?.prompt ?? ""}
					</textarea>
					<p class="field-hint">{t("styles:stylePage.promptHint")}</p>
				</div>
				<fieldset class="field aspect-options">
					<legend>{t("styles:stylePage.aspect")}</legend>
					{(Object.keys(GENERATION_SIZES) as ImageAspect[]).map((key) => (
						<label class="aspect-option">
							<input type="radio" name="aspect" value={key} checked={key === aspect} />
							<span>
								{t(`styles:stylePage.aspects.${ASPECT_KEYS[key]}`)}{" "}
								<span class="muted small">{`${key} · ${GENERATION_SIZES[key].width}×${GENERATION_SIZES[key].height}`}</span>
							</span>
						</label>
					))}
				</fieldset>
				<button class="button button-primary button-block" type="submit">
					{t("styles:stylePage.generate", { count: style.price_credits })}
				</button>
				<p class="field-hint">
					{t("styles:stylePage.balance", { count: viewer.user.credits })} · <a href="/credits">{t("styles:stylePage.buyCredits")}</a>
				</p>
			</form>
			<section class="generate-results" aria-live="polite" data-progress-token={viewer.user.progressToken} data-status-labels={jobLabels}>
				<ul class="generate-list" data-generate-results />
			</section>
		</div>
	);
}

/**
 * A style's page: its description, tags, artist and price, a gallery of public images made in it,
 * and the generate form (a plain form post without JavaScript; generate.js sends it to the API
 * and shows the image's progress in place).
 */
export function StylePage({ style, gallery, viewer, form, headerViewer }: StylePageProps) {
	const { t } = useI18n();
	return (
		<Layout
			title={style.title}
			viewer={headerViewer}
			description={style.description || t("styles:stylePage.description", { title: style.title, artist: style.artist.name })}
		>
			<nav class="breadcrumbs small" aria-label={t("styles:parts.breadcrumb")}>
				<a href="/styles">{t("styles:stylePage.styles")}</a> / <span aria-current="page">{style.title}</span>
			</nav>
			<div class="style-layout">
				<section class="style-main" aria-labelledby="style-title">
					<p class="eyebrow">{t("styles:stylePage.styleBy", { name: style.artist.name })}</p>
					<h1 id="style-title">{style.title}</h1>
					{style.description ? <p class="lead">{style.description}</p> : null}
					<TagList tags={style.tags} />
					<p class="meta-row small muted">
						<PricePerImage credits={style.price_credits} /> {t("styles:stylePage.madeInStyle", { count: style.generation_count })}
					</p>
					{viewer.isOwner ? (
						<p class="notice small">
							{t("styles:stylePage.yourStyle")} <a href={`/studio/styles/${encodeURIComponent(style.id)}`}>{t("styles:stylePage.manage")}</a>
						</p>
					) : null}
					<h2 class="section-title">{t("styles:stylePage.gallery")}</h2>
					{gallery.length > 0 ? (
						<ul class="style-gallery">
							{gallery.map((image) => (
								<li>
									<a href={`/generations/${encodeURIComponent(image.id)}`}>
										<img src={image.image_url} alt={image.prompt} width={image.width} height={image.height} loading="lazy" />
									</a>
								</li>
							))}
						</ul>
					) : (
						<p class="muted">{t("styles:stylePage.noGallery")}</p>
					)}
				</section>
				<aside class="style-aside">
					<GenerateForm style={style} viewer={viewer} form={form} />
				</aside>
			</div>
			{viewer.user ? <script src="/js/job-progress.js" defer /> : null}
			{viewer.user ? <script src="/js/generate.js" defer /> : null}
		</Layout>
	);
}
