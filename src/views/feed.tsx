import { shownNickname } from "../accounts/public-user";
import type { Viewer } from "../accounts/viewer";
import type { FeedItemJson, FeedRow } from "../community/feed";
import { useI18n } from "../i18n/context";
import { FeedCard } from "./feed/feed-card";
import { FeedDetail, type FeedDetailProps } from "./feed/feed-detail";
import { Layout } from "./layout";

/** One card's data: the row (picture size, prompt), its API item, and whether the viewer follows its artist. */
export type FeedEntry = { row: FeedRow; item: FeedItemJson; following: boolean };

/** Props of {@link FeedPage} and {@link FeedPageFragment}. */
export type FeedPageProps = { viewer: Viewer | null; entries: FeedEntry[]; nextPage: string | null };

/** The cards of one page, and the plain "More" link to the next (which public/js/feed.js follows by itself on scroll). */
export function FeedPageFragment({ viewer, entries, nextPage }: FeedPageProps) {
	const { t } = useI18n();
	return (
		<>
			<ul class="feed-grid" data-feed-list>
				{entries.map((entry) => (
					<FeedCard viewer={viewer} row={entry.row} item={entry.item} following={entry.following} />
				))}
			</ul>
			{nextPage ? (
				<p class="center feed-more-row">
					<a class="button button-secondary" href={nextPage} data-feed-more rel="next">
						{t("feed:page.more")}
					</a>
				</p>
			) : null}
		</>
	);
}

/**
 * `/feed`: public images newest first. Without JavaScript: cards linking to `/feed/:id` and a
 * "More" link. With it (public/js/feed.js): the next page loads as the link scrolls into view,
 * and a card opens in a `<dialog>` with its own address in the history.
 */
export function FeedPage({ viewer, entries, nextPage }: FeedPageProps) {
	const { t } = useI18n();
	return (
		<Layout title={t("feed:page.title")} viewer={viewer} description={t("feed:page.description")}>
			<div class="section-head">
				<h1>{t("feed:page.title")}</h1>
				<p>
					<a href="/search">{t("feed:page.search")}</a> · <a href="/styles">{t("feed:page.browseStyles")}</a>
				</p>
			</div>
			{entries.length > 0 ? (
				<div class="feed" data-feed data-loading-label={t("feed:page.loading")} data-end-label={t("feed:page.end")} data-close-label={t("feed:detail.close")}>
					<FeedPageFragment viewer={viewer} entries={entries} nextPage={nextPage} />
					<p class="small muted center" data-feed-status aria-live="polite" />
				</div>
			) : (
				<div class="empty-state">
					<p class="muted">{t("feed:page.empty")}</p>
				</div>
			)}
			<dialog class="feed-dialog" data-feed-dialog aria-label={t("feed:page.title")}>
				<form method="dialog" class="feed-dialog-close">
					<button type="submit" class="button button-ghost button-sm">
						{t("feed:detail.close")}
					</button>
				</form>
				<div data-feed-dialog-body />
			</dialog>
			<script src="/js/community.js" defer />
			<script src="/js/feed.js" defer />
		</Layout>
	);
}

/** `/feed/:id`: one image as a page of its own (the modal's content, plus the way back). */
export function FeedDetailPage(props: FeedDetailProps) {
	const { t } = useI18n();
	const { row } = props;
	const item = { style: row.style.title, nickname: shownNickname(row.artist) };
	return (
		<Layout title={t("feed:detail.title", item)} viewer={props.viewer} description={t("feed:detail.description", item)}>
			<p>
				<a href="/feed">← {t("feed:detail.backToFeed")}</a>
			</p>
			<FeedDetail {...props} />
			<script src="/js/community.js" defer />
		</Layout>
	);
}
