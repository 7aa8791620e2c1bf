import type { Viewer } from "../../accounts/viewer";
import { useI18n } from "../../i18n/context";
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
	const { t, date } = useI18n();
	const canCreate = styles.length < limit;
	return (
		<Layout title={t("styles:studio.title")} viewer={viewer} noindex>
			<div class="section-head">
				<h1 class="section-title">{t("styles:studio.heading")}</h1>
				{canCreate ? (
					<a class="button button-primary" href="/studio/styles/new">
						{t("styles:studio.newStyle")}
					</a>
				) : null}
			</div>
			{styles.length === 0 ? (
				<div class="empty-state">
					<h2>{t("styles:studio.emptyTitle")}</h2>
					<p class="muted">{t("styles:studio.emptyText")}</p>
					<a class="button button-primary" href="/studio/styles/new">
						{t("styles:studio.create")}
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
									{[
										t("styles:studio.trainingImages", { count: style.imageCount }),
										t("styles:studio.perImage", { count: style.priceCredits }),
										t("styles:studio.made", { count: style.generationCount }),
										t("styles:studio.created", { date: date(style.createdAt) }),
									].join(" · ")}
								</p>
							</div>
							<StyleStatusBadge status={style.status} />
						</li>
					))}
				</ul>
			)}
			{!canCreate ? <p class="small muted">{t("styles:studio.limit", { count: limit })}</p> : null}
		</Layout>
	);
}
