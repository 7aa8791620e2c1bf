import type { ChannelHandler } from "../queue";

/** `sync_product`: brings one product's listing in one shop in line with the product. (Built by issue 18's sync work.) */
export const syncProductHandler: ChannelHandler<"sync_product"> = {
	run: async () => {
		throw new Error("sync_product is not built yet");
	},
	deadLettered: async () => {},
};
