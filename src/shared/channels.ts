import { z } from "zod";

/**
 * The channels line (issue 18, docs/channels.md): outside shops and video platforms that
 * published products and videos are pushed to. Wire and stored types, shared by the domain,
 * the routes and the pages.
 */

/** Which outside service a channel is: Cafe24 shops, YouTube channels, or the app's own sandbox. */
export const ChannelProvider = z.enum(["cafe24", "youtube", "local"]);
export type ChannelProvider = z.infer<typeof ChannelProvider>;

/** What a channel carries: a shop (admins connect it; it carries factory products) or a video channel (users connect it). */
export const ChannelKind = z.enum(["shop", "video"]);
export type ChannelKind = z.infer<typeof ChannelKind>;

/** `connected`; `needs_reauth` when the provider refused the refresh token (the owner must connect again); `disconnected`. */
export const ChannelStatus = z.enum(["connected", "needs_reauth", "disconnected"]);
export type ChannelStatus = z.infer<typeof ChannelStatus>;

/** A scheduled video publish: `pending` until due, `queued` when handed to the queue, `publishing` while uploading. */
export const ScheduleStatus = z.enum(["pending", "queued", "publishing", "published", "failed"]);
export type ScheduleStatus = z.infer<typeof ScheduleStatus>;

export const VideoVisibility = z.enum(["public", "private", "unlisted"]);
export type VideoVisibility = z.infer<typeof VideoVisibility>;

/** One outside call's result in the sync log. */
export const SyncOutcome = z.enum(["succeeded", "failed", "skipped"]);
export type SyncOutcome = z.infer<typeof SyncOutcome>;

/** What was done in one sync log row. */
export const SyncOperation = z.enum(["create_product", "update_product", "update_price", "update_stock", "hide_product", "upload_video", "read_stats"]);
export type SyncOperation = z.infer<typeof SyncOperation>;
