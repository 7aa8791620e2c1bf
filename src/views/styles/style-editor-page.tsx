import type { Viewer } from "../../accounts/viewer";
import { useI18n } from "../../i18n/context";
import type { I18n } from "../../i18n/i18n";
import { MAX_TRAINING_IMAGES, MIN_TRAINING_IMAGES } from "../../styles/config";
import type { OwnerStyleJson, styleImageJson } from "../../styles/style-view";
import { Layout } from "../layout";
import { StylePacksPanel } from "../style-packs/packs-panel";
import { StyleStatusBadge, TagList, useTrainingJobLabels } from "./style-parts";

type StyleImage = ReturnType<typeof styleImageJson>;

/** Field values of the details form (as sent back after an error). */
export type StyleFormValues = { title: string; description: string; tags: string; price_credits: string };

/** Props of {@link StyleEditorPage}. */
export type StyleEditorPageProps = {
	/** Who is looking, for the storefront header (`c.var.viewer`). */
	viewer?: Viewer | null;
	csrfToken: string;
	/** The style being edited; absent on the "new style" page. */
	style?: OwnerStyleJson;
	images?: StyleImage[];
	/** A progress token for the artist's jobs, when the style is training. */
	progressToken?: string;
	/** What to show in the form after a failed post, and why it failed. */
	form?: StyleFormValues;
	error?: string;
	/** A one-line confirmation after a successful post ("Saved."). */
	notice?: string;
};

function valuesOf(style: OwnerStyleJson | undefined, form: StyleFormValues | undefined): StyleFormValues {
	if (form) return form;
	if (!style) return { title: "", description: "", tags: "", price_credits: "5" };
	const titleTag = style.tags[0];
	return {
		title: style.title,
		description: style.description,
		tags: style.tags.filter((tag) => tag !== titleTag).join(", "),
		price_credits: String(style.price_credits),
	};
}

function DetailsForm({ style, csrfToken, values }: { style?: OwnerStyleJson; csrfToken: string; values: StyleFormValues }) {
	const { t } = useI18n();
	const action = style ? `/studio/styles/${encodeURIComponent(style.id)}` : "/studio/styles";
	return (
		<form method="post" action={action} class="card studio-card">
			<h2 class="card-title">{t("styles:editor.details.title")}</h2>
			<input type="hidden" name="_csrf" value={csrfToken} />
			<div class="field">
				<label for="style-title">{t("styles:editor.details.titleLabel")}</label>
				<input id="style-title" type="text" name="title" value={values.title} required minlength={3} maxlength={80} />
				<p class="field-hint">{t("styles:editor.details.titleHint")}</p>
			</div>
			<div class="field">
				<label for="style-description">{t("styles:editor.details.description")}</label>
				<textarea id="style-description" name="description" rows={4} maxlength={2000}>
					{values.description}
				</textarea>
			</div>
			<div class="field">
				<label for="style-tags">{t("styles:editor.details.tags")}</label>
				<input id="style-tags" type="text" name="tags" value={values.tags} placeholder={t("styles:editor.details.tagsPlaceholder")} />
				<p class="field-hint">{t("styles:editor.details.tagsHint")}</p>
			</div>
			<div class="field">
				<label for="style-price">{t("styles:editor.details.price")}</label>
				<input id="style-price" type="number" name="price_credits" value={values.price_credits} min={1} max={1000} required />
			</div>
			<button class="button button-primary" type="submit">
				{style ? t("styles:editor.details.save") : t("styles:editor.details.create")}
			</button>
		</form>
	);
}

function TrainingPanel({ style, csrfToken, progressToken }: { style: OwnerStyleJson; csrfToken: string; progressToken?: string }) {
	const { t, dateTime, list } = useI18n();
	const trainingJobLabels = useTrainingJobLabels();
	const editable = style.status === "pending" || style.status === "failed";
	const missing: string[] = [];
	if (style.image_count < MIN_TRAINING_IMAGES) missing.push(t("styles:editor.training.needImages", { min: MIN_TRAINING_IMAGES, have: style.image_count }));
	if (!style.signature) missing.push(t("styles:editor.training.needSignature"));
	return (
		<section class="card studio-card" aria-labelledby="training-title">
			<h2 class="card-title" id="training-title">
				{t("styles:editor.training.title")} <StyleStatusBadge status={style.status} />
			</h2>
			{style.status === "training" && style.training.job_id ? (
				<div class="training-progress" data-progress-token={progressToken} data-status-labels={trainingJobLabels}>
					<div data-job-id={style.training.job_id} data-training-job>
						<progress max="100" value={style.training.progress.percent} aria-label={t("styles:editor.training.progress")} />
						<span class="small muted" data-job-status>
							{style.training.progress.step
								? t("styles:editor.training.step", { step: style.training.progress.step, percent: style.training.progress.percent })
								: t("styles:editor.training.waiting")}
						</span>
					</div>
					<p class="small muted">
						{t("styles:editor.training.takesMinutes")} <a href={`/studio/styles/${encodeURIComponent(style.id)}`}>{t("styles:editor.training.refresh")}</a>
					</p>
				</div>
			) : null}
			{style.status === "training" && !style.training.job_id ? <p class="small muted">{t("styles:editor.training.submitting")}</p> : null}
			{style.status === "failed" && style.training.error ? (
				<p class="alert alert-error" role="alert">
					<strong>{style.training.error.code}</strong>: {style.training.error.message}
				</p>
			) : null}
			{style.status === "completed" ? (
				<p>
					{style.trained_at ? `${t("styles:editor.training.trained", { date: dateTime(style.trained_at) })} ` : null}
					{t("styles:editor.training.liveBefore")}
					<a href={`/styles/${encodeURIComponent(style.slug)}`}>{t("styles:editor.training.liveLink")}</a>
					{t("styles:editor.training.liveAfter")}
				</p>
			) : null}
			{editable ? (
				<form method="post" action={`/studio/styles/${encodeURIComponent(style.id)}/train`}>
					<input type="hidden" name="_csrf" value={csrfToken} />
					{missing.length > 0 ? <p class="small muted">{t("styles:editor.training.before", { items: list(missing) })}</p> : null}
					<button class="button button-primary" type="submit" disabled={missing.length > 0}>
						{style.status === "failed" ? t("styles:editor.training.again") : t("styles:editor.training.start")}
					</button>
				</form>
			) : null}
		</section>
	);
}

function SignaturePanel({ style, csrfToken }: { style: OwnerStyleJson; csrfToken: string }) {
	const { t } = useI18n();
	return (
		<section class="card studio-card" aria-labelledby="signature-title">
			<h2 class="card-title" id="signature-title">
				{t("styles:editor.signature.title")}
			</h2>
			<p class="small muted">{t("styles:editor.signature.hint")}</p>
			{style.signature ? (
				<img
					class="signature-preview"
					src={`/studio/styles/${encodeURIComponent(style.id)}/signature?v=${style.signature.sha256.slice(0, 12)}`}
					alt={t("styles:editor.signature.currentAlt")}
				/>
			) : (
				<p class="notice small">{t("styles:editor.signature.none")}</p>
			)}
			<form method="post" action={`/studio/styles/${encodeURIComponent(style.id)}/signature`} enctype="multipart/form-data">
				<input type="hidden" name="_csrf" value={csrfToken} />
				<div class="field">
					<label for="signature-file">{style.signature ? t("styles:editor.signature.replace") : t("styles:editor.signature.image")}</label>
					<input id="signature-file" type="file" name="signature" accept="image/png,image/jpeg" required />
				</div>
				<button class="button button-secondary" type="submit">
					{t("styles:editor.signature.upload")}
				</button>
			</form>
		</section>
	);
}

function ImagesPanel({ style, images, csrfToken }: { style: OwnerStyleJson; images: StyleImage[]; csrfToken: string }) {
	const { t, bytes } = useI18n();
	const editable = style.status === "pending" || style.status === "failed";
	const base = `/studio/styles/${encodeURIComponent(style.id)}`;
	return (
		<section class="card studio-card" aria-labelledby="images-title">
			<h2 class="card-title" id="images-title">
				{t("styles:editor.images.title")}{" "}
				<span class="muted small" data-image-count>
					{style.image_count} / {MAX_TRAINING_IMAGES}
				</span>
			</h2>
			<p class="small muted">{t("styles:editor.images.hint", { min: MIN_TRAINING_IMAGES, max: MAX_TRAINING_IMAGES })}</p>
			{editable ? (
				<form
					method="post"
					action={`${base}/images`}
					enctype="multipart/form-data"
					class="upload-form"
					data-upload-api={`/api/styles/${encodeURIComponent(style.id)}/images`}
					data-csrf={csrfToken}
					data-msg-uploading={t("styles:editor.images.uploading", { n: "{n}" })}
					data-msg-uploading-part={t("styles:editor.images.uploadingPart", { part: "{part}", total: "{total}" })}
					data-msg-upload-failed={t("styles:editor.images.uploadFailed", { status: "{status}" })}
					data-msg-earlier-stored={t("styles:editor.images.earlierStored", { message: "{message}" })}
					data-msg-network={t("styles:editor.images.network")}
				>
					<input type="hidden" name="_csrf" value={csrfToken} />
					<div class="field">
						<label for="training-files">{t("styles:editor.images.add")}</label>
						<input id="training-files" type="file" name="images" accept="image/png,image/jpeg" multiple required />
					</div>
					<progress class="upload-progress" max="100" value="0" hidden data-upload-progress />
					<p class="small" role="status" data-upload-status />
					<button class="button button-secondary" type="submit">
						{t("styles:editor.images.upload")}
					</button>
				</form>
			) : null}
			{images.length > 0 ? (
				<ul class="training-grid">
					{images.map((image) => (
						<li class="training-item">
							<img src={`/api/styles/${encodeURIComponent(style.id)}/images/${encodeURIComponent(image.id)}`} alt={image.file_name} loading="lazy" />
							<span class="small break">{image.file_name}</span>
							<span class="small muted">
								{image.width}×{image.height} · {bytes(image.size)}
							</span>
							{editable ? (
								<form method="post" action={`${base}/images/${encodeURIComponent(image.id)}/delete`}>
									<input type="hidden" name="_csrf" value={csrfToken} />
									<button class="button button-ghost small" type="submit" aria-label={t("styles:editor.images.removeLabel", { name: image.file_name })}>
										{t("styles:editor.images.remove")}
									</button>
								</form>
							) : null}
						</li>
					))}
				</ul>
			) : (
				<p class="muted">{t("styles:editor.images.none")}</p>
			)}
		</section>
	);
}

/** Why a style cannot be deleted, or null when it can. */
function undeletableReason(style: OwnerStyleJson, t: I18n["t"]): string | null {
	if (style.status === "completed") return t("styles:editor.delete.trained");
	if (style.generation_count > 0) return t("styles:editor.delete.generated", { count: style.generation_count });
	if (style.status === "training") return t("styles:editor.delete.training");
	return null;
}

function DeletePanel({ style, csrfToken }: { style: OwnerStyleJson; csrfToken: string }) {
	const { t } = useI18n();
	const reason = undeletableReason(style, t);
	return (
		<section class="card studio-card studio-danger" aria-labelledby="delete-title">
			<h2 class="card-title" id="delete-title">
				{t("styles:editor.delete.title")}
			</h2>
			<form method="post" action={`/studio/styles/${encodeURIComponent(style.id)}/delete`}>
				<input type="hidden" name="_csrf" value={csrfToken} />
				<p class="small muted">{reason ?? t("styles:editor.delete.warning")}</p>
				<button class="button button-secondary" type="submit" disabled={reason !== null}>
					{t("styles:editor.delete.button")}
				</button>
			</form>
		</section>
	);
}

/**
 * Create or edit a style: details, signature, training images (multi-file upload; style-studio.js
 * adds upload progress), training with live progress (job-progress.js; the page reloads when the
 * job ends), the failure reason when training failed, and delete (disabled, with the reason,
 * when the database would refuse it). Every form works without JavaScript.
 */
export function StyleEditorPage({ csrfToken, style, images = [], progressToken, form, error, notice, viewer }: StyleEditorPageProps) {
	const { t } = useI18n();
	const values = valuesOf(style, form);
	const heading = style ? style.title : t("styles:editor.newStyle");
	return (
		<Layout title={style ? t("styles:editor.pageTitle", { title: style.title }) : heading} viewer={viewer} noindex>
			<nav class="breadcrumbs small" aria-label={t("styles:parts.breadcrumb")}>
				<a href="/studio">{t("styles:editor.studio")}</a> / <span aria-current="page">{heading}</span>
			</nav>
			<h1>{heading}</h1>
			{style ? <TagList tags={style.tags} /> : null}
			{error ? (
				<p class="alert alert-error" role="alert">
					{error}
				</p>
			) : null}
			{notice ? (
				<p class="notice" role="status">
					{notice}
				</p>
			) : null}
			<div class="studio-grid">
				{style ? <TrainingPanel style={style} csrfToken={csrfToken} progressToken={progressToken} /> : null}
				<DetailsForm style={style} csrfToken={csrfToken} values={values} />
				{style ? <SignaturePanel style={style} csrfToken={csrfToken} /> : null}
				{style ? <ImagesPanel style={style} images={images} csrfToken={csrfToken} /> : null}
				{style ? <StylePacksPanel style={style} /> : null}
				{style ? <DeletePanel style={style} csrfToken={csrfToken} /> : null}
			</div>
			{progressToken && style?.status === "training" ? <script src="/js/job-progress.js" defer /> : null}
			{style ? <script src="/js/style-studio.js" defer /> : null}
		</Layout>
	);
}
