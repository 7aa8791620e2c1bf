import type { Viewer } from "../../../accounts/viewer";
import { useI18n } from "../../../i18n/context";
import { ProjectStatus } from "../../../shared/video";
import type { ProjectView } from "../../../video/projects/view";
import { Layout } from "../../layout";
import { type Column, DataTable } from "../../table";
import { VideoNav } from "../nav";
import { ASPECTS, aspectLabel, FormFeedback, type MediaTools, MediaToolsNotice, type ProjectNotice, ProjectStatusBadge, templateName } from "./parts";

/** A brand or template to choose in a form. */
export type Choice = { id: string; name: string };

/** Props of {@link ProjectsListPage}. */
export type ProjectsListPageProps = {
	viewer?: Viewer | null;
	csrfToken: string;
	projects: ProjectView[];
	total: number;
	page: number;
	limit: number;
	status?: ProjectStatus;
	brands: Choice[];
	templates: Choice[];
	mediaTools: MediaTools | null;
	notice?: ProjectNotice | null;
	error?: string | null;
	/** The new-project form's values after a refusal. */
	values?: Record<string, string>;
};

function listUrl(status: ProjectStatus | undefined, page: number): string {
	const query = new URLSearchParams();
	if (status) query.set("status", status);
	if (page > 1) query.set("page", String(page));
	const text = query.toString();
	return text ? `/video?${text}` : "/video";
}

/** The new-project form: posts to `/video/projects`, which creates it and opens its page. */
export function NewProjectForm({ csrfToken, brands, templates, values = {} }: Pick<ProjectsListPageProps, "csrfToken" | "brands" | "templates" | "values">) {
	const { t } = useI18n();
	return (
		<form method="post" action="/video/projects" class="card form-stack video-new-project" id="new-project">
			<h2 class="card-title">{t("video:projects.form.heading")}</h2>
			<input type="hidden" name="_csrf" value={csrfToken} />
			<div class="field">
				<label for="project-title">{t("video:projects.form.title")}</label>
				<input id="project-title" name="title" required maxlength={120} value={values.title ?? ""} />
			</div>
			<div class="field">
				<label for="project-keyword">{t("video:projects.form.keyword")}</label>
				<input id="project-keyword" name="keyword" maxlength={200} value={values.keyword ?? ""} aria-describedby="project-keyword-hint" />
				<p class="field-hint" id="project-keyword-hint">
					{t("video:projects.form.keywordHint")}
				</p>
			</div>
			<div class="field">
				<label for="project-aspect">{t("video:projects.form.aspect")}</label>
				<select id="project-aspect" name="aspect">
					{ASPECTS.map((aspect) => (
						<option value={aspect} selected={(values.aspect ?? "9:16") === aspect}>
							{aspectLabel(t, aspect)}
						</option>
					))}
				</select>
			</div>
			<div class="field">
				<label for="project-duration">{t("video:projects.form.duration")}</label>
				<input id="project-duration" name="duration_s" type="number" min={15} max={60} step={1} value={values.duration_s ?? "30"} />
			</div>
			<div class="field">
				<label for="project-language">{t("video:projects.form.language")}</label>
				<select id="project-language" name="language">
					{(["ko", "en"] as const).map((language) => (
						<option value={language} selected={(values.language ?? "ko") === language}>
							{t(`video:projects.languages.${language}`)}
						</option>
					))}
				</select>
			</div>
			<div class="field">
				<label for="project-brand">{t("video:projects.form.brand")}</label>
				<select id="project-brand" name="brand_profile_id">
					<option value="">{t("video:projects.form.noBrand")}</option>
					{brands.map((brand) => (
						<option value={brand.id} selected={values.brand_profile_id === brand.id}>
							{brand.name}
						</option>
					))}
				</select>
			</div>
			<div class="field">
				<label for="project-template">{t("video:projects.form.template")}</label>
				<select id="project-template" name="template_id">
					{templates.map((template) => (
						<option value={template.id} selected={values.template_id === template.id}>
							{templateName(t, template)}
						</option>
					))}
				</select>
			</div>
			<button type="submit" class="button button-primary">
				{t("video:projects.form.create")}
			</button>
		</form>
	);
}

/**
 * `/video`: the signed-in user's projects, newest first, with a status filter (plain links),
 * pages, and the new-project form; the guided start is one link away.
 */
export function ProjectsListPage(props: ProjectsListPageProps) {
	const { t, dateTime } = useI18n();
	const { projects, total, page, limit, status } = props;
	const pages = Math.max(1, Math.ceil(total / limit));
	const columns: Column<ProjectView>[] = [
		{
			header: t("video:projects.table.title"),
			rowHeader: true,
			cell: (row) => (
				<>
					<a href={`/video/projects/${encodeURIComponent(row.id)}`}>{row.title}</a>
					<span class="cell-sub muted">{row.keyword || t("video:projects.untitledKeyword")}</span>
				</>
			),
		},
		{ header: t("video:projects.table.status"), cell: (row) => <ProjectStatusBadge status={row.status} /> },
		{ header: t("video:projects.table.aspect"), cell: (row) => aspectLabel(t, row.aspect) },
		{ header: t("video:projects.table.duration"), class: "num", cell: (row) => t("video:projects.seconds", { count: row.duration_s }) },
		{ header: t("video:projects.table.created"), cell: (row) => dateTime(row.created_at) },
	];
	return (
		<Layout title={t("video:projects.title")} viewer={props.viewer} noindex>
			<VideoNav current="projects" />
			<div class="section-head">
				<h1>{t("video:projects.title")}</h1>
				<p class="lead">{t("video:projects.intro")}</p>
				<p>
					<a class="button button-primary" href="#new-project">
						{t("video:projects.newProject")}
					</a>{" "}
					<a class="button button-secondary" href="/video/start">
						{t("video:projects.guidedStart")}
					</a>
				</p>
			</div>
			<MediaToolsNotice tools={props.mediaTools} />
			<FormFeedback notice={props.notice} error={props.error} />
			<nav class="filters video-filters" aria-label={t("video:projects.filter.label")}>
				<ul class="chip-list">
					<li>
						<a class="chip" href={listUrl(undefined, 1)} aria-current={status ? undefined : "page"}>
							{t("video:projects.filter.all")}
						</a>
					</li>
					{ProjectStatus.options.map((option) => (
						<li>
							<a class="chip" href={listUrl(option, 1)} aria-current={status === option ? "page" : undefined}>
								{t(`video:projects.status.${option}`)}
							</a>
						</li>
					))}
				</ul>
			</nav>
			<p class="small muted" data-project-total={total}>
				{t("video:projects.total", { count: total })}
			</p>
			<DataTable
				class="table table-compact video-projects"
				columns={columns}
				rows={projects}
				label={t("video:projects.title")}
				empty={<p class="empty-state">{t("video:projects.empty")}</p>}
			/>
			{pages > 1 ? (
				<nav class="pager video-pager" aria-label={t("video:projects.paging.label")}>
					{page > 1 ? (
						<a rel="prev" href={listUrl(status, page - 1)}>
							{t("video:projects.paging.previous")}
						</a>
					) : null}{" "}
					<span>{t("video:projects.paging.page", { page, pages })}</span>{" "}
					{page < pages ? (
						<a rel="next" href={listUrl(status, page + 1)}>
							{t("video:projects.paging.next")}
						</a>
					) : null}
				</nav>
			) : null}
			<NewProjectForm csrfToken={props.csrfToken} brands={props.brands} templates={props.templates} values={props.values} />
		</Layout>
	);
}
