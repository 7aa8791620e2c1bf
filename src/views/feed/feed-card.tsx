import type { Viewer } from "../../accounts/viewer";
import type { FeedItemJson, FeedRow } from "../../community/feed";
import { useI18n } from "../../i18n/context";
import { FollowButton } from "../community/follow-button";
import { LikeButton } from "../community/like-button";
import { ArtistChip } from "./artist-chip";

/** Props of {@link FeedCard}. */
export type FeedCardProps = { viewer: Viewer | null; row: FeedRow; item: FeedItemJson; following: boolean };

/**
 * One public image in the feed: the picture (a link to `/feed/:id`, which public/js/feed.js opens
 * in the modal), its artist with a follow button, its style, and like and comment counts.
 */
export function FeedCard({ viewer, row, item, following }: FeedCardProps) {
	const { t } = useI18n();
	const ownPost = viewer?.user?.id === item.artist.id;
	return (
		<li class="card feed-card" data-feed-item={item.id}>
			<a
				class="feed-media"
				href={`/feed/${encodeURIComponent(item.id)}`}
				data-feed-open={item.id}
				aria-label={t("feed:card.open", { title: item.style.title, nickname: item.artist.nickname })}
			>
				<img src={item.image_url} alt={row.prompt} width={row.width} height={row.height} loading="lazy" />
			</a>
			<div class="feed-card-body">
				<div class="feed-card-artist">
					<ArtistChip artist={item.artist} />
					{ownPost ? null : <FollowButton viewer={viewer} userId={item.artist.id} following={following} />}
				</div>
				<p class="small">
					<a href={`/styles/${encodeURIComponent(item.style.slug)}`}>{item.style.title}</a>
				</p>
				<div class="feed-card-counts">
					<LikeButton viewer={viewer} generationId={item.id} liked={item.liked_by_me ?? false} count={item.like_count} />
					<a class="feed-comment-count small" href={`/feed/${encodeURIComponent(item.id)}#comments`} data-feed-open={item.id}>
						{t("feed:card.comments", { count: item.comment_count })}
					</a>
				</div>
			</div>
		</li>
	);
}
