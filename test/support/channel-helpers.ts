import { eq } from "drizzle-orm";
import type { TokenSet } from "../../src/channels/adapter";
import type { ChannelDeps } from "../../src/channels/deps";
import { storeChannelTokens } from "../../src/channels/tokens";
import { channels } from "../../src/db/channels-schema";
import { newId } from "../../src/lib/ids";
import type { ChannelKind, ChannelProvider } from "../../src/shared/channels";

/**
 * A connected channel row with sealed tokens, as the connect flow leaves it, for tests of what
 * comes after connecting (sync, publish, analytics). `accessExpiresAt` in the past makes the next
 * call refresh first.
 */
export async function insertConnectedChannel(
	deps: Pick<ChannelDeps, "db" | "tokenKeys" | "now">,
	channel: {
		provider: ChannelProvider;
		kind: ChannelKind;
		/** A user's id, or omitted for an admin-owned shop. */
		userId?: string;
		externalId?: string;
		displayName?: string;
		tokens?: Partial<TokenSet>;
	},
): Promise<typeof channels.$inferSelect> {
	const id = newId("chn");
	await deps.db.insert(channels).values({
		id,
		provider: channel.provider,
		kind: channel.kind,
		ownerKey: channel.userId ?? "admin",
		userId: channel.userId ?? null,
		externalId: channel.externalId ?? `acct-${id.slice(4, 16)}`,
		displayName: channel.displayName ?? `Test ${channel.provider} ${channel.kind}`,
	});
	await storeChannelTokens(deps, id, {
		accessToken: `access-${id}`,
		refreshToken: `refresh-${id}`,
		accessExpiresAt: new Date(deps.now().getTime() + 3_600_000).toISOString(),
		refreshExpiresAt: null,
		scopes: [],
		...channel.tokens,
	});
	const row = await deps.db.query.channels.findFirst({ where: eq(channels.id, id) });
	if (!row) throw new Error("channel row missing");
	return row;
}
