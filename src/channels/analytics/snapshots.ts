import type { ChannelDeps } from "../deps";

/** Every 6 hours: one `snapshot` message per connected channel. (Built by issue 18's analytics work.) */
export async function enqueueSnapshots(_deps: ChannelDeps): Promise<{ queued: number }> {
	return { queued: 0 };
}
