import type { Viewer } from "../../../accounts/viewer";
import { useI18n } from "../../../i18n/context";
import { VideoAspect } from "../../../shared/gpu-jobs";
import { TemplateLayout } from "../../../shared/video";
import type { TemplateView } from "../../../video/templates/templates";
import { Layout } from "../../layout";
import { VideoNav } from "../nav";
import { Csrf, DeleteForm, type LibraryNotice, LibraryNoticeLine } from "./notice";

export type TemplatesPageProps = { viewer?: Viewer | null; csrfToken: string; templates: TemplateView[]; notice: LibraryNotice };

/** A structure's scenes as the form's lines: `SECTION role seconds`. */
export function sceneLines(template: Pick<TemplateView, "structure">): string {
	return template.structure.scenes.map((scene) => `${scene.section} ${scene.role} ${scene.duration_s}`).join("\n");
}

/** Name, description, layout and scene lines: a new template's form, or an own one's edit form. */
function TemplateFields({ template, idPrefix }: { template?: TemplateView; idPrefix: string }) {
	const { t } = useI18n();
	const id = (name: string) => `${idPrefix}-${name}`;
	return (
		<>
			<label for={id("name")}>{t("video:library.templates.name")}</label>
			<input id={id("name")} name="name" required maxlength={80} value={template?.name ?? ""} />
			<label for={id("description")}>{t("video:library.templates.description")}</label>
			<input id={id("description")} name="description" maxlength={300} value={template?.description ?? ""} />
			<label for={id("layout")}>{t("video:library.templates.layout")}</label>
			<select id={id("layout")} name="layout">
				{TemplateLayout.options.map((layout) => (
					<option value={layout} selected={template?.structure.layout === layout}>
						{t(`video:library.templates.layouts.${layout}`)}
					</option>
				))}
			</select>
			<label for={id("scenes")}>{t("video:library.templates.sceneLines")}</label>
			<textarea id={id("scenes")} name="scenes" rows={6} required aria-describedby={id("scenes-help")}>
				{template ? sceneLines(template) : "INTRO hook 3\nMAIN point 8\nMAIN point 8\nMAIN point 6\nOUTRO cta 5"}
			</textarea>
			<p id={id("scenes-help")} class="muted small">
				{t("video:library.templates.sceneLinesHelp")}
			</p>
		</>
	);
}

/** The "make a video with it" form: a draft project with the template, then its page. */
function UseForm({ template, csrfToken }: { template: TemplateView; csrfToken: string }) {
	const { t } = useI18n();
	const id = (name: string) => `use-${template.id}-${name}`;
	return (
		<details>
			<summary>{t("video:library.templates.use")}</summary>
			<form method="post" action={`/video/templates/${template.id}/use`} class="stack">
				<Csrf token={csrfToken} />
				<label for={id("title")}>{t("video:library.templates.useTitle")}</label>
				<input id={id("title")} name="title" required maxlength={120} />
				<label for={id("keyword")}>{t("video:library.templates.keyword")}</label>
				<input id={id("keyword")} name="keyword" maxlength={200} />
				<label for={id("aspect")}>{t("video:library.templates.aspect")}</label>
				<select id={id("aspect")} name="aspect">
					{VideoAspect.options.map((aspect) => (
						<option value={aspect}>{aspect}</option>
					))}
				</select>
				<label for={id("duration")}>{t("video:library.templates.duration")}</label>
				<input id={id("duration")} name="duration_s" type="number" min={15} max={60} value="30" />
				<button type="submit">{t("video:library.templates.use")}</button>
			</form>
		</details>
	);
}

/** `/video/templates`: the built-in templates (read-only) and the user's own; duplicate, use, edit and delete without JavaScript. */
export function TemplatesPage({ viewer, csrfToken, templates, notice }: TemplatesPageProps) {
	const { t } = useI18n();
	const card = (template: TemplateView) => {
		const name = template.built_in ? t(`video:library.templates.builtInNames.${template.id}.name` as "video:library.templates.name") : template.name;
		const description = template.built_in
			? t(`video:library.templates.builtInNames.${template.id}.description` as "video:library.templates.description")
			: template.description;
		return (
			<li class="library-card" data-template-id={template.id}>
				<h3>{name}</h3>
				{description ? <p>{description}</p> : null}
				<p class="muted small">
					{t("video:library.templates.scenes", { count: template.scene_count, seconds: template.duration_s })} ·{" "}
					{t(`video:library.templates.layouts.${template.structure.layout}`)}
					{template.use_count !== null ? <> · {t("video:library.templates.uses", { count: template.use_count })}</> : null}
				</p>
				<ol class="library-scenes small">
					{template.structure.scenes.map((scene) => (
						<li>
							{scene.section} · {scene.role} · {scene.duration_s}s
						</li>
					))}
				</ol>
				<UseForm template={template} csrfToken={csrfToken} />
				<form method="post" action={`/video/templates/${template.id}/duplicate`}>
					<Csrf token={csrfToken} />
					<button type="submit" class="button-secondary">
						{t("video:library.templates.duplicate")}
					</button>
				</form>
				{template.built_in ? null : (
					<>
						<details>
							<summary>{t("video:library.edit")}</summary>
							<form method="post" action={`/video/templates/${template.id}`} class="stack">
								<Csrf token={csrfToken} />
								<TemplateFields template={template} idPrefix={template.id} />
								<button type="submit">{t("video:library.save")}</button>
							</form>
						</details>
						<DeleteForm action={`/video/templates/${template.id}/delete`} csrfToken={csrfToken} />
					</>
				)}
			</li>
		);
	};
	const builtIns = templates.filter((template) => template.built_in);
	const own = templates.filter((template) => !template.built_in);
	return (
		<Layout title={t("video:library.templates.title")} viewer={viewer} noindex>
			<VideoNav current="templates" />
			<h1>{t("video:library.templates.title")}</h1>
			<p class="muted">{t("video:library.templates.intro")}</p>
			<LibraryNoticeLine notice={notice} />
			<section aria-labelledby="templates-builtin-title">
				<h2 id="templates-builtin-title">{t("video:library.templates.builtIn")}</h2>
				<ul class="library-list">{builtIns.map(card)}</ul>
			</section>
			<section aria-labelledby="templates-own-title">
				<h2 id="templates-own-title">{t("video:library.templates.own")}</h2>
				{own.length === 0 ? <p class="empty">{t("video:library.templates.noOwn")}</p> : <ul class="library-list">{own.map(card)}</ul>}
			</section>
			<section aria-labelledby="template-new-title">
				<h2 id="template-new-title">{t("video:library.templates.create")}</h2>
				<form method="post" action="/video/templates" class="stack">
					<Csrf token={csrfToken} />
					<TemplateFields idPrefix="new" />
					<button type="submit">{t("video:library.save")}</button>
				</form>
			</section>
		</Layout>
	);
}
