import type { ChannelDeps } from "../deps";

/** Every minute: hands each due schedule to the queue, once. (Built by issue 18's schedules work.) */
export async function handOverDueSchedules(_deps: ChannelDeps): Promise<{ queued: number }> {
	return { queued: 0 };
}
