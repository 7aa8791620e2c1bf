import type { Viewer } from "../../accounts/viewer";
import { formatBytes, formatDateTime, plural } from "../../lib/format";
import { MAX_TRAINING_IMAGES, MIN_TRAINING_IMAGES } from "../../styles/config";
import type { OwnerStyleJson, styleImageJson } from "../../styles/style-view";
import { Layout } from "../layout";
import { StylePacksPanel } from "../style-packs/packs-panel";
import { StyleStatusBadge, TagList, TRAINING_JOB_LABELS } from "./style-parts";

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
	const action = style ? `/studio/styles/${encodeURIComponent(style.id)}` : "/studio/styles";
	return (
		<form method="post" action={action} class="card studio-card">
			<h2 class="card-title">Details</h2>
			<input type="hidden" name="_csrf" value={csrfToken} />
			<div class="field">
				<label for="style-title">Title</label>
				<input id="style-title" type="text" name="title" value={values.title} required minlength={3} maxlength={80} />
				<p class="field-hint">Becomes a tag too, so buyers find it by name.</p>
			</div>
			<div class="field">
				<label for="style-description">Description</label>
				<textarea id="style-description" name="description" rows={4} maxlength={2000}>
					{values.description}
				</textarea>
			</div>
			<div class="field">
				<label for="style-tags">Tags</label>
				<input id="style-tags" type="text" name="tags" value={values.tags} placeholder="watercolour, soft light, botanical" />
				<p class="field-hint">English keywords separated by commas: letters, digits, spaces and hyphens; up to 20.</p>
			</div>
			<div class="field">
				<label for="style-price">Price per image (credits)</label>
				<input id="style-price" type="number" name="price_credits" value={values.price_credits} min={1} max={1000} required />
			</div>
			<button class="button button-primary" type="submit">
				{style ? "Save details" : "Create style"}
			</button>
		</form>
	);
}

function TrainingPanel({ style, csrfToken, progressToken }: { style: OwnerStyleJson; csrfToken: string; progressToken?: string }) {
	const editable = style.status === "pending" || style.status === "failed";
	const missing: string[] = [];
	if (style.image_count < MIN_TRAINING_IMAGES) missing.push(`at least ${MIN_TRAINING_IMAGES} training images (you have ${style.image_count})`);
	if (!style.signature) missing.push("your signature image");
	return (
		<section class="card studio-card" aria-labelledby="training-title">
			<h2 class="card-title" id="training-title">
				Training <StyleStatusBadge status={style.status} />
			</h2>
			{style.status === "training" && style.training.job_id ? (
				<div class="training-progress" data-progress-token={progressToken} data-status-labels={TRAINING_JOB_LABELS}>
					<div data-job-id={style.training.job_id} data-training-job>
						<progress max="100" value={style.training.progress.percent} aria-label="Training progress" />
						<span class="small muted" data-job-status>
							{style.training.progress.step ? `Training · ${style.training.progress.step} ${style.training.progress.percent}%` : "Waiting for a GPU"}
						</span>
					</div>
					<p class="small muted">
						This takes a few minutes; you can leave the page, we will notify you. <a href={`/studio/styles/${encodeURIComponent(style.id)}`}>Refresh</a>
					</p>
				</div>
			) : null}
			{style.status === "training" && !style.training.job_id ? <p class="small muted">Submitting the training job…</p> : null}
			{style.status === "failed" && style.training.error ? (
				<p class="alert alert-error" role="alert">
					<strong>{style.training.error.code}</strong>: {style.training.error.message}
				</p>
			) : null}
			{style.status === "completed" ? (
				<p>
					Trained {style.trained_at ? formatDateTime(style.trained_at) : ""}. Your style is{" "}
					<a href={`/styles/${encodeURIComponent(style.slug)}`}>live in the marketplace</a>.
				</p>
			) : null}
			{editable ? (
				<form method="post" action={`/studio/styles/${encodeURIComponent(style.id)}/train`}>
					<input type="hidden" name="_csrf" value={csrfToken} />
					{missing.length > 0 ? <p class="small muted">Before training, add {missing.join(" and ")}.</p> : null}
					<button class="button button-primary" type="submit" disabled={missing.length > 0}>
						{style.status === "failed" ? "Train again" : "Start training"}
					</button>
				</form>
			) : null}
		</section>
	);
}

function SignaturePanel({ style, csrfToken }: { style: OwnerStyleJson; csrfToken: string }) {
	return (
		<section class="card studio-card" aria-labelledby="signature-title">
			<h2 class="card-title" id="signature-title">
				Signature
			</h2>
			<p class="small muted">Stamped in the corner of every image made in your style. PNG (with transparency) or JPEG, at least 32×32, at most 2 MB.</p>
			{style.signature ? (
				<img
					class="signature-preview"
					src={`/studio/styles/${encodeURIComponent(style.id)}/signature?v=${style.signature.sha256.slice(0, 12)}`}
					alt="Your current signature"
				/>
			) : (
				<p class="notice small">No signature yet.</p>
			)}
			<form method="post" action={`/studio/styles/${encodeURIComponent(style.id)}/signature`} enctype="multipart/form-data">
				<input type="hidden" name="_csrf" value={csrfToken} />
				<div class="field">
					<label for="signature-file">{style.signature ? "Replace signature" : "Signature image"}</label>
					<input id="signature-file" type="file" name="signature" accept="image/png,image/jpeg" required />
				</div>
				<button class="button button-secondary" type="submit">
					Upload signature
				</button>
			</form>
		</section>
	);
}

function ImagesPanel({ style, images, csrfToken }: { style: OwnerStyleJson; images: StyleImage[]; csrfToken: string }) {
	const editable = style.status === "pending" || style.status === "failed";
	const base = `/studio/styles/${encodeURIComponent(style.id)}`;
	return (
		<section class="card studio-card" aria-labelledby="images-title">
			<h2 class="card-title" id="images-title">
				Training images{" "}
				<span class="muted small" data-image-count>
					{style.image_count} / {MAX_TRAINING_IMAGES}
				</span>
			</h2>
			<p class="small muted">
				{MIN_TRAINING_IMAGES} to {MAX_TRAINING_IMAGES} of your works, JPEG or PNG, each at least 512×512 and at most 10 MB. Only you can see them.
			</p>
			{editable ? (
				<form
					method="post"
					action={`${base}/images`}
					enctype="multipart/form-data"
					class="upload-form"
					data-upload-api={`/api/styles/${encodeURIComponent(style.id)}/images`}
					data-csrf={csrfToken}
				>
					<input type="hidden" name="_csrf" value={csrfToken} />
					<div class="field">
						<label for="training-files">Add images</label>
						<input id="training-files" type="file" name="images" accept="image/png,image/jpeg" multiple required />
					</div>
					<progress class="upload-progress" max="100" value="0" hidden data-upload-progress />
					<p class="small" role="status" data-upload-status />
					<button class="button button-secondary" type="submit">
						Upload
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
								{image.width}×{image.height} · {formatBytes(image.size)}
							</span>
							{editable ? (
								<form method="post" action={`${base}/images/${encodeURIComponent(image.id)}/delete`}>
									<input type="hidden" name="_csrf" value={csrfToken} />
									<button class="button button-ghost small" type="submit" aria-label={`Remove ${image.file_name}`}>
										Remove
									</button>
								</form>
							) : null}
						</li>
					))}
				</ul>
			) : (
				<p class="muted">No training images yet.</p>
			)}
		</section>
	);
}

/** Why a style cannot be deleted, or null when it can. */
function undeletableReason(style: OwnerStyleJson): string | null {
	if (style.status === "completed") return "A trained style is licensed work: it cannot be deleted.";
	if (style.generation_count > 0) return `Buyers have made ${plural(style.generation_count, "image")} in this style, so it cannot be deleted.`;
	if (style.status === "training") return "A style cannot be deleted while it trains.";
	return null;
}

function DeletePanel({ style, csrfToken }: { style: OwnerStyleJson; csrfToken: string }) {
	const reason = undeletableReason(style);
	return (
		<section class="card studio-card studio-danger" aria-labelledby="delete-title">
			<h2 class="card-title" id="delete-title">
				Delete style
			</h2>
			<form method="post" action={`/studio/styles/${encodeURIComponent(style.id)}/delete`}>
				<input type="hidden" name="_csrf" value={csrfToken} />
				<p class="small muted">{reason ?? "Deletes the style, its training images and its signature. This cannot be undone."}</p>
				<button class="button button-secondary" type="submit" disabled={reason !== null}>
					Delete this style
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
	const values = valuesOf(style, form);
	return (
		<Layout title={style ? `Studio · ${style.title}` : "New style"} viewer={viewer} noindex>
			<nav class="breadcrumbs small" aria-label="Breadcrumb">
				<a href="/studio">Studio</a> / <span aria-current="page">{style ? style.title : "New style"}</span>
			</nav>
			<h1>{style ? style.title : "New style"}</h1>
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
