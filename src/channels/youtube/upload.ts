import { z } from "zod";
import { log } from "../../lib/log";
import { type AdapterContext, ChannelCallFailed, type ChannelSession, type VideoUpload } from "../adapter";
import { bearer, type GoogleEndpoints, parseYoutubeBody, readYoutubeJson, youtubeError, youtubeFetch } from "./api";
import { youtubeVideoResource } from "./metadata";

/**
 * Google's resumable upload protocol for `videos.insert`: one POST opens a session (its URI in
 * `Location`), then the bytes go in chunks (`PUT` with `Content-Range`), each answered `308` with
 * the `Range` Google holds, until `200`/`201` brings the video. After a failed chunk the adapter
 * asks Google what it holds (`Content-Range: bytes *\/total`) and goes on from there: it resumes,
 * it never starts over, and bytes Google holds are never sent twice. An earlier attempt's session
 * is resumed the same way.
 */

/** Google takes chunks in multiples of 256 KiB (all but the last). */
export const CHUNK_UNIT = 256 * 1024;
/** 8 MiB: few requests per video, little memory per request. */
export const DEFAULT_CHUNK_BYTES = 32 * CHUNK_UNIT;
/** Failed chunks one attempt resumes after, before it leaves the rest to the next attempt. */
export const MAX_RESUMES = 5;

export type UploadOptions = { chunkBytes: number; sleep: (ms: number) => Promise<void> };

const VideoResource = z.object({ id: z.string().min(1) });

/** Where a session stands: finished (the video), holding bytes up to `offset`, or gone (expired, unknown). */
type SessionState = { kind: "done"; videoId: string } | { kind: "at"; offset: number } | { kind: "gone" };

/** The offset after Google's `Range: bytes=0-N` (none: nothing held yet). */
function nextOffset(range: string | null): number {
	const match = /^bytes=0-(\d+)$/.exec(range?.trim() ?? "");
	return match ? Number(match[1]) + 1 : 0;
}

/** What a session answer means; the adapter's error for any other. */
async function sessionState(response: Response, operation: string): Promise<SessionState> {
	if (response.status === 200 || response.status === 201) {
		return { kind: "done", videoId: parseYoutubeBody(VideoResource, await readYoutubeJson(response), operation, response.status).id };
	}
	if (response.status === 308) {
		await response.body?.cancel();
		return { kind: "at", offset: nextOffset(response.headers.get("Range")) };
	}
	if (response.status === 404 || response.status === 410) {
		await response.body?.cancel();
		return { kind: "gone" };
	}
	throw await youtubeError(response, operation);
}

/** Asks Google how much of the session it holds (an empty PUT, safe to repeat). */
async function querySession(context: AdapterContext, session: ChannelSession, uri: string, size: number): Promise<SessionState> {
	const response = await youtubeFetch(context, { operation: "videos.upload.status", repeatable: true }, uri, {
		method: "PUT",
		headers: { ...bearer(session), "Content-Range": `bytes */${size}` },
		body: new Uint8Array(0),
		// A 308 here is "Resume Incomplete", not a redirect to follow.
		redirect: "manual",
	});
	return sessionState(response, "videos.upload.status");
}

/** Opens a session carrying the video's metadata; answers its URI. */
async function openSession(context: AdapterContext, endpoints: GoogleEndpoints, session: ChannelSession, upload: VideoUpload): Promise<string> {
	const metadata = youtubeVideoResource(upload);
	const response = await youtubeFetch(
		context,
		// Opening twice would make two sessions (and, finished, two videos): never repeated blindly.
		{ operation: "videos.insert", retry: "never" },
		`${endpoints.upload}/videos?uploadType=resumable&part=snippet,status`,
		{
			method: "POST",
			headers: {
				...bearer(session),
				"Content-Type": "application/json; charset=UTF-8",
				"X-Upload-Content-Length": String(upload.size),
				"X-Upload-Content-Type": upload.contentType,
			},
			body: JSON.stringify(metadata),
		},
	);
	if (!response.ok) throw await youtubeError(response, "videos.insert");
	await response.body?.cancel();
	const location = response.headers.get("Location");
	if (!location?.startsWith(`${endpoints.upload}/`))
		throw new ChannelCallFailed("YouTube opened an upload session without a usable Location", true, response.status);
	return location;
}

/** Sends one chunk; a network failure or 5xx is answered as `null` (resume), anything else as the session's state. */
async function sendChunk(
	context: AdapterContext,
	session: ChannelSession,
	uri: string,
	upload: VideoUpload,
	start: number,
	end: number,
): Promise<SessionState | null> {
	const bytes = await upload.read(start, end);
	if (bytes.byteLength !== end - start) throw new ChannelCallFailed(`the video's bytes ${start}-${end - 1} could not be read whole`, true, null);
	let response: Response;
	try {
		response = await context.http(
			// The client must not resend a chunk by itself: after a failure only Google knows what it kept.
			{ provider: "youtube", operation: "videos.upload.chunk", retry: "never", timeoutMs: 120_000 },
			uri,
			{
				method: "PUT",
				headers: { ...bearer(session), "Content-Type": upload.contentType, "Content-Range": `bytes ${start}-${end - 1}/${upload.size}` },
				body: bytes,
				redirect: "manual",
			},
		);
	} catch {
		return null;
	}
	if (response.status >= 500) {
		await response.body?.cancel();
		return null;
	}
	return sessionState(response, "videos.upload.chunk");
}

/** Whether a stored session URI is one of Google's upload sessions (the access token goes to it). */
function isOurSession(endpoints: GoogleEndpoints, uri: string | null): uri is string {
	return uri?.startsWith(`${endpoints.upload}/`) === true;
}

/**
 * Uploads the video (resuming `resumeSession` when it still exists, else opening a new session
 * reported at once through `onSession`) and answers its id. Bounded: after {@link MAX_RESUMES}
 * failed chunks a retryable failure leaves the rest to the next attempt, which resumes the session.
 */
export async function uploadResumable(
	context: AdapterContext,
	endpoints: GoogleEndpoints,
	session: ChannelSession,
	upload: VideoUpload,
	resumeSession: string | null,
	options: UploadOptions,
): Promise<{ videoId: string; sessionUri: string }> {
	let uri: string | null = null;
	let offset = 0;
	if (isOurSession(endpoints, resumeSession)) {
		const state = await querySession(context, session, resumeSession, upload.size);
		if (state.kind === "done") return { videoId: state.videoId, sessionUri: resumeSession };
		if (state.kind === "at") {
			uri = resumeSession;
			offset = state.offset;
		}
	}
	if (uri === null) {
		uri = await openSession(context, endpoints, session, upload);
		await upload.onSession(uri);
	}
	let resumes = 0;
	for (;;) {
		const state =
			offset < upload.size
				? await sendChunk(context, session, uri, upload, offset, Math.min(offset + options.chunkBytes, upload.size))
				: await querySession(context, session, uri, upload.size);
		if (state?.kind === "done") return { videoId: state.videoId, sessionUri: uri };
		if (state?.kind === "gone")
			throw new ChannelCallFailed("YouTube no longer knows the upload session (expired after a week); the next attempt opens a new one", true, 404);
		if (state?.kind === "at" && state.offset > offset && state.offset <= upload.size) {
			offset = state.offset;
			continue;
		}
		// The chunk failed (or moved nothing): ask Google what it holds and go on from there.
		resumes++;
		if (resumes > MAX_RESUMES) throw new ChannelCallFailed(`the upload stopped at byte ${offset} of ${upload.size} after ${MAX_RESUMES} resumes`, true, null);
		log("warn", "youtube upload resumes", { channelId: session.channelId, offset, size: upload.size, resume: resumes });
		await options.sleep(Math.min(30_000, 1_000 * 2 ** (resumes - 1)));
		const held = await querySession(context, session, uri, upload.size);
		if (held.kind === "done") return { videoId: held.videoId, sessionUri: uri };
		if (held.kind === "gone") throw new ChannelCallFailed("YouTube no longer knows the upload session; the next attempt opens a new one", true, 404);
		offset = held.offset;
	}
}

/** Sets the video's thumbnail (JPEG or PNG, at most 2 MB). */
export async function setThumbnail(
	context: AdapterContext,
	endpoints: GoogleEndpoints,
	session: ChannelSession,
	videoId: string,
	image: Uint8Array,
): Promise<void> {
	const png = image[0] === 0x89 && image[1] === 0x50 && image[2] === 0x4e && image[3] === 0x47;
	const response = await youtubeFetch(
		context,
		// Setting the same image twice leaves the same thumbnail.
		{ operation: "thumbnails.set", repeatable: true },
		`${endpoints.upload}/thumbnails/set?videoId=${encodeURIComponent(videoId)}`,
		{ method: "POST", headers: { ...bearer(session), "Content-Type": png ? "image/png" : "image/jpeg" }, body: image },
	);
	if (!response.ok) throw await youtubeError(response, "thumbnails.set");
	await response.body?.cancel();
}
