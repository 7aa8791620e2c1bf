import { snapshotHandler } from "./analytics/snapshot-handler";
import type { ChannelHandlers } from "./queue";
import { publishVideoHandler } from "./schedules/publish-handler";
import { syncProductHandler } from "./sync/handler";

/** What each kind of CHANNEL_QUEUE message does. */
export const CHANNEL_HANDLERS: ChannelHandlers = { sync_product: syncProductHandler, publish_video: publishVideoHandler, snapshot: snapshotHandler };
