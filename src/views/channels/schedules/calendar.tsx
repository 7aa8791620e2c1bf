import type { MonthGrid } from "../../../channels/schedules/calendar";
import { utcToLocal } from "../../../channels/schedules/local-time";
import type { ScheduleView } from "../../../channels/schedules/view";
import { useI18n } from "../../../i18n/context";
import { StatusBadge } from "./status-badge";

/** Items shown in one day's cell before "+N more". */
const PER_DAY = 3;

/** The weekday names, Monday first, in the reader's language. */
function weekdayNames(locale: string): string[] {
	const format = new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-US", { weekday: "short", timeZone: "UTC" });
	// 2024-01-01 was a Monday.
	return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i, 12))));
}

/** A month grid on the viewer's clock: each schedule on its local day, with its time on that clock and its status; links to the months around it. */
export function ScheduleCalendar({ grid, days, query }: { grid: MonthGrid; days: Map<string, ScheduleView[]>; query: (month: string) => string }) {
	const { t, locale, timeZone } = useI18n();
	const monthName = new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-US", { year: "numeric", month: "long", timeZone: "UTC" }).format(
		new Date(`${grid.month}-15T00:00:00Z`),
	);
	return (
		<section class="schedule-calendar" aria-label={t("channels:schedules.calendar.label", { month: monthName })} data-month={grid.month}>
			<p class="pager">
				<a href={query(grid.prev)} rel="prev">
					← {t("channels:schedules.calendar.prev")}
				</a>{" "}
				<strong>{monthName}</strong>{" "}
				<a href={query(grid.next)} rel="next">
					{t("channels:schedules.calendar.next")} →
				</a>
			</p>
			<table class="table calendar">
				<caption class="visually-hidden">{t("channels:schedules.calendar.label", { month: monthName })}</caption>
				<thead>
					<tr>
						{weekdayNames(locale).map((name) => (
							<th scope="col">{name}</th>
						))}
					</tr>
				</thead>
				<tbody>
					{grid.weeks.map((week) => (
						<tr>
							{week.map((day) => {
								if (day === null) return <td class="calendar-empty" />;
								const items = days.get(day) ?? [];
								return (
									<td data-day={day}>
										<span class="calendar-day">{Number(day.slice(8))}</span>
										<ul class="calendar-items">
											{items.slice(0, PER_DAY).map((item) => (
												<li data-schedule={item.id}>
													<span class="nowrap">{utcToLocal(item.scheduled_at, timeZone).slice(11)}</span> {item.title} <StatusBadge status={item.status} />
												</li>
											))}
										</ul>
										{items.length > PER_DAY ? <span class="cell-sub">{t("channels:schedules.calendar.more", { count: items.length - PER_DAY })}</span> : null}
									</td>
								);
							})}
						</tr>
					))}
				</tbody>
			</table>
		</section>
	);
}
