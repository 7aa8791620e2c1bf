import { useI18n } from "../../i18n/context";
import type { StyleStatus } from "../../shared/styles";
import { coverClass, initials } from "../format";

/** The badge tone of each training status (its words are `styles:parts.status.*`). */
export const STYLE_STATUS_TONE: Record<StyleStatus, "neutral" | "info" | "success" | "danger"> = {
	pending: "neutral",
	training: "info",
	completed: "success",
	failed: "danger",
};

const TRAINING_JOB_STATUSES = ["queued", "starting", "running", "retrying", "succeeded", "failed", "canceled", "expired"] as const;

/** Labels job-progress.js writes for a training job's statuses, in the reader's language (JSON for `data-status-labels`). */
export function useTrainingJobLabels(): string {
	const { t } = useI18n();
	return JSON.stringify(Object.fromEntries(TRAINING_JOB_STATUSES.map((status) => [status, t(`styles:parts.trainingJob.${status}`)])));
}

/** The status badge of a style. */
export function StyleStatusBadge({ status }: { status: StyleStatus }) {
	const { t } = useI18n();
	return <span class={`badge badge-${STYLE_STATUS_TONE[status]}`}>{t(`styles:parts.status.${status}`)}</span>;
}

/** A style's tags as small links to the marketplace filtered by each. */
export function TagList({ tags }: { tags: string[] }) {
	const { t } = useI18n();
	if (tags.length === 0) return null;
	return (
		<ul class="tag-list" aria-label={t("styles:parts.tags")}>
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
	const { t } = useI18n();
	if (imageUrl) return <img class="style-cover-image" src={imageUrl} alt="" loading="lazy" width="512" height="512" />;
	return (
		<div class={`cover ${coverClass(slug)}`} aria-hidden="true">
			<span class="cover-initials">{initials(title)}</span>
			<span class="cover-tag">{t("styles:parts.coverTag")}</span>
		</div>
	);
}

/** "12 credits / image". */
export function PricePerImage({ credits }: { credits: number }) {
	const { t } = useI18n();
	return <span class="price-pill">{t("styles:parts.pricePerImage", { count: credits })}</span>;
}
