import { useI18n } from "../../../i18n/context";
import { type Column, DataTable } from "../../table";
import { roundCeiling, seriesColour } from "./palette";

/** One line: a value at each of the chart's times (null where it has none, e.g. before a channel was connected). */
export type TimeSeries = { name: string; values: (number | null)[] };

/** Props of {@link TimeLineChart}. */
export type TimeLineChartProps = {
	/** Unique on the page; the title's, description's and table's ids derive from it. */
	id: string;
	title: string;
	/** A sentence with the figures that matter, read after the title. */
	description: string;
	/** ISO instants, oldest first, shared by every series. */
	times: string[];
	series: TimeSeries[];
	/** The heading of the table's time column. */
	timeHeader: string;
};

const WIDTH = 640;
const HEIGHT = 240;
const LEFT = 56;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 28;

/**
 * A line chart over time drawn on the server as inline SVG: no script, no library. Gridline and
 * time labels are SVG text formatted for the reader (numbers in their language, times in their
 * zone). For assistive technology the SVG is one image with a title and a description, and a
 * visually hidden table beside it holds every value.
 */
export function TimeLineChart({ id, title, description, times, series, timeHeader }: TimeLineChartProps) {
	const { number, date, dateTime } = useI18n();
	const peak = Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
	const max = roundCeiling(peak);
	const plotWidth = WIDTH - LEFT - RIGHT;
	const plotHeight = HEIGHT - TOP - BOTTOM;
	const x = (index: number) => LEFT + (times.length <= 1 ? plotWidth / 2 : (index / (times.length - 1)) * plotWidth);
	const y = (value: number) => TOP + plotHeight - (value / max) * plotHeight;
	const ticks = [0, max / 2, max];
	const labelled = times.length <= 1 ? [0] : [0, Math.floor((times.length - 1) / 2), times.length - 1];
	const rows = times.map((at, index) => ({ at, index }));
	return (
		<figure class="analytics-chart" data-chart={id}>
			<svg
				viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
				width="100%"
				role="img"
				aria-labelledby={`${id}-title`}
				aria-describedby={`${id}-desc`}
				font-size="11"
				fill="currentColor"
			>
				<title id={`${id}-title`}>{title}</title>
				<desc id={`${id}-desc`}>{description}</desc>
				{ticks.map((tick) => (
					<g>
						<line x1={String(LEFT)} x2={String(WIDTH - RIGHT)} y1={String(y(tick))} y2={String(y(tick))} stroke="currentColor" stroke-opacity="0.2" />
						<text x={String(LEFT - 6)} y={String(y(tick) + 4)} text-anchor="end">
							{number(tick)}
						</text>
					</g>
				))}
				{labelled.map((index) => {
					const at = times[index];
					if (!at) return null;
					const anchor = index === 0 && times.length > 1 ? "start" : index === times.length - 1 && times.length > 1 ? "end" : "middle";
					return (
						<text x={String(x(index))} y={String(HEIGHT - 8)} text-anchor={anchor}>
							{date(at)}
						</text>
					);
				})}
				{series.map((s, i) => {
					const points = s.values.flatMap((value, index) => (value === null ? [] : [`${x(index).toFixed(1)},${y(value).toFixed(1)}`]));
					return (
						<g data-series={s.name}>
							{points.length > 1 ? <polyline points={points.join(" ")} fill="none" stroke={seriesColour(i)} stroke-width="2" stroke-linejoin="round" /> : null}
							{s.values.map((value, index) =>
								value === null ? null : (
									<circle cx={x(index).toFixed(1)} cy={y(value).toFixed(1)} r="3" fill={seriesColour(i)}>
										<title>{`${s.name}, ${dateTime(times[index] ?? "")}: ${number(value)}`}</title>
									</circle>
								),
							)}
						</g>
					);
				})}
			</svg>
			{series.length > 1 ? (
				<ul class="analytics-legend" aria-hidden="true">
					{series.map((s, i) => (
						<li>
							<svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
								<rect width="12" height="12" rx="2" fill={seriesColour(i)} />
							</svg>{" "}
							{s.name}
						</li>
					))}
				</ul>
			) : null}
			<DataTable
				class="visually-hidden"
				caption={title}
				columns={[
					{ header: timeHeader, rowHeader: true, cell: (row) => dateTime(row.at) },
					...series.map(
						(s): Column<(typeof rows)[number]> => ({ header: s.name, cell: (row) => (s.values[row.index] === null ? "–" : number(s.values[row.index] ?? 0)) }),
					),
				]}
				rows={rows}
			/>
		</figure>
	);
}
