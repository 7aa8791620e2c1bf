import type { Viewer } from "../../accounts/viewer";
import { plural } from "../../lib/format";
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

const ASPECT_LABELS: Record<ImageAspect, string> = { "1:1": "Square", "2:2": "Large square", "1:2": "Portrait" };

/** Labels job-progress.js writes for a generation job's statuses. */
const GENERATION_JOB_LABELS = JSON.stringify({
	queued: "Queued",
	starting: "Starting",
	running: "Generating",
	retrying: "Retrying",
	succeeded: "Done",
	failed: "Failed",
	canceled: "Canceled",
	expired: "Timed out",
});

function GenerateForm({ style, viewer, form }: Pick<StylePageProps, "style" | "viewer" | "form">) {
	const signInHref = `/auth/login?return_to=${encodeURIComponent(`/styles/${style.slug}`)}`;
	if (!viewer.user) {
		return (
			<div class="card generate-card">
				<h2 class="card-title">Generate in this style</h2>
				<p class="muted">Sign in to generate images. New accounts get 100 free credits.</p>
				<a class="button button-primary button-block" href={signInHref}>
					Sign in to generate
				</a>
			</div>
		);
	}
	const aspect = form?.aspect ?? "1:1";
	return (
		<div class="card generate-card">
			<h2 class="card-title">Generate in this style</h2>
			<form
				method="post"
				action={`/styles/${encodeURIComponent(style.slug)}/generate`}
				data-generate-api={`/api/styles/${encodeURIComponent(style.id)}/generations`}
				data-csrf={viewer.user.csrfToken}
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
					<label for="generate-prompt">Prompt</label>
					<textarea id="generate-prompt" name="prompt" rows={3} maxlength={500} required placeholder="lighthouse, stormy sea, dusk">
						{form?.prompt ?? ""}
					</textarea>
					<p class="field-hint">English keywords, separated by commas.</p>
				</div>
				<fieldset class="field aspect-options">
					<legend>Aspect</legend>
					{(Object.keys(GENERATION_SIZES) as ImageAspect[]).map((key) => (
						<label class="aspect-option">
							<input type="radio" name="aspect" value={key} checked={key === aspect} />
							<span>
								{ASPECT_LABELS[key]} <span class="muted small">{`${key} · ${GENERATION_SIZES[key].width}×${GENERATION_SIZES[key].height}`}</span>
							</span>
						</label>
					))}
				</fieldset>
				<button class="button button-primary button-block" type="submit">
					Generate for {plural(style.price_credits, "credit")}
				</button>
				<p class="field-hint">
					Your balance: {plural(viewer.user.credits, "credit")} · <a href="/credits">buy credits</a>
				</p>
			</form>
			<section class="generate-results" aria-live="polite" data-progress-token={viewer.user.progressToken} data-status-labels={GENERATION_JOB_LABELS}>
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
	return (
		<Layout title={style.title} viewer={headerViewer} description={style.description || `Images in ${style.title} by ${style.artist.name}.`}>
			<nav class="breadcrumbs small" aria-label="Breadcrumb">
				<a href="/styles">Styles</a> / <span aria-current="page">{style.title}</span>
			</nav>
			<div class="style-layout">
				<section class="style-main" aria-labelledby="style-title">
					<p class="eyebrow">Style by {style.artist.name}</p>
					<h1 id="style-title">{style.title}</h1>
					{style.description ? <p class="lead">{style.description}</p> : null}
					<TagList tags={style.tags} />
					<p class="meta-row small muted">
						<PricePerImage credits={style.price_credits} /> {plural(style.generation_count, "image")} made in this style
					</p>
					{viewer.isOwner ? (
						<p class="notice small">
							This is your style. <a href={`/studio/styles/${encodeURIComponent(style.id)}`}>Manage it in your studio</a>.
						</p>
					) : null}
					<h2 class="section-title">Sample gallery</h2>
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
						<p class="muted">No public images yet: be the first to make one.</p>
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
