import type { SyncLogView } from "../../../channels/sync/sync-log";
import { useI18n } from "../../../i18n/context";
import type { I18n } from "../../../i18n/i18n";
import { EmptyState } from "../../admin/parts";
import { type Column, DataTable } from "../../table";
import { OutcomeBadge } from "./sync-badges";

function columns(i18n: I18n): Column<SyncLogView>[] {
	const { t } = i18n;
	return [
		{
			header: t("channels:sync.log.colTime"),
			cellProps: { class: "nowrap" },
			cell: (entry) => <time datetime={entry.created_at}>{i18n.dateTime(entry.created_at)}</time>,
		},
		{ header: t("channels:sync.log.colChannel"), cell: (entry) => entry.channel_name ?? t("channels:sync.log.deletedChannel") },
		{
			header: t("channels:sync.log.colProduct"),
			cell: (entry) =>
				entry.product_id ? (
					<a class="mono" href={`/admin/products/${encodeURIComponent(entry.product_id)}/channels`}>
						{entry.product_id}
					</a>
				) : (
					"—"
				),
		},
		{ header: t("channels:sync.log.colOperation"), cell: (entry) => t(`channels:sync.operations.${entry.operation}`) },
		{ header: t("channels:sync.log.colOutcome"), cell: (entry) => <OutcomeBadge outcome={entry.outcome} /> },
		{ header: t("channels:sync.log.colExternalId"), cellProps: { class: "mono" }, cell: (entry) => entry.external_id ?? "—" },
		{ header: t("channels:sync.log.colAttempt"), class: "num", cell: (entry) => String(entry.attempt) },
		{ header: t("channels:sync.log.colDetail"), cell: (entry) => entry.detail || "—" },
	];
}

/** Sync log rows, newest first. */
export function SyncLogTable({ entries, empty, emptyText }: { entries: SyncLogView[]; empty: string; emptyText: string }) {
	const i18n = useI18n();
	return (
		<DataTable
			class="table table-stack"
			label={i18n.t("channels:sync.log.tableLabel")}
			columns={columns(i18n)}
			rows={entries}
			empty={<EmptyState title={empty}>{emptyText}</EmptyState>}
		/>
	);
}
