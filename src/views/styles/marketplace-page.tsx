import type { Viewer } from "../../accounts/viewer";
import { useI18n } from "../../i18n/context";
import type { MarketplaceQuery, MarketplaceStyle } from "../../styles/marketplace";
import { Layout } from "../layout";
import { MoreLink } from "../more-link";
import { PricePerImage, StyleCover } from "./style-parts";

/** Props of {@link MarketplacePage}. */
export type MarketplacePageProps = {
	/** Who is looking, for the storefront header (`c.var.viewer`). */
	viewer?: Viewer | null;
	styles: MarketplaceStyle[];
	query: MarketplaceQuery;
	/** Link to the next page, when there is one. */
	nextPage: string | null;
};

function StyleCard({ style }: { style: MarketplaceStyle }) {
	const { t } = useI18n();
	const headingId = `style-${style.id}`;
	return (
		<li class="card product-card style-card">
			<article aria-labelledby={headingId}>
				<StyleCover slug={style.slug} title={style.title} imageUrl={style.sample_image_url} />
				<div class="product-card-body">
					<h2 class="product-card-title" id={headingId}>
						<a class="stretched-link" href={`/styles/${encodeURIComponent(style.slug)}`}>
							{style.title}
						</a>
					</h2>
					<p class="muted small style-card-artist">{t("styles:marketplace.byArtist", { name: style.artist.name })}</p>
					<p class="product-card-desc">{style.description}</p>
					<div class="product-card-foot">
						<span class="muted small">{t("styles:marketplace.made", { count: style.generation_count })}</span>
						<PricePerImage credits={style.price_credits} />
					</div>
				</div>
			</article>
		</li>
	);
}

/** Link to the marketplace with `changes` applied to the current search. */
function marketplaceHref(query: MarketplaceQuery, changes: Partial<Record<"q" | "tag" | "sort", string | undefined>>): string {
	const merged = { q: query.q, tag: query.tag, sort: query.sort, ...changes };
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(merged)) if (value && !(key === "sort" && value === "recent")) params.set(key, value);
	const search = params.toString();
	return search ? `/styles?${search}` : "/styles";
}

/**
 * The style marketplace: trained styles, searchable by tag and artist name, sorted by recency or
 * popularity. A plain GET form, so search and sort work without JavaScript.
 */
export function MarketplacePage({ styles, query, nextPage, viewer }: MarketplacePageProps) {
	const { t } = useI18n();
	const filtered = Boolean(query.q || query.tag);
	return (
		<Layout title={t("styles:marketplace.title")} viewer={viewer} description={t("styles:marketplace.description")}>
			<section class="hero" aria-labelledby="styles-title">
				<p class="eyebrow">{t("styles:marketplace.eyebrow")}</p>
				<h1 id="styles-title">{t("styles:marketplace.heading")}</h1>
				<p class="lead">{t("styles:marketplace.lead")}</p>
			</section>
			<search>
				<form class="style-search" method="get" action="/styles">
					<div class="field">
						<label for="style-q">{t("styles:marketplace.searchLabel")}</label>
						<input id="style-q" type="search" name="q" value={query.q ?? ""} maxlength={100} placeholder={t("styles:marketplace.searchPlaceholder")} />
					</div>
					{query.tag ? <input type="hidden" name="tag" value={query.tag} /> : null}
					<div class="field">
						<label for="style-sort">{t("styles:marketplace.sortLabel")}</label>
						<select id="style-sort" name="sort">
							<option value="recent" selected={query.sort === "recent"}>
								{t("styles:marketplace.sortRecent")}
							</option>
							<option value="popular" selected={query.sort === "popular"}>
								{t("styles:marketplace.sortPopular")}
							</option>
						</select>
					</div>
					<button class="button button-primary" type="submit">
						{t("styles:marketplace.search")}
					</button>
				</form>
			</search>
			{query.tag ? (
				<p class="small">
					{t("styles:marketplace.tag")} <strong>{query.tag}</strong> ·{" "}
					<a href={marketplaceHref(query, { tag: undefined })}>{t("styles:marketplace.showAllTags")}</a>
				</p>
			) : null}
			<section aria-labelledby="styles-list-title">
				<div class="section-head">
					<h2 id="styles-list-title" class="section-title">
						{filtered ? t("styles:marketplace.matching") : t("styles:marketplace.all")}
					</h2>
					<span class="muted small">{query.sort === "popular" ? t("styles:marketplace.popularFirst") : t("styles:marketplace.recentFirst")}</span>
				</div>
				{styles.length > 0 ? (
					<ul class="product-grid">
						{styles.map((style) => (
							<StyleCard style={style} />
						))}
					</ul>
				) : (
					<div class="empty-state">
						<h3>{filtered ? t("styles:marketplace.noMatch") : t("styles:marketplace.noStyles")}</h3>
						<p class="muted">{filtered ? t("styles:marketplace.noMatchHint") : t("styles:marketplace.noStylesHint")}</p>
					</div>
				)}
				<MoreLink href={nextPage} label={t("styles:marketplace.more")} />
			</section>
		</Layout>
	);
}
