import { z } from "zod";

/** Queue names from wrangler.toml; the entry tells channel batches from others by name. */
export const CHANNEL_QUEUE = "edge-factory-channels";
export const CHANNEL_DLQ = "edge-factory-channels-dlq";

const Id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-f]{32}$`));

/**
 * The messages of CHANNEL_QUEUE:
 * - `sync_product`: bring one product's listing in one shop in line with the product (create, update, hide);
 * - `publish_video`: upload one scheduled video (handed over by the every-minute scheduler or publish-now);
 * - `snapshot`: read one channel's numbers into `analytics_snapshots` (every 6 hours).
 */
export const ChannelMessage = z.discriminatedUnion("kind", [
	z.strictObject({ kind: z.literal("sync_product"), productId: Id("prd"), channelId: Id("chn") }),
	z.strictObject({ kind: z.literal("publish_video"), scheduleId: Id("sch") }),
	z.strictObject({ kind: z.literal("snapshot"), channelId: Id("chn") }),
]);
export type ChannelMessage = z.infer<typeof ChannelMessage>;
export type ChannelMessageKind = ChannelMessage["kind"];
