import { lt } from "drizzle-orm";
import { analyticsSnapshots, channelOauthStates, channelSyncLog, sandboxTokens } from "../db/channels-schema";
import type { ChannelDeps } from "./deps";

/** How long each kind of channel history is kept (docs/channels.md "How long each kind of data lives"). */
export const CHANNEL_RETENTION_DAYS = { snapshots: 400, syncLog: 180 } as const;

const DAY_MS = 86_400_000;

/**
 * Every 6 hours: deletes analytics snapshots older than 400 days (a year's comparison and a
 * little more), sync log rows older than 180 days, OAuth flows past their 10-minute life, and the
 * sandbox's expired codes and tokens. None holds a token in clear; this keeps the tables bounded.
 */
export async function pruneChannelHistory(deps: Pick<ChannelDeps, "db" | "now">): Promise<Record<string, number>> {
	const now = deps.now();
	const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
	const [snapshots, syncLog, states, sandbox] = await deps.db.batch([
		deps.db
			.delete(analyticsSnapshots)
			.where(lt(analyticsSnapshots.capturedAt, before(CHANNEL_RETENTION_DAYS.snapshots)))
			.returning({ id: analyticsSnapshots.id }),
		deps.db
			.delete(channelSyncLog)
			.where(lt(channelSyncLog.createdAt, before(CHANNEL_RETENTION_DAYS.syncLog)))
			.returning({ id: channelSyncLog.id }),
		deps.db.delete(channelOauthStates).where(lt(channelOauthStates.expiresAt, now.toISOString())).returning({ id: channelOauthStates.stateHash }),
		deps.db.delete(sandboxTokens).where(lt(sandboxTokens.expiresAt, now.toISOString())).returning({ id: sandboxTokens.tokenHash }),
	]);
	return { snapshots: snapshots.length, syncLog: syncLog.length, oauthStates: states.length, sandboxTokens: sandbox.length };
}
