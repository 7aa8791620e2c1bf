import type { ChannelHandler } from "../queue";

/** `publish_video`: uploads one scheduled video. (Built by issue 18's schedules work.) */
export const publishVideoHandler: ChannelHandler<"publish_video"> = {
	run: async () => {
		throw new Error("publish_video is not built yet");
	},
	deadLettered: async () => {},
};
