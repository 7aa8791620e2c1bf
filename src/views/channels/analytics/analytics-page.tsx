import type { Viewer } from "../../../accounts/viewer";
import type { Insight } from "../../../channels/analytics/insights";
import type { ChannelSummary, Counters, VideoSummary } from "../../../channels/analytics/video-queries";
import { useI18n } from "../../../i18n/context";
import { Layout } from "../../layout";
import { type Column, DataTable } from "../../table";
import { VideoNav } from "../../video/nav";
import { BarChart } from "./bar-chart";
import { InsightsList } from "./insights-list";
import { TimeLineChart } from "./line-chart";

/** Props of {@link AnalyticsPage}: what `GET /api/analytics/overview` answers. */
export type AnalyticsPageProps = {
	viewer?: Viewer | null;
	channels: ChannelSummary[];
	totals: Counters;
	topVideos: VideoSummary[];
	insights: Insight[];
};

/** Every channel's series on one time axis: the union of their snapshot times, a channel's value null where it has none. */
function viewsSeries(channels: ChannelSummary[]) {
	const times = [...new Set(channels.flatMap((channel) => channel.series.map((point) => point.at)))].sort();
	const series = channels.map((channel) => {
		const byTime = new Map(channel.series.map((point) => [point.at, point.views]));
		return { name: channel.display_name, values: times.map((at) => byTime.get(at) ?? null) };
	});
	return { times, series };
}

function TotalsCards({ totals }: { totals: Counters }) {
	const { t, number } = useI18n();
	return (
		<dl class="analytics-totals">
			{(["views", "likes", "comments"] as const).map((counter) => (
				<div class="card" data-total={counter}>
					<dt>{t(`channels:analytics.${counter}`)}</dt>
					<dd>
						<strong>{number(totals[counter])}</strong>
					</dd>
				</div>
			))}
		</dl>
	);
}

/**
 * `/video/analytics`: the totals of the user's video channels, a line chart of each channel's views
 * over the last 30 days, the channels' latest numbers, a bar chart and table of the most viewed
 * videos, and the insights. Times are the reader's (language and zone).
 */
export function AnalyticsPage({ viewer, channels, totals, topVideos, insights }: AnalyticsPageProps) {
	const { t, number, dateTime } = useI18n();
	const { times, series } = viewsSeries(channels);
	const channelColumns: Column<ChannelSummary>[] = [
		{ header: t("channels:analytics.colChannel"), rowHeader: true, cell: (row) => row.display_name },
		{ header: t("channels:analytics.colStatus"), cell: (row) => t(`channels:analytics.status.${row.status as "connected"}`) },
		{ header: t("channels:analytics.views"), class: "num", cell: (row) => number(row.views) },
		{ header: t("channels:analytics.likes"), class: "num", cell: (row) => number(row.likes) },
		{ header: t("channels:analytics.comments"), class: "num", cell: (row) => number(row.comments) },
		{ header: t("channels:analytics.colTaken"), cell: (row) => (row.captured_at ? dateTime(row.captured_at) : t("channels:analytics.notYet")) },
	];
	const videoColumns: Column<VideoSummary>[] = [
		{ header: t("channels:analytics.colVideo"), rowHeader: true, cell: (row) => (row.url ? <a href={row.url}>{row.title}</a> : row.title) },
		{ header: t("channels:analytics.views"), class: "num", cell: (row) => number(row.views) },
		{ header: t("channels:analytics.likes"), class: "num", cell: (row) => number(row.likes) },
		{ header: t("channels:analytics.comments"), class: "num", cell: (row) => number(row.comments) },
	];
	return (
		<Layout title={t("channels:analytics.title")} viewer={viewer} noindex>
			<VideoNav current="analytics" />
			<header>
				<h1>{t("channels:analytics.title")}</h1>
				<p class="muted">{t("channels:analytics.intro")}</p>
			</header>
			{channels.length === 0 ? (
				<p class="notice">
					{t("channels:analytics.none")} <a href="/video/channels">{t("channels:analytics.connect")}</a>
				</p>
			) : (
				<>
					<section aria-labelledby="analytics-totals-title">
						<h2 id="analytics-totals-title" class="section-title">
							{t("channels:analytics.totalsTitle")}
						</h2>
						<TotalsCards totals={totals} />
						{times.length === 0 ? (
							<p class="muted">{t("channels:analytics.noSnapshots")}</p>
						) : (
							<TimeLineChart
								id="views-per-channel"
								title={t("channels:analytics.viewsChart.title")}
								description={t("channels:analytics.viewsChart.description", { count: channels.length, views: number(totals.views) })}
								times={times}
								series={series}
								timeHeader={t("channels:analytics.viewsChart.time")}
							/>
						)}
					</section>
					<section aria-labelledby="analytics-channels-title">
						<h2 id="analytics-channels-title" class="section-title">
							{t("channels:analytics.channelsTitle")}
						</h2>
						<DataTable class="ledger-table" label={t("channels:analytics.channelsTitle")} columns={channelColumns} rows={channels} />
					</section>
					<section aria-labelledby="analytics-top-title">
						<h2 id="analytics-top-title" class="section-title">
							{t("channels:analytics.topTitle")}
						</h2>
						{topVideos.length === 0 ? (
							<p class="muted">{t("channels:analytics.noVideos")}</p>
						) : (
							<>
								<BarChart
									id="top-videos"
									title={t("channels:analytics.topTitle")}
									description={t("channels:analytics.topChart.description", { count: topVideos.length, views: number(topVideos[0]?.views ?? 0) })}
									bars={topVideos.map((video) => ({ label: video.title, value: video.views }))}
									labelHeader={t("channels:analytics.colVideo")}
									valueHeader={t("channels:analytics.views")}
								/>
								<DataTable class="ledger-table" label={t("channels:analytics.topTitle")} columns={videoColumns} rows={topVideos} />
							</>
						)}
					</section>
				</>
			)}
			<section aria-labelledby="analytics-insights-title">
				<h2 id="analytics-insights-title" class="section-title">
					{t("channels:analytics.insightsTitle")}
				</h2>
				<InsightsList insights={insights} />
			</section>
		</Layout>
	);
}
