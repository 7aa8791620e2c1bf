import type { ChannelMessage } from "../messages";

/** Sends one `publish_video` message per schedule, in batches the queue takes (at most 100 a call). */
export async function sendPublishMessages(queue: Queue<ChannelMessage>, scheduleIds: readonly string[]): Promise<void> {
	for (let start = 0; start < scheduleIds.length; start += 100) {
		const batch = scheduleIds.slice(start, start + 100);
		await queue.sendBatch(batch.map((scheduleId) => ({ body: { kind: "publish_video", scheduleId } })));
	}
}
