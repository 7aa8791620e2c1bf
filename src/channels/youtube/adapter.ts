import { log } from "../../lib/log";
import { type AdapterContext, type ChannelAdapter, ChannelCallFailed, type VideoUpload } from "../adapter";
import { googleEndpoints, type YoutubeConfig } from "./api";
import { YOUTUBE_SCOPES, youtubeAuthorizeUrl, youtubeDescribe, youtubeExchangeCode, youtubeRefresh, youtubeRevoke } from "./oauth";
import { readYoutubeStats } from "./stats";
import { CHUNK_UNIT, DEFAULT_CHUNK_BYTES, setThumbnail, type UploadOptions, uploadResumable } from "./upload";

/**
 * The YouTube Data API v3 adapter (docs/channels.md): Google OAuth 2.0 with PKCE and offline
 * access, the video uploaded from R2 with the resumable upload protocol (title, description,
 * tags, visibility, thumbnail), and statistics for analytics.
 */

/** Tests pass small chunks and a sleep that does not wait. */
export type YoutubeAdapterOptions = Partial<UploadOptions>;

const watchUrl = (videoId: string) => `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}`;

export function youtubeAdapter(config: YoutubeConfig, context: AdapterContext, options: YoutubeAdapterOptions = {}): ChannelAdapter {
	const endpoints = googleEndpoints(config.apiBase);
	const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
	if (chunkBytes <= 0 || chunkBytes % CHUNK_UNIT !== 0) throw new Error("YouTube upload chunks must be a positive multiple of 256 KiB");
	const uploadOptions: UploadOptions = { chunkBytes, sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))) };
	// The session each upload opened, so a call the core repeats after refreshing the token
	// (`ChannelAuthExpired`) resumes it even when the caller's `resumeSession` predates it.
	const openedSessions = new WeakMap<VideoUpload, string>();

	return {
		provider: "youtube",
		kinds: ["video"],
		scopes: YOUTUBE_SCOPES,
		pkce: true,
		needsAccount: false,
		authorizeUrl: (input) => youtubeAuthorizeUrl(config, endpoints, input),
		exchangeCode: (input) => youtubeExchangeCode(config, endpoints, context, input),
		refresh: (_account, refreshToken) => youtubeRefresh(config, endpoints, context, refreshToken),
		describe: (session) => youtubeDescribe(endpoints, context, session),
		revoke: (_account, tokens) => youtubeRevoke(endpoints, context, tokens),
		video: {
			async uploadVideo(session, upload) {
				if (upload.size <= 0) throw new ChannelCallFailed("the video is empty", false, null);
				const tracked: VideoUpload = {
					...upload,
					onSession: async (uri) => {
						openedSessions.set(upload, uri);
						await upload.onSession(uri);
					},
				};
				const resume = openedSessions.get(upload) ?? upload.resumeSession;
				const { videoId } = await uploadResumable(context, endpoints, session, tracked, resume, uploadOptions);
				if (upload.thumbnail) {
					try {
						await setThumbnail(context, endpoints, session, videoId, upload.thumbnail);
					} catch (err) {
						// A retryable failure (or an expired token) is thrown: the next attempt finds the
						// session finished and sets the thumbnail without uploading again. A refusal
						// (the channel may not set custom thumbnails until it is verified) leaves the
						// published video as it is, and is logged.
						if (!(err instanceof ChannelCallFailed) || err.retryable) throw err;
						log("warn", "youtube thumbnail refused", { channelId: session.channelId, videoId, reason: err.message });
					}
				}
				return { externalId: videoId, url: watchUrl(videoId) };
			},
			readStats: (session, externalIds) => readYoutubeStats(context, endpoints, session, externalIds),
		},
	};
}
