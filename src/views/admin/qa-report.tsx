import { formatDateTime } from "../../lib/format";
import type { QaDimension, QaReportView } from "../../shared/qa";
import { type Column, DataTable } from "../table";
import { PassBadge } from "./status-badge";

/** The four dimensions every report scores, in the order the gates weigh them. */
const DIMENSIONS: { key: QaDimension; label: string }[] = [
	{ key: "functional", label: "Functional" },
	{ key: "structural", label: "Structural" },
	{ key: "technical", label: "Technical" },
	{ key: "productization", label: "Productization" },
];

/** A report's checks: the result first, then the check's name as the row's header. */
const CHECK_COLUMNS: Column<QaReportView["checks"][number]>[] = [
	{ header: "Result", cell: (check) => <PassBadge passed={check.passed} /> },
	{
		header: "Check",
		rowHeader: true,
		cellProps: { class: "check-name" },
		cell: (check) => (
			<>
				<code>{check.name}</code>
				<span class="cell-sub">
					{check.dimension}
					{check.required ? <strong class="required"> · required</strong> : null}
				</span>
			</>
		),
	},
	{ header: "Detail", cellProps: { class: "check-detail stack-full" }, cell: (check) => check.detail },
];

/** One score as a labelled `<meter>` (read out as "Functional, 92") with the number beside it. */
export function ScoreMeter({ id, label, value, threshold = 80 }: { id: string; label: string; value: number; threshold?: number }) {
	return (
		<div class="meter-row">
			<span id={id}>{label}</span>
			<meter aria-labelledby={id} min={0} max={100} low={threshold - 20} high={threshold} optimum={100} value={value}>
				{value} of 100
			</meter>
			<strong class="meter-value">{value}</strong>
		</div>
	);
}

/**
 * A gate's report: pass or fail, the overall score, the four dimension scores as meters, and
 * every check with its result and detail (failed ones first, so the reason is the first thing read).
 */
export function QaReportCard({ report, idPrefix, open, threshold }: { report: QaReportView; idPrefix: string; open: boolean; threshold?: number }) {
	const passedChecks = report.checks.filter((check) => check.passed).length;
	const checks = [...report.checks].sort((a, b) => Number(a.passed) - Number(b.passed));
	const headingId = `${idPrefix}-title`;
	return (
		<article class={`qa-report ${report.passed ? "is-pass" : "is-fail"}`} aria-labelledby={headingId}>
			<header class="qa-head">
				<h3 id={headingId}>
					QA{report.stage} <span class="muted">· attempt {report.attempt}</span>
				</h3>
				<PassBadge passed={report.passed} />
				<p class="qa-score">
					<span class="qa-score-value">{report.score}</span>
					<span class="muted">/ 100</span>
				</p>
				<p class="qa-time muted small">
					<time datetime={report.created_at}>{formatDateTime(report.created_at)}</time>
				</p>
			</header>
			<div class="dims">
				{DIMENSIONS.map((dimension) => (
					<ScoreMeter id={`${idPrefix}-${dimension.key}`} label={dimension.label} value={report.dimensions[dimension.key] ?? 0} threshold={threshold} />
				))}
			</div>
			<details class="qa-checks" open={open}>
				<summary>
					Checks{" "}
					<span class="muted">
						· {passedChecks} of {report.checks.length} passed
					</span>
				</summary>
				<DataTable
					class="table table-compact table-stack"
					label={`QA${report.stage} attempt ${report.attempt} checks`}
					columns={CHECK_COLUMNS}
					rows={checks}
					rowProps={(check) => ({ class: check.passed ? "" : "row-fail" })}
				/>
			</details>
		</article>
	);
}
