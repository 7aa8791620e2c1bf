import { useI18n } from "../../i18n/context";
import type { Locale } from "../../shared/locale";
import { type Column, DataTable } from "../table";

/** One line or bar series of a chart, a value per day. */
export type ChartSeries = {
	name: string;
	values: number[];
	/** How a value reads (a price, a count). */
	format: (value: number) => string;
};

/** Props of {@link DayChart}. */
export type DayChartProps = {
	/** Unique on the page; ids of the title, description and table derive from it. */
	id: string;
	/** What the chart shows, e.g. "Revenue per day, last 14 days" (the SVG's accessible name). */
	title: string;
	/** A sentence with the figures that matter (total, peak), read after the name. */
	description: string;
	/** ISO days (`YYYY-MM-DD`), oldest first. */
	days: string[];
	/** Bars draw the first series; lines draw up to two. */
	series: ChartSeries[];
	kind: "bar" | "line";
	/** Scale in whole units of this size (100 for cents shown as dollars), so gridlines land on round values. */
	unit?: number;
	/** How the gridline labels read; the first series' format by default. */
	axisFormat?: (value: number) => string;
};

/** A row of the chart's table: a day and its position in every series. */
type DayRow = { day: string; index: number };

/** Width of one day's column in SVG units; the plot is stretched to its box, so only ratios matter. */
const COLUMN = 10;
const HEIGHT = 100;

/** A round top for the axis (2, 4, 6, 8 or 10 times a power of ten), so the middle gridline is round too. */
export function niceCeiling(value: number): number {
	if (!(value > 0)) return 2;
	const magnitude = 10 ** Math.floor(Math.log10(value));
	for (const step of [2, 4, 6, 8, 10]) if (step * magnitude >= value) return step * magnitude;
	return 10 * magnitude;
}

/**
 * A chart's day (`YYYY-MM-DD`, a UTC day) as a date in the reader's language. Formatted in UTC,
 * not the reader's zone: the day is a calendar day, not an instant, and must not shift.
 */
export function dayText(locale: Locale, day: string): string {
	return new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

function y(value: number, max: number): number {
	return Math.round((HEIGHT - (value / max) * HEIGHT) * 100) / 100;
}

/**
 * A 14-day chart drawn on the server as inline SVG: no script, no library. The plot stretches
 * to its box (`preserveAspectRatio="none"`, strokes that do not scale), while the labels are
 * HTML, so text stays crisp and readable on a phone. For assistive technology the SVG is one
 * image with a name and a description, and a visually hidden table holds every value.
 */
export function DayChart({ id, title, description, days, series, kind, unit = 1, axisFormat }: DayChartProps) {
	const { t, locale } = useI18n();
	const drawn = kind === "bar" ? series.slice(0, 1) : series.slice(0, 2);
	const peak = Math.max(0, ...drawn.flatMap((s) => s.values));
	const max = niceCeiling(peak / unit) * unit;
	const format = axisFormat ?? drawn[0]?.format ?? String;
	const width = days.length * COLUMN;
	return (
		<figure class={`chart chart-${kind}`}>
			{drawn.length > 1 ? (
				<ul class="legend" aria-hidden="true">
					{drawn.map((s, i) => (
						<li>
							<span class={`swatch series-${i + 1}`} />
							{s.name}
						</li>
					))}
				</ul>
			) : null}
			<div class="chart-canvas">
				<span class="chart-y chart-y-top" aria-hidden="true">
					{format(max)}
				</span>
				<span class="chart-y chart-y-mid" aria-hidden="true">
					{format(max / 2)}
				</span>
				<svg
					class="chart-svg"
					viewBox={`0 0 ${width} ${HEIGHT}`}
					preserveAspectRatio="none"
					role="img"
					aria-labelledby={`${id}-title`}
					aria-describedby={`${id}-desc`}
				>
					<title id={`${id}-title`}>{title}</title>
					<desc id={`${id}-desc`}>{description}</desc>
					{[0, HEIGHT / 2, HEIGHT].map((gy) => (
						<line
							class={gy === HEIGHT ? "chart-axis" : "chart-grid"}
							x1="0"
							x2={String(width)}
							y1={String(gy)}
							y2={String(gy)}
							vector-effect="non-scaling-stroke"
						/>
					))}
					{kind === "bar" ? (
						<Bars days={days} series={drawn[0]} max={max} locale={locale} />
					) : (
						drawn.map((s, i) => <Line days={days} series={s} max={max} index={i + 1} locale={locale} />)
					)}
				</svg>
			</div>
			<div class="chart-x" aria-hidden="true">
				{days.map((day) => (
					<span>{Number(day.slice(8, 10))}</span>
				))}
			</div>
			<DataTable
				class="visually-hidden"
				caption={title}
				columns={[
					{ header: t("admin:chart.day"), rowHeader: true, cell: (row) => dayText(locale, row.day) },
					...series.map((s): Column<DayRow> => ({ header: s.name, cell: (row) => s.format(s.values[row.index] ?? 0) })),
				]}
				rows={days.map((day, index) => ({ day, index }))}
			/>
		</figure>
	);
}

function Bars({ days, series, max, locale }: { days: string[]; series: ChartSeries | undefined; max: number; locale: Locale }) {
	if (!series) return null;
	return (
		<g class="chart-bars">
			{days.map((day, i) => {
				const value = series.values[i] ?? 0;
				const top = y(value, max);
				// An empty day keeps a sliver, so the row of days reads as a sequence.
				const height = value > 0 ? HEIGHT - top : 0.8;
				return (
					<rect
						class={value > 0 ? "chart-bar" : "chart-bar chart-bar-empty"}
						x={String(i * COLUMN + 2)}
						y={String(HEIGHT - height)}
						width="6"
						height={String(height)}
					>
						<title>{`${dayText(locale, day)}: ${series.format(value)}`}</title>
					</rect>
				);
			})}
		</g>
	);
}

function Line({ days, series, max, index, locale }: { days: string[]; series: ChartSeries; max: number; index: number; locale: Locale }) {
	const points = days.map((_, i) => `${i * COLUMN + COLUMN / 2},${y(series.values[i] ?? 0, max)}`);
	const first = COLUMN / 2;
	const last = (days.length - 1) * COLUMN + COLUMN / 2;
	return (
		<g class={`chart-series series-${index}`}>
			<polygon class="chart-area" points={`${first},${HEIGHT} ${points.join(" ")} ${last},${HEIGHT}`} />
			<polyline class="chart-line" points={points.join(" ")} vector-effect="non-scaling-stroke" />
			{days.map((day, i) => (
				// A zero-length path with round caps and an unscaled stroke: a round dot on a stretched plot.
				<path class="chart-dot" d={`M${i * COLUMN + COLUMN / 2} ${y(series.values[i] ?? 0, max)}h0`} vector-effect="non-scaling-stroke">
					<title>{`${dayText(locale, day)}: ${series.name} ${series.format(series.values[i] ?? 0)}`}</title>
				</path>
			))}
		</g>
	);
}
