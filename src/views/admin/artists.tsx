import type { ArtistApplicationWithUser } from "../../accounts/artist-applications";
import { useI18n } from "../../i18n/context";
import type { I18n } from "../../i18n/i18n";
import { type Column, DataTable } from "../table";
import { AdminLayout, type AdminViewer } from "./layout";
import { Card, CsrfField, EmptyState, Notice, PageHeader, RefreshLink } from "./parts";
import { Badge, type Tone } from "./status-badge";

/** Banners after an action (`?done=`), each an `admin:artists.notices` message. */
export const ARTIST_NOTICES = { approved: "approved", rejected: "rejected" } as const;

/** Props of {@link ArtistsPage}. */
export type ArtistsPageProps = {
	pending: ArtistApplicationWithUser[];
	/** Recently approved or rejected applications, newest first. */
	decided: ArtistApplicationWithUser[];
	viewer: AdminViewer;
	notice?: keyof typeof ARTIST_NOTICES;
};

const DECISION_TONES: Record<string, Tone> = { approved: "success", rejected: "neutral", pending: "warning" };

function decisionColumns(i18n: I18n): Column<ArtistApplicationWithUser>[] {
	const { t } = i18n;
	return [
		{
			header: t("admin:artists.colApplicant"),
			rowHeader: true,
			cellProps: { class: "cell-title" },
			cell: (application) => (
				<>
					{application.user.name}
					<span class="cell-sub">{application.user.email}</span>
				</>
			),
		},
		{
			header: t("admin:artists.colDecision"),
			cell: (application) => (
				<Badge tone={DECISION_TONES[application.status] ?? "neutral"}>
					{application.status === "approved" ? t("admin:artists.approved") : t("admin:artists.rejected")}
				</Badge>
			),
		},
		{
			header: t("admin:artists.colDecided"),
			cellProps: { class: "nowrap" },
			cell: (application) => (application.decided_at ? i18n.dateTime(application.decided_at) : "—"),
		},
		{
			header: t("admin:artists.colBy"),
			cell: (application) => (application.decided_by === "api-key" ? t("admin:layout.apiKeyHolder") : (application.decided_by ?? "—")),
		},
	];
}

/** One pending application: who, what they wrote, and the two decisions. */
function PendingApplication({ application, csrfToken }: { application: ArtistApplicationWithUser; csrfToken: string }) {
	const { t, dateTime } = useI18n();
	const base = `/admin/artists/${encodeURIComponent(application.id)}`;
	return (
		<Card
			id={`application-${application.id}`}
			title={application.user.name}
			aside={<time datetime={application.created_at}>{dateTime(application.created_at)}</time>}
			class="artist-application"
		>
			<p class="muted">{application.user.email}</p>
			<blockquote class="artist-statement">{application.statement}</blockquote>
			<div class="artist-actions">
				<form method="post" action={`${base}/approve`}>
					<CsrfField token={csrfToken} />
					<button class="btn btn-primary" type="submit">
						{t("admin:artists.approve", { name: application.user.name })}
					</button>
				</form>
				<form method="post" action={`${base}/reject`}>
					<CsrfField token={csrfToken} />
					<button class="btn btn-danger-ghost" type="submit">
						{t("admin:artists.reject")}
					</button>
				</form>
			</div>
		</Card>
	);
}

/** `/admin/artists`: the queue of applications to become an artist, oldest first, and the latest decisions. */
export function ArtistsPage({ pending, decided, viewer, notice }: ArtistsPageProps) {
	const i18n = useI18n();
	const { t } = i18n;
	return (
		<AdminLayout title={t("admin:artists.title")} section="artists" viewer={viewer}>
			<PageHeader
				title={t("admin:artists.heading")}
				subtitle={t("admin:artists.waiting", { count: pending.length })}
				actions={<RefreshLink href="/admin/artists" />}
			/>
			{notice ? <Notice>{t(`admin:artists.notices.${ARTIST_NOTICES[notice]}`)}</Notice> : null}
			{pending.length === 0 ? (
				<Card>
					<EmptyState title={t("admin:artists.noneWaiting")}>{t("admin:artists.noneWaitingText")}</EmptyState>
				</Card>
			) : (
				<div class="artist-queue">
					{pending.map((application) => (
						<PendingApplication application={application} csrfToken={viewer.csrfToken} />
					))}
				</div>
			)}
			<Card title={t("admin:artists.recent")} id="decided" class="card-flush-table">
				<DataTable
					class="table table-compact"
					label={t("admin:artists.recent")}
					columns={decisionColumns(i18n)}
					rows={decided}
					empty={<EmptyState title={t("admin:artists.noDecisions")} />}
				/>
			</Card>
		</AdminLayout>
	);
}
