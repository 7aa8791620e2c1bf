import type { SyncLogView } from "../../../channels/sync/sync-log";
import { useI18n } from "../../../i18n/context";
import { SyncOutcome } from "../../../shared/channels";
import { AdminLayout, type AdminViewer } from "../../admin/layout";
import { Card, PageHeader, RefreshLink } from "../../admin/parts";
import { Pager, queryString } from "../../table";
import { SyncLogTable } from "./sync-log-table";

export type SyncLogFilters = { channel_id?: string; product_id?: string; outcome?: SyncOutcome; cursor?: string };

/** Props of {@link SyncLogPage}. */
export type SyncLogPageProps = {
	viewer: AdminViewer;
	entries: SyncLogView[];
	nextCursor: string | null;
	filters: SyncLogFilters;
	shops: { id: string; name: string }[];
};

/** `/admin/sync-log`: every call made to a shop, filtered by shop, product and outcome, newest first, times in the viewer's zone. */
export function SyncLogPage({ viewer, entries, nextCursor, filters, shops }: SyncLogPageProps) {
	const { t } = useI18n();
	const kept = { channel_id: filters.channel_id, product_id: filters.product_id, outcome: filters.outcome };
	const filtered = Boolean(filters.channel_id || filters.product_id || filters.outcome);
	return (
		<AdminLayout title={t("channels:sync.log.title")} section="channels" viewer={viewer}>
			<PageHeader
				title={t("channels:sync.log.title")}
				subtitle={t("channels:sync.log.subtitle")}
				actions={<RefreshLink href={`/admin/sync-log${queryString({ ...kept, cursor: filters.cursor })}`} />}
			/>
			<form class="filters" method="get" action="/admin/sync-log" aria-label={t("channels:sync.log.filterLabel")}>
				<div class="field">
					<label for="sync-channel">{t("channels:sync.log.channel")}</label>
					<select id="sync-channel" name="channel_id">
						<option value="">{t("channels:sync.log.allChannels")}</option>
						{shops.map((shop) => (
							<option value={shop.id} selected={filters.channel_id === shop.id}>
								{shop.name}
							</option>
						))}
					</select>
				</div>
				<div class="field">
					<label for="sync-product">{t("channels:sync.log.product")}</label>
					<input id="sync-product" name="product_id" value={filters.product_id ?? ""} maxlength={64} autocomplete="off" />
				</div>
				<div class="field">
					<label for="sync-outcome">{t("channels:sync.log.outcome")}</label>
					<select id="sync-outcome" name="outcome">
						<option value="">{t("channels:sync.log.allOutcomes")}</option>
						{SyncOutcome.options.map((outcome) => (
							<option value={outcome} selected={filters.outcome === outcome}>
								{t(`channels:sync.outcomes.${outcome}`)}
							</option>
						))}
					</select>
				</div>
				<div class="filters-actions">
					<button class="btn btn-primary" type="submit">
						{t("channels:sync.log.apply")}
					</button>
					{filtered ? (
						<a class="btn btn-ghost" href="/admin/sync-log">
							{t("channels:sync.log.clear")}
						</a>
					) : null}
				</div>
			</form>
			<Card class="card-flush">
				<SyncLogTable
					entries={entries}
					empty={filtered ? t("channels:sync.log.noneFiltered") : t("channels:sync.log.none")}
					emptyText={t("channels:sync.log.noneText")}
				/>
			</Card>
			<Pager path="/admin/sync-log" filters={kept} cursor={filters.cursor} nextCursor={nextCursor} />
		</AdminLayout>
	);
}
