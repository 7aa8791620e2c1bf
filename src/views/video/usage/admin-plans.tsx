import { useI18n } from "../../../i18n/context";
import { PlanName } from "../../../shared/video";
import type { CurrentPlan } from "../../../video/plans";
import type { UsageView } from "../../../video/usage/view";
import { AdminLayout, type AdminViewer } from "../../admin/layout";
import { Card, CsrfField, EmptyState, Notice, PageHeader } from "../../admin/parts";
import { type Column, DataTable } from "../../table";

/** One user's row: who, their plan as it stands, and this period's usage. */
export type AdminPlanRow = { id: string; email: string; nickname: string | null; plan: Pick<CurrentPlan, "plan" | "source" | "expiresAt">; usage: UsageView };

/** Props of {@link AdminPlansPage}. */
export type AdminPlansPageProps = {
	rows: AdminPlanRow[];
	currency: string;
	viewer: AdminViewer;
	/** After setting a plan: whose, and which. */
	saved?: { user: string; plan: PlanName } | null;
};

/** The form that sets one user's plan (`POST /admin/plans/:id`), with an optional end. */
function SetPlanForm({ row, csrfToken }: { row: AdminPlanRow; csrfToken: string }) {
	const { t } = useI18n();
	return (
		<form method="post" action={`/admin/plans/${encodeURIComponent(row.id)}`} class="inline-form">
			<CsrfField token={csrfToken} />
			<label class="visually-hidden" for={`plan-${row.id}`}>
				{t("video:usage.admin.colPlan")}
			</label>
			<select id={`plan-${row.id}`} name="plan">
				{PlanName.options.map((plan) => (
					<option value={plan} selected={plan === row.plan.plan}>
						{t(`video:usage.plans.${plan}`)}
					</option>
				))}
			</select>
			<label class="visually-hidden" for={`until-${row.id}`}>
				{t("video:usage.admin.expiresAt")}
			</label>
			<input id={`until-${row.id}`} type="date" name="expires_at" title={t("video:usage.admin.expiresAt")} />
			<button type="submit" class="btn btn-secondary btn-sm">
				{t("video:usage.admin.set")}
			</button>
		</form>
	);
}

/** `/admin/plans`: users with their short-video plan and usage, and a form per user to set the plan. */
export function AdminPlansPage({ rows, currency, viewer, saved }: AdminPlansPageProps) {
	const { t, date, money, number } = useI18n();
	const columns: Column<AdminPlanRow>[] = [
		{
			header: t("video:usage.admin.colUser"),
			rowHeader: true,
			cellProps: { class: "cell-title" },
			cell: (row) => (
				<>
					{row.nickname ?? row.id}
					<span class="cell-sub">{row.email}</span>
				</>
			),
		},
		{
			header: t("video:usage.admin.colPlan"),
			cell: (row) => (
				<span data-user-plan={row.plan.plan}>
					{t(`video:usage.plans.${row.plan.plan}`)} <span class="cell-sub">{t(`video:usage.source.${row.plan.source}`)}</span>
				</span>
			),
		},
		{
			header: t("video:usage.admin.colUntil"),
			cellProps: { class: "nowrap" },
			cell: (row) => (row.plan.expiresAt ? date(row.plan.expiresAt) : t("video:usage.admin.open")),
		},
		{
			header: t("video:usage.admin.colUsage"),
			class: "num",
			cell: (row) =>
				`${number(row.usage.videos_used)}/${row.usage.videos_limit === null ? "∞" : number(row.usage.videos_limit)} · ${money(row.usage.cost_cents, currency)}/${money(row.usage.cost_limit_cents, currency)}`,
		},
		{ header: t("video:usage.admin.colSet"), cell: (row) => <SetPlanForm row={row} csrfToken={viewer.csrfToken} /> },
	];
	return (
		<AdminLayout title={t("video:usage.admin.title")} section="plans" viewer={viewer}>
			<PageHeader title={t("video:usage.admin.title")} subtitle={t("video:usage.admin.intro")} />
			{saved ? <Notice>{t("video:usage.admin.saved", { user: saved.user, plan: t(`video:usage.plans.${saved.plan}`) })}</Notice> : null}
			<Card>
				<DataTable
					class="table table-compact table-stack"
					label={t("video:usage.admin.caption")}
					columns={columns}
					rows={rows}
					empty={<EmptyState title={t("video:usage.admin.caption")} />}
				/>
			</Card>
		</AdminLayout>
	);
}
