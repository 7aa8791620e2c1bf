import type { Viewer } from "../../accounts/viewer";
import type { CommentView } from "../../community/comments";
import { type FeedRow, feedItemJson, promptKeywords } from "../../community/feed";
import { useI18n } from "../../i18n/context";
import { CommentThread } from "../community/comment-thread";
import { FollowButton } from "../community/follow-button";
import { LikeButton } from "../community/like-button";
import { ArtistChip } from "./artist-chip";

/** Props of {@link FeedDetail}. */
export type FeedDetailProps = {
	viewer: Viewer | null;
	row: FeedRow;
	liked: boolean;
	following: boolean;
	comments: CommentView[];
	/** The thread's next page (`/feed/:id?comments=<cursor>#comments`), or null. */
	commentsNextPage: string | null;
	canModerate: boolean;
};

/**
 * One public image in full: the picture, its artist (follow), style, prompt keywords as chips,
 * likes and the comment thread. The same markup is the `/feed/:id` page's body and, fetched with
 * `?partial=1`, the feed's `<dialog>`.
 */
export function FeedDetail({ viewer, row, liked, following, comments, commentsNextPage, canModerate }: FeedDetailProps) {
	const { t, dateTime } = useI18n();
	const item = feedItemJson(row, liked);
	const keywords = promptKeywords(row.prompt);
	return (
		<article class="feed-detail" data-feed-detail={item.id}>
			<figure class="feed-detail-media">
				<img src={item.image_url} alt={row.prompt} width={row.width} height={row.height} />
			</figure>
			<div class="feed-detail-body">
				<h1 class="feed-detail-title">{t("feed:detail.title", { style: item.style.title, nickname: item.artist.nickname })}</h1>
				<dl class="summary-list">
					<dt>{t("feed:detail.artist")}</dt>
					<dd class="feed-card-artist">
						<ArtistChip artist={item.artist} />
						{viewer?.user?.id === item.artist.id ? null : <FollowButton viewer={viewer} userId={item.artist.id} following={following} />}
					</dd>
					<dt>{t("feed:detail.style")}</dt>
					<dd>
						<a href={`/styles/${encodeURIComponent(item.style.slug)}`}>{item.style.title}</a>
					</dd>
					<dt>{t("feed:detail.createdAt")}</dt>
					<dd>{dateTime(item.created_at)}</dd>
				</dl>
				<h2 class="small muted">{t("feed:detail.keywords")}</h2>
				<ul class="chip-list" aria-label={t("feed:detail.keywords")}>
					{keywords.map((keyword) => (
						<li class="chip">{keyword}</li>
					))}
				</ul>
				<LikeButton viewer={viewer} generationId={item.id} liked={liked} count={item.like_count} />
				<CommentThread
					viewer={viewer}
					generationId={item.id}
					comments={comments}
					canModerate={canModerate}
					nextPage={commentsNextPage}
					count={item.comment_count}
				/>
			</div>
		</article>
	);
}
