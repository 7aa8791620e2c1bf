import type { Viewer } from "../../../accounts/viewer";
import { useI18n } from "../../../i18n/context";
import { PIPELINE_STEPS, type PipelineStep, type RunScope } from "../../../shared/video";
import type { RunView } from "../../../video/pipeline/runs";
import type { projectDetailView } from "../../../video/projects/view";
import { Layout } from "../../layout";
import { type Column, DataTable } from "../../table";
import { VideoNav } from "../nav";
import type { Choice } from "./list-page";
import { ASPECTS, aspectLabel, FormFeedback, type MediaTools, MediaToolsNotice, type ProjectNotice, ProjectStatusBadge, templateName } from "./parts";

export type ProjectDetail = ReturnType<typeof projectDetailView>;

/** Props of {@link ProjectPage}. */
export type ProjectPageProps = {
	viewer?: Viewer | null;
	csrfToken: string;
	project: ProjectDetail;
	/** Newest first (H2's `listRuns` through `runView`). */
	runs: RunView[];
	/** The run at work on the project, if any: its progress is shown live. */
	openRun: RunView | null;
	/** A token for the project's live progress (`/api/progress/ws`); absent: polling only. */
	progressToken?: string;
	mediaTools: MediaTools | null;
	brands: Choice[];
	templates: Choice[];
	currency: string;
	notice?: ProjectNotice | null;
	error?: string | null;
};

const SINGLE_STEPS: readonly Exclude<RunScope, "all">[] = ["script", "images", "voice", "compose"];

function projectPath(project: { id: string }, rest = ""): string {
	return `/video/projects/${encodeURIComponent(project.id)}${rest}`;
}

/** The run's live progress: a bar and the step, updated by /js/live-progress.js; a refresh shows the stored numbers without it. */
function LiveProgress({ project, run, token }: { project: ProjectDetail; run: RunView; token?: string }) {
	const { t } = useI18n();
	const labels = Object.fromEntries(PIPELINE_STEPS.map((step) => [step, t(`video:projects.detail.progress.steps.${step}`)]));
	const percent = Math.max(0, Math.min(100, run.progress));
	return (
		<section class="card video-progress" aria-labelledby="video-progress-title">
			<h2 class="card-title" id="video-progress-title">
				{t("video:projects.detail.progress.heading")}
			</h2>
			<div
				class="video-progress-live"
				data-video-progress
				data-live-progress
				data-live-statuses="pending,processing"
				data-job-id={run.job_id}
				data-status-url={`/api/projects/${encodeURIComponent(project.id)}/generation-status/${encodeURIComponent(run.job_id)}`}
				data-reload-url={projectPath(project)}
				data-progress-token={token}
				data-step-labels={JSON.stringify(labels)}
			>
				<progress max="100" value={percent} aria-label={t("video:projects.detail.progress.label")} />
				<span class="small" data-progress-text aria-live="polite">
					{`${labels[run.current_step] ?? run.current_step} · ${percent}%`}
				</span>
			</div>
			<p class="small muted">{t("video:projects.detail.busy")}</p>
			<p class="small">
				<a href={projectPath(project)}>{t("video:projects.detail.progress.refresh")}</a>
			</p>
		</section>
	);
}

function SettingsForm({
	project,
	csrfToken,
	brands,
	templates,
	disabled,
}: Pick<ProjectPageProps, "project" | "csrfToken" | "brands" | "templates"> & { disabled: boolean }) {
	const { t } = useI18n();
	return (
		<form method="post" action={projectPath(project, "/settings")} class="card form-stack video-settings">
			<h2 class="card-title">{t("video:projects.detail.settings")}</h2>
			<input type="hidden" name="_csrf" value={csrfToken} />
			<fieldset disabled={disabled} class="form-stack">
				<div class="field">
					<label for="settings-title">{t("video:projects.form.title")}</label>
					<input id="settings-title" name="title" required maxlength={120} value={project.title} />
				</div>
				<div class="field">
					<label for="settings-keyword">{t("video:projects.form.keyword")}</label>
					<input id="settings-keyword" name="keyword" maxlength={200} value={project.keyword} />
				</div>
				<div class="field">
					<label for="settings-aspect">{t("video:projects.form.aspect")}</label>
					<select id="settings-aspect" name="aspect">
						{ASPECTS.map((aspect) => (
							<option value={aspect} selected={project.aspect === aspect}>
								{aspectLabel(t, aspect)}
							</option>
						))}
					</select>
				</div>
				<div class="field">
					<label for="settings-duration">{t("video:projects.form.duration")}</label>
					<input id="settings-duration" name="duration_s" type="number" min={15} max={60} step={1} value={String(project.duration_s)} />
				</div>
				<div class="field">
					<label for="settings-brand">{t("video:projects.form.brand")}</label>
					<select id="settings-brand" name="brand_profile_id">
						<option value="">{t("video:projects.form.noBrand")}</option>
						{brands.map((brand) => (
							<option value={brand.id} selected={project.brand_profile_id === brand.id}>
								{brand.name}
							</option>
						))}
					</select>
				</div>
				<div class="field">
					<label for="settings-template">{t("video:projects.form.template")}</label>
					<select id="settings-template" name="template_id">
						{templates.map((template) => (
							<option value={template.id} selected={(project.template_id ?? "builtin-hook-points-cta") === template.id}>
								{templateName(t, template)}
							</option>
						))}
					</select>
				</div>
				<button type="submit" class="button button-secondary">
					{t("video:projects.form.save")}
				</button>
			</fieldset>
		</form>
	);
}

function ScriptEditor({ project, csrfToken, disabled }: Pick<ProjectPageProps, "project" | "csrfToken"> & { disabled: boolean }) {
	const { t } = useI18n();
	return (
		<form method="post" action={projectPath(project, "/script")} class="card form-stack video-script" id="script">
			<h2 class="card-title">{t("video:projects.detail.script")}</h2>
			<input type="hidden" name="_csrf" value={csrfToken} />
			{project.script_source ? (
				<p class="small muted" data-script-source={project.script_source}>
					{t(`video:projects.detail.scriptSource.${project.script_source}`)}
				</p>
			) : null}
			{project.script === undefined ? <p class="muted">{t("video:projects.detail.scriptEmpty")}</p> : null}
			<div class="field">
				<label for="script-text" class="visually-hidden">
					{t("video:projects.detail.script")}
				</label>
				<textarea id="script-text" name="script" rows={10} maxlength={5000} required disabled={disabled} aria-describedby="script-hint">
					{project.script ?? ""}
				</textarea>
				<p class="field-hint" id="script-hint">
					{t("video:projects.detail.scriptHint")}
				</p>
			</div>
			<button type="submit" class="button button-secondary" disabled={disabled}>
				{t("video:projects.detail.saveScript")}
			</button>
		</form>
	);
}

function GenerateButtons({ project, csrfToken, disabled }: Pick<ProjectPageProps, "project" | "csrfToken"> & { disabled: boolean }) {
	const { t } = useI18n();
	return (
		<section class="card video-generate" aria-labelledby="video-generate-title">
			<h2 class="card-title" id="video-generate-title">
				{t("video:projects.detail.generate.heading")}
			</h2>
			<p class="small muted">{t("video:projects.detail.generate.hint")}</p>
			<div class="video-generate-buttons">
				{(["all", ...SINGLE_STEPS] as const).map((scope) => (
					<form method="post" action={projectPath(project, `/generate/${scope}`)}>
						<input type="hidden" name="_csrf" value={csrfToken} />
						<button
							type="submit"
							class={scope === "all" ? "button button-primary" : "button button-secondary button-sm"}
							disabled={disabled}
							data-generate={scope}
						>
							{t(`video:projects.detail.generate.${scope}`)}
						</button>
					</form>
				))}
			</div>
		</section>
	);
}

function Scenes({ project, csrfToken, disabled }: Pick<ProjectPageProps, "project" | "csrfToken"> & { disabled: boolean }) {
	const { t, number } = useI18n();
	return (
		<section class="card video-scenes" aria-labelledby="video-scenes-title">
			<h2 class="card-title" id="video-scenes-title">
				{t("video:projects.detail.scenes.heading")}
			</h2>
			{project.scenes.length === 0 ? (
				<p class="muted">{t("video:projects.detail.scenes.empty")}</p>
			) : (
				<ol class="video-scene-list">
					{project.scenes.map((scene) => (
						<li class="video-scene" data-scene={scene.position}>
							<figure>
								{scene.image_url ? (
									<img src={scene.image_url} alt={scene.image_prompt} loading="lazy" class={`video-scene-image aspect-${project.aspect.replace(":", "x")}`} />
								) : (
									<div class="video-scene-placeholder">{t("video:projects.detail.scenes.noImage")}</div>
								)}
								<figcaption>
									<strong>
										{t("video:projects.detail.scenes.scene", { position: scene.position + 1 })} · {scene.section}
									</strong>{" "}
									<span class="small muted">
										{number(scene.start_ms / 1000)}–{number(scene.end_ms / 1000)}
									</span>
									<p>{scene.text}</p>
								</figcaption>
							</figure>
							<form method="post" action={projectPath(project, `/scenes/${scene.position}/regenerate`)}>
								<input type="hidden" name="_csrf" value={csrfToken} />
								<button type="submit" class="button button-ghost button-sm" disabled={disabled || !project.script}>
									{t("video:projects.detail.scenes.regenerate")}
								</button>
							</form>
						</li>
					))}
				</ol>
			)}
		</section>
	);
}

function VoiceAndVideo({ project }: { project: ProjectDetail }) {
	const { t, number } = useI18n();
	const video = project.video;
	return (
		<>
			<section class="card video-voice" aria-labelledby="video-voice-title">
				<h2 class="card-title" id="video-voice-title">
					{t("video:projects.detail.voice.heading")}
				</h2>
				{project.voice_url ? (
					<audio controls preload="metadata" src={project.voice_url} data-voice-preview>
						<track kind="captions" src={project.captions_url} srclang={project.language} label={t(`video:projects.languages.${project.language}`)} />
						<a href={project.voice_url}>{t("video:projects.detail.voice.heading")}</a>
					</audio>
				) : (
					<p class="muted">{t("video:projects.detail.voice.empty")}</p>
				)}
			</section>
			<section class="card video-player" aria-labelledby="video-player-title">
				<h2 class="card-title" id="video-player-title">
					{t("video:projects.detail.video.heading")}
				</h2>
				{video ? (
					<>
						<video
							controls
							playsinline
							preload="metadata"
							src={video.url}
							poster={video.thumbnail_url ?? undefined}
							class={`video-element aspect-${project.aspect.replace(":", "x")}`}
							data-project-video
						>
							<track kind="captions" src={project.captions_url} srclang={project.language} label={t(`video:projects.languages.${project.language}`)} />
							<p>{t("video:projects.detail.video.unsupported")}</p>
						</video>
						<p class="small muted">
							{t("video:projects.detail.video.facts", {
								width: video.width ?? "?",
								height: video.height ?? "?",
								seconds: video.duration_s === null ? "?" : number(video.duration_s),
							})}{" "}
							·{" "}
							<a href={video.url} download={`${project.title}.mp4`}>
								{t("video:projects.detail.video.download")}
							</a>
						</p>
					</>
				) : (
					<p class="muted">{t("video:projects.detail.video.empty")}</p>
				)}
			</section>
		</>
	);
}

function QaReport({ project }: { project: ProjectDetail }) {
	const { t } = useI18n();
	const qa = project.qa;
	return (
		<section class="card video-qa" aria-labelledby="video-qa-title">
			<h2 class="card-title" id="video-qa-title">
				{t("video:projects.detail.qa.heading")}
			</h2>
			{qa ? (
				<>
					<p class={qa.passed ? "badge badge-success" : "badge badge-danger"} data-qa-passed={String(qa.passed)}>
						{qa.passed ? t("video:projects.detail.qa.passed") : t("video:projects.detail.qa.failed")}
					</p>
					<ul class="check-list">
						{qa.checks.map((check) => (
							<li data-qa-check={check.name} data-passed={String(check.passed)}>
								{check.passed ? "✓" : "✗"} <strong>{check.name}</strong>
								{check.detail ? <span class="small muted"> — {check.detail}</span> : null}
							</li>
						))}
					</ul>
				</>
			) : (
				<p class="muted">{t("video:projects.detail.qa.empty")}</p>
			)}
		</section>
	);
}

function RunHistory({ runs, currency }: { runs: RunView[]; currency: string }) {
	const { t, dateTime, money, list } = useI18n();
	const step = (name: PipelineStep) => t(`video:projects.detail.progress.steps.${name}`);
	const columns: Column<RunView>[] = [
		{ header: t("video:projects.detail.runs.started"), cell: (run) => dateTime(run.created_at) },
		{ header: t("video:projects.detail.runs.scope"), cell: (run) => t(`video:projects.detail.runs.scopes.${run.scope}`) },
		{ header: t("video:projects.detail.runs.status"), cell: (run) => t(`video:projects.detail.runs.statuses.${run.status}`) },
		{
			header: t("video:projects.detail.runs.reused"),
			cell: (run) =>
				run.reused_steps.length > 0
					? list(run.reused_steps.map((s) => t(`video:projects.detail.runs.scopes.${s === "qa" ? "compose" : s}`)))
					: t("video:projects.detail.runs.none"),
		},
		{
			header: t("video:projects.detail.runs.cost"),
			class: "num",
			cell: (run) => (run.cost_cents === null ? t("video:projects.detail.runs.none") : money(run.cost_cents, currency)),
		},
		{
			header: t("video:projects.detail.runs.error"),
			cell: (run) =>
				run.error ? (
					<span data-error-code={run.error.code}>
						{t("video:projects.detail.runs.failedAt", { step: run.error.step ? step(run.error.step) : "?", message: run.error.message })}
					</span>
				) : (
					t("video:projects.detail.runs.none")
				),
		},
	];
	return (
		<section class="card video-runs" aria-labelledby="video-runs-title">
			<h2 class="card-title" id="video-runs-title">
				{t("video:projects.detail.runs.heading")}
			</h2>
			<DataTable
				class="table table-compact"
				columns={columns}
				rows={runs}
				label={t("video:projects.detail.runs.heading")}
				rowProps={(run) => ({ "data-run": run.job_id, "data-run-status": run.status })}
				empty={<p class="muted">{t("video:projects.detail.runs.empty")}</p>}
			/>
		</section>
	);
}

/**
 * `/video/projects/:id`: the project's settings and script editor, the generate buttons (the
 * whole pipeline or one step), the live progress of a run at work, the scenes with "make a new
 * image", the voice preview, the player, the QA report and the history of runs. Every action is a
 * plain form; /js/live-progress.js only keeps the progress live and reloads when the run ends.
 */
export function ProjectPage(props: ProjectPageProps) {
	const { t } = useI18n();
	const { project, csrfToken } = props;
	const busy = project.status === "processing" || props.openRun !== null;
	return (
		<Layout title={project.title} viewer={props.viewer} noindex>
			<VideoNav current="projects" />
			<p class="back-link">
				<a href="/video">{t("video:projects.detail.back")}</a>
			</p>
			<div class="section-head video-project-head">
				<h1>{project.title}</h1>
				<p>
					<ProjectStatusBadge status={project.status} /> <span class="muted">{project.keyword}</span> · <span>{aspectLabel(t, project.aspect)}</span> ·{" "}
					<span>{t("video:projects.seconds", { count: project.duration_s })}</span>
				</p>
			</div>
			<MediaToolsNotice tools={props.mediaTools} />
			<FormFeedback notice={props.notice} error={props.error} />
			{props.openRun ? <LiveProgress project={project} run={props.openRun} token={props.progressToken} /> : null}
			<div class="video-project-layout">
				<div class="stack">
					<VoiceAndVideo project={project} />
					<GenerateButtons project={project} csrfToken={csrfToken} disabled={busy} />
					<QaReport project={project} />
				</div>
				<div class="stack">
					<ScriptEditor project={project} csrfToken={csrfToken} disabled={busy} />
					<SettingsForm project={project} csrfToken={csrfToken} brands={props.brands} templates={props.templates} disabled={busy} />
				</div>
			</div>
			<Scenes project={project} csrfToken={csrfToken} disabled={busy} />
			<RunHistory runs={props.runs} currency={props.currency} />
			<form method="post" action={projectPath(project, "/delete")} class="card video-delete">
				<h2 class="card-title">{t("video:projects.detail.delete.heading")}</h2>
				<p class="small muted">{t("video:projects.detail.delete.body")}</p>
				<input type="hidden" name="_csrf" value={csrfToken} />
				<button type="submit" class="button button-danger" disabled={busy}>
					{t("video:projects.detail.delete.button")}
				</button>
			</form>
			{props.openRun ? <script src="/js/live-progress.js" defer /> : null}
		</Layout>
	);
}
