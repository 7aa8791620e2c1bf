import { plural } from "../../lib/format";
import type { StyleStatus } from "../../shared/styles";
import { coverClass, initials } from "../format";

/** How each training status reads, and its badge tone. */
export const STYLE_STATUS: Record<StyleStatus, { label: string; tone: "neutral" | "info" | "success" | "danger" }> = {
	pending: { label: "Not trained yet", tone: "neutral" },
	training: { label: "Training", tone: "info" },
	completed: { label: "Trained", tone: "success" },
	failed: { label: "Training failed", tone: "danger" },
};

/** Labels job-progress.js writes for a training job's statuses (JSON for `data-status-labels`). */
export const TRAINING_JOB_LABELS = JSON.stringify({
	queued: "Waiting for a GPU",
	starting: "Starting",
	running: "Training",
	retrying: "Retrying",
	succeeded: "Trained",
	failed: "Training failed",
	canceled: "Canceled",
	expired: "Timed out",
});

/** The status badge of a style. */
export function StyleStatusBadge({ status }: { status: StyleStatus }) {
	const shown = STYLE_STATUS[status];
	return <span class={`badge badge-${shown.tone}`}>{shown.label}</span>;
}

/** A style's tags as small links to the marketplace filtered by each. */
export function TagList({ tags }: { tags: string[] }) {
	if (tags.length === 0) return null;
	return (
		<ul class="tag-list" aria-label="Tags">
			{tags.map((tag) => (
				<li>
					<a class="tag" href={`/styles?tag=${encodeURIComponent(tag)}`}>
						{tag}
					</a>
				</li>
			))}
		</ul>
	);
}

/** A style's sample image, or its generated cover when it has no public image yet. */
export function StyleCover({ slug, title, imageUrl }: { slug: string; title: string; imageUrl: string | null }) {
	if (imageUrl) return <img class="style-cover-image" src={imageUrl} alt="" loading="lazy" width="512" height="512" />;
	return (
		<div class={`cover ${coverClass(slug)}`} aria-hidden="true">
			<span class="cover-initials">{initials(title)}</span>
			<span class="cover-tag">Style</span>
		</div>
	);
}

/** "12 credits" per image. */
export function PricePerImage({ credits }: { credits: number }) {
	return <span class="price-pill">{plural(credits, "credit")} / image</span>;
}
