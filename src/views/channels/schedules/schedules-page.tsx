import type { Viewer } from "../../../accounts/viewer";
import type { MonthGrid } from "../../../channels/schedules/calendar";
import type { ScheduleView } from "../../../channels/schedules/view";
import { useI18n } from "../../../i18n/context";
import type { ScheduleStatus } from "../../../shared/channels";
import { Layout } from "../../layout";
import { VideoNav } from "../../video/nav";
import { ScheduleCalendar } from "./calendar";
import { ScheduleCreateForm, type ScheduleFormValues, type SuggestedTimes } from "./create-form";
import { ScheduleList } from "./list";

export const SCHEDULE_NOTICES = ["created", "queued", "deleted", "retried"] as const;
export type ScheduleNotice = (typeof SCHEDULE_NOTICES)[number];

/** Props of {@link SchedulesPage}. */
export type SchedulesPageProps = {
	viewer?: Viewer | null;
	csrfToken: string;
	grid: MonthGrid;
	/** The month's schedules by local day (calendar). */
	days: Map<string, ScheduleView[]>;
	/** The schedules of the list (its status filter). */
	schedules: ScheduleView[];
	status: ScheduleStatus | undefined;
	projects: { id: string; title: string }[];
	channels: { id: string; displayName: string }[];
	values: ScheduleFormValues;
	suggested: SuggestedTimes | null;
	notice?: ScheduleNotice;
	error?: string;
};

/** `/video/schedules`: the month calendar on the viewer's clock, the list with its actions, and the create form with suggested times. */
export function SchedulesPage(props: SchedulesPageProps) {
	const { t, timeZone } = useI18n();
	const channelNames = new Map(props.channels.map((channel) => [channel.id, channel.displayName]));
	const monthLink = (month: string) => `/video/schedules?month=${month}${props.status ? `&status=${props.status}` : ""}`;
	return (
		<Layout title={t("channels:schedules.title")} viewer={props.viewer} noindex>
			<VideoNav current="schedules" />
			<h1>{t("channels:schedules.title")}</h1>
			<p>{t("channels:schedules.intro", { zone: timeZone })}</p>
			{props.notice ? (
				<p class="status-panel status-success" role="status" data-notice={props.notice}>
					{t(`channels:schedules.notice.${props.notice}`)}
				</p>
			) : null}
			<ScheduleCalendar grid={props.grid} days={props.days} query={monthLink} />
			<ScheduleList schedules={props.schedules} channelNames={channelNames} status={props.status} csrfToken={props.csrfToken} />
			<ScheduleCreateForm
				projects={props.projects}
				channels={props.channels}
				values={props.values}
				suggested={props.suggested}
				csrfToken={props.csrfToken}
				error={props.error}
			/>
		</Layout>
	);
}
