import { and, eq } from "drizzle-orm";
import { channels } from "../../db/channels-schema";
import { AppError } from "../../lib/errors";
import { errorMessage, log } from "../../lib/log";
import type { ChannelDeps } from "../deps";
import { openChannelTokens } from "../tokens";
import { type ChannelView, channelView } from "./list";
import type { ChannelOwner } from "./owner";

/**
 * Disconnects an owner's channel: revokes the grant at the provider where it allows it (a
 * refusal or an outage is logged and does not keep the tokens here), then deletes the tokens
 * here and marks the channel `disconnected`. Another owner's channel is `404`, as if it did not
 * exist. Schedules still pending on it fail visibly when they come due (CHANNEL_NOT_CONNECTED).
 */
export async function disconnectChannel(deps: ChannelDeps, channelId: string, owner: ChannelOwner): Promise<ChannelView> {
	const row = await deps.db.query.channels.findFirst({ where: and(eq(channels.id, channelId), eq(channels.ownerKey, owner.ownerKey)) });
	if (!row) throw new AppError(404, "NOT_FOUND", "No such channel.");
	if (row.status === "disconnected") return channelView(row);
	const tokens = await openChannelTokens(deps, row);
	if (tokens) {
		try {
			const adapter = deps.adapters.get(row.provider);
			const revoked = await adapter.revoke({ externalId: row.externalId }, tokens);
			log("info", "channel grant revoked at the provider", { channelId: row.id, provider: row.provider, result: revoked });
		} catch (err) {
			log("warn", "channel revoke failed; tokens deleted here anyway", { channelId: row.id, provider: row.provider, error: errorMessage(err) });
		}
	}
	const [updated] = await deps.db
		.update(channels)
		.set({
			status: "disconnected",
			tokenKid: null,
			accessTokenEnc: null,
			refreshTokenEnc: null,
			accessExpiresAt: null,
			refreshExpiresAt: null,
			updatedAt: deps.now().toISOString(),
		})
		.where(eq(channels.id, row.id))
		.returning();
	if (!updated) throw new AppError(404, "NOT_FOUND", "No such channel.");
	log("info", "channel disconnected", { channelId: row.id, provider: row.provider });
	return channelView(updated);
}
