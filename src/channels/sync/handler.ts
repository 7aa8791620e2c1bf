import type { ChannelHandler } from "../queue";
import { syncDeadLettered, syncProductToChannel } from "./sync-product";

/** `sync_product`: brings one product's listing in one shop in line with the product (src/channels/sync/sync-product.ts). */
export const syncProductHandler: ChannelHandler<"sync_product"> = {
	run: (deps, message, attempts) => syncProductToChannel(deps, message.productId, message.channelId, attempts),
	deadLettered: (deps, message) => syncDeadLettered(deps, message.productId, message.channelId),
};
