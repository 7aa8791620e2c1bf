import { useI18n } from "../../i18n/context";

/** Props of {@link StylePacksPanel}. */
export type StylePacksPanelProps = {
	style: { id: string; status: string };
};

/**
 * The style packs card of a style's studio page: once the style is trained, a link to its packs
 * page (`/studio/styles/:id/packs`), where the artist publishes packs and follows their checks.
 */
export function StylePacksPanel({ style }: StylePacksPanelProps) {
	const trained = style.status === "completed";
	const { t } = useI18n();
	return (
		<section class="card studio-card" aria-labelledby="packs-panel-title">
			<h2 id="packs-panel-title" class="card-title">
				{t("styles:packs.panel.title")}
			</h2>
			<p class="small muted">{trained ? t("styles:packs.panel.trained") : t("styles:packs.panel.untrained")}</p>
			{trained ? (
				<a class="button button-secondary" href={`/studio/styles/${encodeURIComponent(style.id)}/packs`}>
					{t("styles:packs.panel.publish")}
				</a>
			) : null}
		</section>
	);
}
