import type { Viewer } from "../../accounts/viewer";
import type { FollowedArtist, SearchArtist, SearchQuery, SearchStyle } from "../../community/search";
import { useI18n } from "../../i18n/context";
import { FollowButton } from "../community/follow-button";
import type { FeedEntry } from "../feed";
import { FeedPageFragment } from "../feed";
import { ArtistChip } from "../feed/artist-chip";
import { Layout } from "../layout";

/** Props of {@link SearchPage}. */
export type SearchPageProps = {
	viewer: Viewer | null;
	query: SearchQuery;
	styles: SearchStyle[];
	artists: SearchArtist[];
	following: ReadonlySet<string>;
	images: FeedEntry[];
	nextPage: string | null;
	/** The followed artists and their newest work, for a signed-in reader; null signed out. */
	followed: FollowedArtist[] | null;
};

/** The search form: a plain GET form, so it works without JavaScript. */
function SearchForm({ query }: { query: SearchQuery }) {
	const { t } = useI18n();
	return (
		<form class="search-form" method="get" action="/search">
			<label for="search-q" class="visually-hidden">
				{t("feed:search.label")}
			</label>
			<input id="search-q" type="search" name="q" value={query.q} maxlength={100} placeholder={t("feed:search.placeholder")} />
			<label>
				<span>{t("feed:search.sort")}</span>{" "}
				<select name="sort">
					<option value="recent" selected={query.sort === "recent"}>
						{t("feed:search.recent")}
					</option>
					<option value="popular" selected={query.sort === "popular"}>
						{t("feed:search.popular")}
					</option>
				</select>
			</label>{" "}
			<button type="submit" class="button">
				{t("feed:search.submit")}
			</button>
		</form>
	);
}

/** "팔로우 중인 작가 / Following": each followed artist with their newest public images. */
function FollowingSection({ followed }: { followed: FollowedArtist[] }) {
	const { t } = useI18n();
	return (
		<section class="search-section" aria-labelledby="following-heading" data-search-following>
			<h2 id="following-heading">{t("feed:search.following")}</h2>
			{followed.length === 0 ? <p class="muted">{t("feed:search.followingEmpty")}</p> : null}
			<ul class="following-list">
				{followed.map((artist) => (
					<li class="card following-artist" data-following-artist={artist.id}>
						<ArtistChip artist={artist} />
						<span class="small muted"> {t("feed:search.followers", { count: artist.follower_count })}</span>
						{artist.images.length > 0 ? (
							<ul class="following-images">
								{artist.images.map((image) => (
									<li>
										<a href={`/feed/${encodeURIComponent(image.id)}`} data-feed-open={image.id}>
											<img src={image.image_url} alt={image.prompt} width={96} height={96} loading="lazy" />
										</a>
									</li>
								))}
							</ul>
						) : (
							<p class="small muted">{t("feed:search.followingNoImages")}</p>
						)}
					</li>
				))}
			</ul>
		</section>
	);
}

/** `/search`: the form, then styles, artists and images found (and whom the reader follows). */
export function SearchPage({ viewer, query, styles, artists, following, images, nextPage, followed }: SearchPageProps) {
	const { t } = useI18n();
	const heading = query.q
		? t("feed:search.resultsFor", { q: query.q })
		: query.sort === "popular"
			? t("feed:search.everythingPopular")
			: t("feed:search.everything");
	return (
		<Layout title={query.q ? t("feed:search.resultsFor", { q: query.q }) : t("feed:search.title")} viewer={viewer} description={t("feed:search.description")}>
			<h1>{t("feed:search.title")}</h1>
			<SearchForm query={query} />
			{followed ? <FollowingSection followed={followed} /> : null}
			<p class="muted">{heading}</p>
			{query.cursor ? null : (
				<>
					<section class="search-section" aria-labelledby="styles-heading" data-search-styles>
						<h2 id="styles-heading">{t("feed:search.styles")}</h2>
						{styles.length === 0 ? <p class="muted">{t("feed:search.noStyles")}</p> : null}
						<ul class="search-styles">
							{styles.map((style) => (
								<li class="card search-style" data-search-style={style.id}>
									<a href={`/styles/${encodeURIComponent(style.slug)}`}>
										<strong>{style.title}</strong>
									</a>
									<span class="small muted"> {t("feed:search.generations", { count: style.generation_count })}</span>
									<ArtistChip artist={style.artist} size={24} />
									<ul class="chip-list">
										{style.tags.map((tag) => (
											<li class="chip">
												<a href={`/search?q=${encodeURIComponent(tag)}&sort=${query.sort}`}>{tag}</a>
											</li>
										))}
									</ul>
								</li>
							))}
						</ul>
					</section>
					<section class="search-section" aria-labelledby="artists-heading" data-search-artists>
						<h2 id="artists-heading">{t("feed:search.artists")}</h2>
						{artists.length === 0 ? <p class="muted">{t("feed:search.noArtists")}</p> : null}
						<ul class="search-artists">
							{artists.map((artist) => (
								<li class="card search-artist" data-search-artist={artist.id}>
									<ArtistChip artist={artist} />
									<span class="small muted"> {t("feed:search.followers", { count: artist.follower_count })}</span>
									{artist.status === "deactivated" ? <span class="badge badge-neutral">{t("feed:card.deactivated")}</span> : null}
									{artist.bio ? <p class="small">{artist.bio}</p> : null}
									{viewer?.user && viewer.user.id !== artist.id ? (
										<FollowButton viewer={viewer} userId={artist.id} following={following.has(artist.id)} />
									) : null}
								</li>
							))}
						</ul>
					</section>
				</>
			)}
			<section class="search-section" aria-labelledby="images-heading" data-search-images>
				<h2 id="images-heading">{t("feed:search.images")}</h2>
				{images.length === 0 ? <p class="muted">{t("feed:search.noImages")}</p> : <FeedPageFragment viewer={viewer} entries={images} nextPage={nextPage} />}
			</section>
			<script src="/js/community.js" defer />
		</Layout>
	);
}
