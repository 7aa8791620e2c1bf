import type { Viewer } from "../accounts/viewer";
import type { GenerationView } from "../generation/queries";
import { Layout } from "./layout";
import { GenerationCard } from "./me/generation-card";

/** Props of {@link FeedPage}. */
export type FeedPageProps = { viewer?: Viewer | null; generations: GenerationView[]; nextPage: string | null };

/** The public feed: images their owners chose to show, newest first, each signed by its artist. */
export function FeedPage({ generations, nextPage, viewer }: FeedPageProps) {
	return (
		<Layout title="Public feed" viewer={viewer} description="Images generated in artists' licensed styles, shared by the people who made them.">
			<div class="section-head">
				<h1>Public feed</h1>
				<a href="/styles">Browse styles</a>
			</div>
			{generations.length > 0 ? (
				<ul class="generation-grid">
					{generations.map((generation) => (
						<GenerationCard generation={generation} />
					))}
				</ul>
			) : (
				<div class="empty-state">
					<p class="muted">Nothing shared yet.</p>
				</div>
			)}
			{nextPage ? (
				<p class="center">
					<a class="button button-secondary" href={nextPage}>
						Older images
					</a>
				</p>
			) : null}
		</Layout>
	);
}
