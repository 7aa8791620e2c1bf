import { MAX_PUBLISH_ATTEMPTS } from "../../../channels/schedules/publish-failure";
import type { ScheduleView } from "../../../channels/schedules/view";
import { useI18n } from "../../../i18n/context";
import { ScheduleStatus } from "../../../shared/channels";
import { type Column, DataTable } from "../../table";
import { StatusBadge } from "./status-badge";

/** One action on a schedule: a form posting with the CSRF token (no JavaScript needed). */
function ActionForm({ id, action, label, csrfToken }: { id: string; action: "publish-now" | "delete" | "retry"; label: string; csrfToken: string }) {
	return (
		<form method="post" action={`/video/schedules/${id}/${action}`} class="inline-form">
			<input type="hidden" name="_csrf" value={csrfToken} />
			<button type="submit" class={`button button-sm ${action === "delete" ? "button-secondary" : "button-primary"}`} data-action={action}>
				{label}
			</button>
		</form>
	);
}

/** The schedules in time order with their status, the reason of a failure, and what can be done with each. */
export function ScheduleList({
	schedules,
	channelNames,
	status,
	csrfToken,
}: {
	schedules: ScheduleView[];
	channelNames: Map<string, string>;
	status: ScheduleStatus | undefined;
	csrfToken: string;
}) {
	const { t, dateTime } = useI18n();
	const columns: Column<ScheduleView>[] = [
		{ header: t("channels:schedules.list.when"), cellProps: { class: "nowrap" }, cell: (row) => dateTime(row.scheduled_at) },
		{
			header: t("channels:schedules.list.video"),
			rowHeader: true,
			cellProps: { class: "cell-title" },
			cell: (row) => (
				<>
					{row.title}
					{row.external_url ? (
						<a class="cell-sub" href={row.external_url}>
							{t("channels:schedules.list.view")}
						</a>
					) : null}
				</>
			),
		},
		{ header: t("channels:schedules.list.channel"), cell: (row) => channelNames.get(row.channel_id) ?? row.channel_id },
		{
			header: t("channels:schedules.list.status"),
			cell: (row) => (
				<>
					<StatusBadge status={row.status} />
					{row.attempts > 0 && row.status !== "published" ? (
						<span class="cell-sub">{t("channels:schedules.list.attempts", { count: row.attempts, max: MAX_PUBLISH_ATTEMPTS })}</span>
					) : null}
					{row.last_error && row.status === "failed" ? (
						<span class="cell-sub" data-error>
							{t("channels:schedules.list.reason", { reason: row.last_error })}
						</span>
					) : null}
				</>
			),
		},
		{
			header: t("channels:schedules.list.actions"),
			cell: (row) =>
				row.status === "pending" || row.status === "failed" ? (
					<>
						<ActionForm id={row.id} action="publish-now" label={t("channels:schedules.actions.publishNow")} csrfToken={csrfToken} />
						{row.status === "failed" ? <ActionForm id={row.id} action="retry" label={t("channels:schedules.actions.retry")} csrfToken={csrfToken} /> : null}
						<ActionForm id={row.id} action="delete" label={t("channels:schedules.actions.cancel")} csrfToken={csrfToken} />
					</>
				) : null,
		},
	];
	return (
		<section class="schedule-list">
			<h2>{t("channels:schedules.list.title")}</h2>
			<form method="get" action="/video/schedules" class="inline-form">
				<label for="schedule-status">{t("channels:schedules.list.filter")}</label>{" "}
				<select id="schedule-status" name="status">
					<option value="">{t("channels:schedules.list.all")}</option>
					{ScheduleStatus.options.map((option) => (
						<option value={option} selected={option === status}>
							{t(`channels:schedules.status.${option}`)}
						</option>
					))}
				</select>{" "}
				<button type="submit" class="button button-secondary button-sm">
					{t("channels:schedules.list.apply")}
				</button>
			</form>
			<DataTable
				class="table table-compact table-stack"
				label={t("channels:schedules.list.title")}
				columns={columns}
				rows={schedules}
				empty={<p class="empty">{t("channels:schedules.list.empty")}</p>}
			/>
		</section>
	);
}
