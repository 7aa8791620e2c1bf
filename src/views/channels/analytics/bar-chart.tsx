import { useI18n } from "../../../i18n/context";
import { DataTable } from "../../table";
import { roundCeiling, seriesColour } from "./palette";

/** Props of {@link BarChart}. */
export type BarChartProps = {
	id: string;
	title: string;
	description: string;
	bars: { label: string; value: number }[];
	/** The headings of the table's two columns. */
	labelHeader: string;
	valueHeader: string;
};

const WIDTH = 640;
const ROW = 28;
const LABEL = 220;
const VALUE = 70;

/** Long titles are cut so the bar keeps its room; the full title is in the bar's tooltip and the table. */
function shortLabel(label: string): string {
	return label.length > 30 ? `${label.slice(0, 29)}…` : label;
}

/**
 * Horizontal bars, one per item (the most viewed videos), as inline SVG drawn on the server, with
 * a title, a description and a visually hidden table of every value for assistive technology.
 */
export function BarChart({ id, title, description, bars, labelHeader, valueHeader }: BarChartProps) {
	const { number } = useI18n();
	const max = roundCeiling(Math.max(0, ...bars.map((bar) => bar.value)));
	const height = bars.length * ROW + 8;
	const room = WIDTH - LABEL - VALUE;
	return (
		<figure class="analytics-chart" data-chart={id}>
			<svg
				viewBox={`0 0 ${WIDTH} ${height}`}
				width="100%"
				role="img"
				aria-labelledby={`${id}-title`}
				aria-describedby={`${id}-desc`}
				font-size="12"
				fill="currentColor"
			>
				<title id={`${id}-title`}>{title}</title>
				<desc id={`${id}-desc`}>{description}</desc>
				{bars.map((bar, i) => {
					const top = i * ROW + 4;
					const width = Math.max(1, (bar.value / max) * room);
					return (
						<g>
							<text x="0" y={String(top + 17)}>
								{shortLabel(bar.label)}
							</text>
							<rect x={String(LABEL)} y={String(top + 4)} width={width.toFixed(1)} height={String(ROW - 10)} rx="3" fill={seriesColour(0)}>
								<title>{`${bar.label}: ${number(bar.value)}`}</title>
							</rect>
							<text x={String(LABEL + width + 6)} y={String(top + 17)}>
								{number(bar.value)}
							</text>
						</g>
					);
				})}
			</svg>
			<DataTable
				class="visually-hidden"
				caption={title}
				columns={[
					{ header: labelHeader, rowHeader: true, cell: (bar) => bar.label },
					{ header: valueHeader, cell: (bar) => number(bar.value) },
				]}
				rows={bars}
			/>
		</figure>
	);
}
