import type { ArtistApplicationWithUser } from "../../accounts/artist-applications";
import { formatDateTime, plural } from "../../lib/format";
import { type Column, DataTable } from "../table";
import { AdminLayout, type AdminViewer } from "./layout";
import { Card, CsrfField, EmptyState, Notice, PageHeader, RefreshLink } from "./parts";
import { Badge, type Tone } from "./status-badge";

/** Banners after an action (`?done=`). */
export const ARTIST_NOTICES = {
	approved: "Application approved: the applicant is now an artist.",
	rejected: "Application rejected.",
} as const;

/** Props of {@link ArtistsPage}. */
export type ArtistsPageProps = {
	pending: ArtistApplicationWithUser[];
	/** Recently approved or rejected applications, newest first. */
	decided: ArtistApplicationWithUser[];
	viewer: AdminViewer;
	notice?: keyof typeof ARTIST_NOTICES;
};

const DECISION_TONES: Record<string, Tone> = { approved: "success", rejected: "neutral", pending: "warning" };

const DECISION_COLUMNS: Column<ArtistApplicationWithUser>[] = [
	{
		header: "Applicant",
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
		header: "Decision",
		cell: (application) => <Badge tone={DECISION_TONES[application.status] ?? "neutral"}>{application.status === "approved" ? "Approved" : "Rejected"}</Badge>,
	},
	{ header: "Decided", cellProps: { class: "nowrap" }, cell: (application) => (application.decided_at ? formatDateTime(application.decided_at) : "—") },
	{ header: "By", cell: (application) => (application.decided_by === "api-key" ? "API key holder" : (application.decided_by ?? "—")) },
];

/** One pending application: who, what they wrote, and the two decisions. */
function PendingApplication({ application, csrfToken }: { application: ArtistApplicationWithUser; csrfToken: string }) {
	const base = `/admin/artists/${encodeURIComponent(application.id)}`;
	return (
		<Card
			id={`application-${application.id}`}
			title={application.user.name}
			aside={<time datetime={application.created_at}>{formatDateTime(application.created_at)}</time>}
			class="artist-application"
		>
			<p class="muted">{application.user.email}</p>
			<blockquote class="artist-statement">{application.statement}</blockquote>
			<div class="artist-actions">
				<form method="post" action={`${base}/approve`}>
					<CsrfField token={csrfToken} />
					<button class="btn btn-primary" type="submit">
						Approve {application.user.name}
					</button>
				</form>
				<form method="post" action={`${base}/reject`}>
					<CsrfField token={csrfToken} />
					<button class="btn btn-danger-ghost" type="submit">
						Reject
					</button>
				</form>
			</div>
		</Card>
	);
}

/** `/admin/artists`: the queue of applications to become an artist, oldest first, and the latest decisions. */
export function ArtistsPage({ pending, decided, viewer, notice }: ArtistsPageProps) {
	return (
		<AdminLayout title="Artists" section="artists" viewer={viewer}>
			<PageHeader
				title="Artist applications"
				subtitle={`${plural(pending.length, "application")} waiting for review`}
				actions={<RefreshLink href="/admin/artists" />}
			/>
			{notice ? <Notice>{ARTIST_NOTICES[notice]}</Notice> : null}
			{pending.length === 0 ? (
				<Card>
					<EmptyState title="No applications waiting">Users apply from their account page; their applications appear here.</EmptyState>
				</Card>
			) : (
				<div class="artist-queue">
					{pending.map((application) => (
						<PendingApplication application={application} csrfToken={viewer.csrfToken} />
					))}
				</div>
			)}
			<Card title="Recent decisions" id="decided" class="card-flush-table">
				<DataTable
					class="table table-compact"
					label="Recent decisions"
					columns={DECISION_COLUMNS}
					rows={decided}
					empty={<EmptyState title="No decisions yet" />}
				/>
			</Card>
		</AdminLayout>
	);
}
