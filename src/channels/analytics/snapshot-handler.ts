import type { ChannelHandler } from "../queue";

/** `snapshot`: reads one channel's numbers. (Built by issue 18's analytics work.) */
export const snapshotHandler: ChannelHandler<"snapshot"> = {
	run: async () => {
		throw new Error("snapshot is not built yet");
	},
	deadLettered: async () => {},
};
