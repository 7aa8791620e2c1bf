import type { Viewer } from "../../accounts/viewer";
import { formatDate, plural } from "../../lib/format";
import type { StyleRow } from "../../styles/style-queries";
import { Layout } from "../layout";
import { StyleStatusBadge } from "./style-parts";

/** Props of {@link StudioPage}. */
export type StudioPageProps = {
	/** Who is looking, for the storefront header (`c.var.viewer`). */
	viewer?: Viewer | null;
	styles: StyleRow[];
	/** How many styles an artist may have (STYLE_LIMIT_PER_ARTIST). */
	limit: number;
};

/** An artist's studio: their styles with status, and the way to a new one while under the limit. */
export function StudioPage({ styles, limit, viewer }: StudioPageProps) {
	const canCreate = styles.length < limit;
	return (
		<Layout title="Studio" viewer={viewer} noindex>
			<div class="section-head">
				<h1 class="section-title">Your studio</h1>
				{canCreate ? (
					<a class="button button-primary" href="/studio/styles/new">
						New style
					</a>
				) : null}
			</div>
			{styles.length === 0 ? (
				<div class="empty-state">
					<h2>Register your style</h2>
					<p class="muted">Upload 10 to 100 of your works and your signature; we train a model of your style, and buyers pay you to generate with it.</p>
					<a class="button button-primary" href="/studio/styles/new">
						Create your style
					</a>
				</div>
			) : (
				<ul class="studio-list">
					{styles.map((style) => (
						<li class="card studio-item">
							<div>
								<h2 class="card-title">
									<a href={`/studio/styles/${encodeURIComponent(style.id)}`}>{style.title}</a>
								</h2>
								<p class="small muted">
									{plural(style.imageCount, "training image")} · {plural(style.priceCredits, "credit")} per image · {plural(style.generationCount, "image")}{" "}
									made · created {formatDate(style.createdAt)}
								</p>
							</div>
							<StyleStatusBadge status={style.status} />
						</li>
					))}
				</ul>
			)}
			{!canCreate ? <p class="small muted">An artist can have {plural(limit, "style")}; you have reached that limit.</p> : null}
		</Layout>
	);
}
