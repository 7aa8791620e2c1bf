import type { Viewer } from "../accounts/viewer";
import type { GenerationView } from "../generation/queries";
import { useI18n } from "../i18n/context";
import { Layout } from "./layout";
import { GenerationCard } from "./me/generation-card";

/** Props of {@link FeedPage}. */
export type FeedPageProps = { viewer?: Viewer | null; generations: GenerationView[]; nextPage: string | null };

/** The public feed: images their owners chose to show, newest first, each signed by its artist. */
export function FeedPage({ generations, nextPage, viewer }: FeedPageProps) {
	const { t } = useI18n();
	return (
		<Layout title={t("storefront:feed.title")} viewer={viewer} description={t("storefront:feed.description")}>
			<div class="section-head">
				<h1>{t("storefront:feed.title")}</h1>
				<a href="/styles">{t("storefront:feed.browseStyles")}</a>
			</div>
			{generations.length > 0 ? (
				<ul class="generation-grid">
					{generations.map((generation) => (
						<GenerationCard generation={generation} />
					))}
				</ul>
			) : (
				<div class="empty-state">
					<p class="muted">{t("storefront:feed.empty")}</p>
				</div>
			)}
			{nextPage ? (
				<p class="center">
					<a class="button button-secondary" href={nextPage}>
						{t("storefront:feed.older")}
					</a>
				</p>
			) : null}
		</Layout>
	);
}
