import { eq } from "drizzle-orm";
import { channels } from "../../db/channels-schema";
import type { ChannelDeps } from "../deps";
import type { ChannelMessage } from "../messages";

/** Queue.sendBatch takes at most 100 messages a call. */
const SEND_BATCH = 100;

/**
 * Every 6 hours ("0 *\/6 * * *", src/scheduled.ts): one `snapshot` message per connected channel,
 * shops and video channels alike. Channels that need their owner to connect again, or were
 * disconnected, are left out: their tokens would be refused.
 */
export async function enqueueSnapshots(deps: ChannelDeps): Promise<{ queued: number }> {
	const rows = await deps.db.select({ id: channels.id }).from(channels).where(eq(channels.status, "connected"));
	const messages = rows.map((row): { body: ChannelMessage } => ({ body: { kind: "snapshot", channelId: row.id } }));
	for (let start = 0; start < messages.length; start += SEND_BATCH) await deps.queue.sendBatch(messages.slice(start, start + SEND_BATCH));
	return { queued: messages.length };
}
