import { useI18n } from "../../i18n/context";
import type { AdminPortraitJob, AdminSmsLine, DeletionState, PortraitsOverview } from "../../portraits/admin-overview";
import type { Alert } from "../../portraits/alerts";
import { FUNNEL_STEPS } from "../../portraits/funnel";
import { type Column, DataTable } from "../table";
import { AdminLayout, type AdminViewer } from "./layout";
import { Card, EmptyState, PageHeader } from "./parts";
import { Badge, type Tone } from "./status-badge";

/** The periods the page offers; the funnel, job list, SMS log and survey cover the chosen one. */
export const PORTRAIT_PERIODS = ["24h", "7d", "30d"] as const;
export type PortraitPeriod = (typeof PORTRAIT_PERIODS)[number];

const DELETION_TONES: Record<DeletionState, Tone> = { scheduled: "neutral", queued: "info", deleted: "success", overdue: "danger", failed: "danger" };

function AlertBadge({ alert }: { alert: Alert }) {
	const { t, number } = useI18n();
	const shown = (value: number) => (alert.name === "api_p95" ? `${number(Math.round(value))} ms` : `${number(Math.round(value * 1000) / 10)} %`);
	return (
		<li class="portrait-alert" data-alert={alert.name} data-firing={alert.firing ? "true" : "false"}>
			<Badge tone={alert.firing ? "danger" : "success"}>
				{t(`portraits:admin.alerts.${alert.name}`)}: {alert.firing ? t("portraits:admin.alertFiring") : t("portraits:admin.alertOk")}
			</Badge>{" "}
			<span class="muted small">
				{t("portraits:admin.alertDetail", { value: shown(alert.value), threshold: shown(alert.threshold), sample: alert.sample })}
			</span>
		</li>
	);
}

function DeletionBadge({ job }: { job: AdminPortraitJob }) {
	const { t } = useI18n();
	return (
		<>
			<Badge tone={DELETION_TONES[job.deletion]}>{t(`portraits:admin.deletion.${job.deletion}`)}</Badge>
			{job.deletionError ? (
				<span class="cell-sub" data-deletion-error="true">
					{t("portraits:admin.deletionAttempts", { count: job.deletionAttempts })}: {job.deletionError}
				</span>
			) : null}
		</>
	);
}

function JobsTable({ jobs, empty }: { jobs: AdminPortraitJob[]; empty: string }) {
	const { t, dateTime } = useI18n();
	const columns: Column<AdminPortraitJob>[] = [
		{ header: t("portraits:admin.colJob"), rowHeader: true, cellProps: { class: "mono nowrap" }, cell: (job) => job.id },
		{
			header: t("portraits:admin.colStatus"),
			cell: (job) => (
				<>
					{t(`portraits:status.${job.status}`)}
					{job.failureReason ? <span class="cell-sub">{t(`portraits:reasons.${job.failureReason}`)}</span> : null}
				</>
			),
		},
		{ header: t("portraits:admin.colPhone"), cellProps: { class: "mono nowrap" }, cell: (job) => job.phone },
		{ header: t("portraits:admin.colCreated"), cellProps: { class: "nowrap" }, cell: (job) => <time datetime={job.createdAt}>{dateTime(job.createdAt)}</time> },
		{ header: t("portraits:admin.colExpires"), cellProps: { class: "nowrap" }, cell: (job) => <time datetime={job.expiresAt}>{dateTime(job.expiresAt)}</time> },
		{ header: t("portraits:admin.colDeletion"), cell: (job) => <DeletionBadge job={job} /> },
	];
	return (
		<DataTable
			class="table table-compact"
			label={t("portraits:admin.jobsHeading")}
			columns={columns}
			rows={jobs}
			rowProps={(job) => ({ "data-job": job.id, "data-deletion": job.deletion })}
			empty={<EmptyState title={empty} />}
		/>
	);
}

function SmsTable({ lines }: { lines: AdminSmsLine[] }) {
	const { t, dateTime } = useI18n();
	const columns: Column<AdminSmsLine>[] = [
		{ header: t("portraits:admin.colTime"), cellProps: { class: "nowrap" }, cell: (line) => <time datetime={line.createdAt}>{dateTime(line.createdAt)}</time> },
		{ header: t("portraits:admin.colJob"), cellProps: { class: "mono nowrap" }, cell: (line) => line.jobId ?? "—" },
		{ header: t("portraits:admin.colPurpose"), cell: (line) => t(`portraits:admin.purpose.${line.purpose}`) },
		{ header: t("portraits:admin.colProvider"), cell: (line) => line.provider },
		{ header: t("portraits:admin.colRecipient"), cellProps: { class: "mono nowrap" }, cell: (line) => line.recipient },
		{ header: t("portraits:admin.colAttempt"), class: "num", cell: (line) => line.attempt },
		{
			header: t("portraits:admin.colOutcome"),
			cell: (line) => <Badge tone={line.outcome === "accepted" ? "success" : "danger"}>{t(`portraits:admin.outcome.${line.outcome}`)}</Badge>,
		},
		{ header: t("portraits:admin.colError"), cell: (line) => line.error ?? "" },
	];
	return (
		<DataTable
			class="table table-compact"
			label={t("portraits:admin.smsHeading")}
			columns={columns}
			rows={lines}
			empty={<EmptyState title={t("portraits:admin.noSms")} />}
		/>
	);
}

/** Props of {@link PortraitsAdminPage}. */
export type PortraitsAdminPageProps = { overview: PortraitsOverview; period: PortraitPeriod; viewer: AdminViewer };

/**
 * `/admin/portraits`: alerts as badges (red when firing), the funnel of the chosen period, the
 * deletions in trouble (red), the job list with masked numbers, the SMS log and the survey's
 * aggregate. Nothing personal beyond the masked number is ever on this page.
 */
export function PortraitsAdminPage({ overview, period, viewer }: PortraitsAdminPageProps) {
	const { t, number } = useI18n();
	const { funnel, survey } = overview;
	return (
		<AdminLayout title={t("portraits:admin.title")} section="portraits" viewer={viewer}>
			<PageHeader
				title={t("portraits:admin.title")}
				subtitle={t("portraits:admin.subtitle")}
				actions={
					<form method="get" action="/admin/portraits" class="inline-form">
						<label for="portrait-period">{t("portraits:admin.period")}</label>{" "}
						<select id="portrait-period" name="period">
							{PORTRAIT_PERIODS.map((value) => (
								<option value={value} selected={value === period}>
									{t(`portraits:admin.periods.${value}`)}
								</option>
							))}
						</select>{" "}
						<button class="btn btn-secondary" type="submit">
							{t("portraits:admin.show")}
						</button>
					</form>
				}
			/>
			<Card title={t("portraits:admin.alertsHeading")} id="portrait-alerts">
				<ul class="portrait-alerts">
					{overview.alerts.map((alert) => (
						<AlertBadge alert={alert} />
					))}
				</ul>
			</Card>
			<Card title={t("portraits:admin.funnelHeading")} id="portrait-funnel">
				<dl class="portrait-funnel">
					{FUNNEL_STEPS.map((step) => (
						<div data-step={step}>
							<dt>{t(`portraits:admin.funnel.${step}`)}</dt>
							<dd class="num">{number(funnel[step])}</dd>
						</div>
					))}
				</dl>
			</Card>
			<Card title={t("portraits:admin.problemsHeading")} id="portrait-deletion-problems">
				<JobsTable jobs={overview.deletionProblems} empty={t("portraits:admin.noProblems")} />
			</Card>
			<Card title={t("portraits:admin.jobsHeading")} id="portrait-jobs">
				<JobsTable jobs={overview.jobs} empty={t("portraits:admin.noJobs")} />
			</Card>
			<Card title={t("portraits:admin.smsHeading")} id="portrait-sms">
				<SmsTable lines={overview.sms} />
			</Card>
			<Card title={t("portraits:admin.surveyHeading")} id="portrait-survey">
				<dl class="portrait-survey">
					<div>
						<dt>{t("portraits:admin.answers")}</dt>
						<dd class="num" data-survey="answers">
							{number(survey.answers)}
						</dd>
					</div>
					<div>
						<dt>{t("portraits:admin.average")}</dt>
						<dd class="num" data-survey="average">
							{survey.average === null ? "—" : number(Math.round(survey.average * 100) / 100)}
						</dd>
					</div>
					{([5, 4, 3, 2, 1] as const).map((n) => (
						<div>
							<dt>{t("portraits:admin.stars", { n })}</dt>
							<dd class="num">{number(survey.byRating[n])}</dd>
						</div>
					))}
				</dl>
			</Card>
		</AdminLayout>
	);
}
