import { SCHEDULE_LIMITS } from "../../../channels/schedules/input";
import { useI18n } from "../../../i18n/context";
import { VideoVisibility } from "../../../shared/channels";

/** What the form was filled with (after a refused post, or a suggested time picked). */
export type ScheduleFormValues = {
	project_id?: string;
	channel_id?: string;
	date?: string;
	time?: string;
	title?: string;
	description?: string;
	tags?: string;
	visibility?: string;
};

/** Suggested times for the chosen channel, each a link that fills the date and time in. */
export type SuggestedTimes = { source: "history" | "defaults"; times: { local: string; score: number; reason: string; href: string }[] };

/**
 * The create form: a finished video, a connected video channel, date and time on the viewer's
 * clock (the zone named), the words and the visibility; above it the suggested times of the chosen
 * channel. Posts to `/video/schedules` with the CSRF token.
 */
export function ScheduleCreateForm({
	projects,
	channels,
	values,
	suggested,
	csrfToken,
	error,
}: {
	projects: { id: string; title: string }[];
	channels: { id: string; displayName: string }[];
	values: ScheduleFormValues;
	suggested: SuggestedTimes | null;
	csrfToken: string;
	error?: string;
}) {
	const { t, timeZone } = useI18n();
	if (projects.length === 0) return <p class="notice">{t("channels:schedules.form.noProjects")}</p>;
	if (channels.length === 0)
		return (
			<p class="notice">
				{t("channels:schedules.form.noChannels")} <a href="/video/channels">{t("channels:schedules.form.connect")}</a>
			</p>
		);
	return (
		<section class="schedule-create">
			<h2 id="schedule-create">{t("channels:schedules.form.title")}</h2>
			{error ? (
				<p class="alert alert-error" role="alert">
					{error}
				</p>
			) : null}
			<form method="get" action="/video/schedules" class="inline-form">
				<label for="suggest-channel">{t("channels:schedules.form.channel")}</label>{" "}
				<select id="suggest-channel" name="channel">
					{channels.map((channel) => (
						<option value={channel.id} selected={channel.id === values.channel_id}>
							{channel.displayName}
						</option>
					))}
				</select>{" "}
				<button type="submit" class="button button-secondary button-sm">
					{t("channels:schedules.form.suggest")}
				</button>
			</form>
			{suggested ? (
				<div class="schedule-suggestions" data-source={suggested.source}>
					<h3>{t("channels:schedules.optimal.title")}</h3>
					<p class="field-hint">{t(`channels:schedules.optimal.${suggested.source}`)}</p>
					<ul class="tag-list">
						{suggested.times.map((slot) => (
							<li>
								<a class="badge badge-info" href={slot.href} data-suggested={slot.local} title={slot.reason}>
									{t("channels:schedules.optimal.use", { time: slot.local.replace("T", " ") })} · {t("channels:schedules.optimal.score", { score: slot.score })}
								</a>
								<span class="cell-sub">{slot.reason}</span>
							</li>
						))}
					</ul>
				</div>
			) : null}
			<form method="post" action="/video/schedules" aria-labelledby="schedule-create">
				<input type="hidden" name="_csrf" value={csrfToken} />
				<div class="field">
					<label for="schedule-project">{t("channels:schedules.form.project")}</label>
					<select id="schedule-project" name="project_id" required>
						{projects.map((project) => (
							<option value={project.id} selected={project.id === values.project_id}>
								{project.title}
							</option>
						))}
					</select>
				</div>
				<div class="field">
					<label for="schedule-channel">{t("channels:schedules.form.channel")}</label>
					<select id="schedule-channel" name="channel_id" required>
						{channels.map((channel) => (
							<option value={channel.id} selected={channel.id === values.channel_id}>
								{channel.displayName}
							</option>
						))}
					</select>
				</div>
				<div class="field">
					<label for="schedule-date">{t("channels:schedules.form.date")}</label>
					<input id="schedule-date" type="date" name="date" value={values.date ?? ""} required aria-describedby="schedule-zone" />
					<label for="schedule-time">{t("channels:schedules.form.time")}</label>
					<input id="schedule-time" type="time" name="time" value={values.time ?? ""} required aria-describedby="schedule-zone" />
					<p class="field-hint" id="schedule-zone">
						{t("channels:schedules.form.zone", { zone: timeZone })}
					</p>
				</div>
				<div class="field">
					<label for="schedule-title">{t("channels:schedules.form.videoTitle")}</label>
					<input id="schedule-title" name="title" maxlength={SCHEDULE_LIMITS.title} value={values.title ?? ""} required />
				</div>
				<div class="field">
					<label for="schedule-description">{t("channels:schedules.form.description")}</label>
					<textarea id="schedule-description" name="description" maxlength={SCHEDULE_LIMITS.description} rows={4}>
						{values.description ?? ""}
					</textarea>
				</div>
				<div class="field">
					<label for="schedule-tags">{t("channels:schedules.form.tags")}</label>
					<input id="schedule-tags" name="tags" value={values.tags ?? ""} aria-describedby="schedule-tags-hint" />
					<p class="field-hint" id="schedule-tags-hint">
						{t("channels:schedules.form.tagsHint")}
					</p>
				</div>
				<div class="field">
					<label for="schedule-visibility">{t("channels:schedules.form.visibility")}</label>
					<select id="schedule-visibility" name="visibility">
						{VideoVisibility.options.map((option) => (
							<option value={option} selected={option === (values.visibility ?? "public")}>
								{t(`channels:schedules.visibility.${option}`)}
							</option>
						))}
					</select>
				</div>
				<button type="submit" class="button button-primary">
					{t("channels:schedules.form.submit")}
				</button>
			</form>
		</section>
	);
}
