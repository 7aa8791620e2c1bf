import { useI18n } from "../../i18n/context";
import type { I18n } from "../../i18n/i18n";
import type { QaDimension, QaReportView } from "../../shared/qa";
import { type Column, DataTable } from "../table";
import { PassBadge } from "./status-badge";

/** The five dimensions every report scores, in the order the gates weigh them. */
const DIMENSIONS: readonly QaDimension[] = ["functional", "structural", "technical", "productization", "content_fit"];

/** A report's checks: the result first, then the check's name as the row's header. */
function checkColumns({ t }: I18n): Column<QaReportView["checks"][number]>[] {
	return [
		{ header: t("admin:qa.colResult"), cell: (check) => <PassBadge passed={check.passed} /> },
		{
			header: t("admin:qa.colCheck"),
			rowHeader: true,
			cellProps: { class: "check-name" },
			cell: (check) => (
				<>
					<code>{check.name}</code>
					<span class="cell-sub">
						{DIMENSIONS.includes(check.dimension) ? t(`admin:qa.${check.dimension}`) : check.dimension}
						{check.required ? <strong class="required">{t("admin:qa.required")}</strong> : null}
					</span>
				</>
			),
		},
		{ header: t("admin:qa.colDetail"), cellProps: { class: "check-detail stack-full", lang: "en" }, cell: (check) => check.detail },
	];
}

/** One score as a labelled `<meter>` (read out as "Functional, 92") with the number beside it. */
export function ScoreMeter({ id, label, value, threshold = 80 }: { id: string; label: string; value: number; threshold?: number }) {
	const { t } = useI18n();
	return (
		<div class="meter-row">
			<span id={id}>{label}</span>
			<meter aria-labelledby={id} min={0} max={100} low={threshold - 20} high={threshold} optimum={100} value={value}>
				{t("admin:qa.outOf100", { value })}
			</meter>
			<strong class="meter-value">{value}</strong>
		</div>
	);
}

/**
 * A gate's report: pass or fail, the overall score, the dimension scores as meters (a report
 * written before `content_fit` existed has no meter for it), and
 * every check with its result and detail (failed ones first, so the reason is the first thing read).
 */
export function QaReportCard({ report, idPrefix, open, threshold }: { report: QaReportView; idPrefix: string; open: boolean; threshold?: number }) {
	const i18n = useI18n();
	const { t } = i18n;
	const passedChecks = report.checks.filter((check) => check.passed).length;
	const checks = [...report.checks].sort((a, b) => Number(a.passed) - Number(b.passed));
	const headingId = `${idPrefix}-title`;
	return (
		<article class={`qa-report ${report.passed ? "is-pass" : "is-fail"}`} aria-labelledby={headingId}>
			<header class="qa-head">
				<h3 id={headingId}>
					QA{report.stage} <span class="muted">· {t("admin:qa.attempt", { attempt: report.attempt })}</span>
				</h3>
				<PassBadge passed={report.passed} />
				<p class="qa-score">
					<span class="qa-score-value">{report.score}</span>
					<span class="muted">/ 100</span>
				</p>
				<p class="qa-time muted small">
					<time datetime={report.created_at}>{i18n.dateTime(report.created_at)}</time>
				</p>
			</header>
			<div class="dims">
				{DIMENSIONS.filter((dimension) => report.dimensions[dimension] !== undefined).map((dimension) => (
					<ScoreMeter id={`${idPrefix}-${dimension}`} label={t(`admin:qa.${dimension}`)} value={report.dimensions[dimension] ?? 0} threshold={threshold} />
				))}
			</div>
			<details class="qa-checks" open={open}>
				<summary>
					{t("admin:qa.checks")} <span class="muted">{t("admin:qa.checksPassed", { passed: passedChecks, total: report.checks.length })}</span>
				</summary>
				<DataTable
					class="table table-compact table-stack"
					label={t("admin:qa.checksLabel", { stage: report.stage, attempt: report.attempt })}
					columns={checkColumns(i18n)}
					rows={checks}
					rowProps={(check) => ({ class: check.passed ? "" : "row-fail" })}
				/>
			</details>
		</article>
	);
}
