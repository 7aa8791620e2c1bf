import { and, asc, eq, ne } from "drizzle-orm";
import { channels } from "../../db/channels-schema";
import type { ChannelKind, ChannelProvider, ChannelStatus } from "../../shared/channels";
import type { ChannelDeps } from "../deps";

type ChannelRow = typeof channels.$inferSelect;

/** A channel as the API and pages show it: never a token, a key id or a ciphertext. */
export type ChannelView = {
	id: string;
	provider: ChannelProvider;
	kind: ChannelKind;
	external_id: string;
	display_name: string;
	status: ChannelStatus;
	/** When the connection lapses unless used: the refresh token's expiry, else the access token's; null when the provider names none. */
	token_expires_at: string | null;
	needs_reauth: boolean;
	last_error: string | null;
	time_zone: string;
	connected_at: string;
};

/** The public view of a channel row. */
export function channelView(row: ChannelRow): ChannelView {
	return {
		id: row.id,
		provider: row.provider,
		kind: row.kind,
		external_id: row.externalId,
		display_name: row.displayName,
		status: row.status,
		token_expires_at: row.status === "disconnected" ? null : (row.refreshExpiresAt ?? row.accessExpiresAt),
		needs_reauth: row.status === "needs_reauth",
		last_error: row.lastError,
		time_zone: row.timeZone,
		connected_at: row.connectedAt,
	};
}

/** An owner's channels of one kind that are still theirs (connected or needing a new connection), oldest first. */
export async function listChannels(deps: Pick<ChannelDeps, "db">, ownerKey: string, kind: ChannelKind): Promise<ChannelView[]> {
	const rows = await deps.db.query.channels.findMany({
		where: and(eq(channels.ownerKey, ownerKey), eq(channels.kind, kind), ne(channels.status, "disconnected")),
		orderBy: [asc(channels.connectedAt), asc(channels.id)],
		limit: 100,
	});
	return rows.map(channelView);
}

/** A provider this deployment offers for a kind, and whether its flow needs the account named first. */
export type OfferedProvider = { provider: ChannelProvider; needs_account: boolean; scopes: readonly string[] };

/** The providers offered for `kind` (the configured ones; the sandbox when it is on). */
export function offeredProviders(deps: Pick<ChannelDeps, "adapters">, kind: ChannelKind): OfferedProvider[] {
	return deps.adapters
		.list()
		.filter((adapter) => adapter.kinds.includes(kind))
		.map((adapter) => ({ provider: adapter.provider, needs_account: adapter.needsAccount, scopes: adapter.scopes }));
}
