import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fake of Google's OAuth 2.0 and the parts of the YouTube Data API v3 the adapter uses, on one
 * base with Google's paths: `/o/oauth2/v2/auth` (consent: redirects with a code), `/token`
 * (authorization_code with the client secret, one-use codes, the exact redirect URI and the PKCE
 * S256 verifier; refresh_token), `/revoke`, `/youtube/v3/channels` (mine), `/youtube/v3/videos`
 * (statistics), `/upload/youtube/v3/videos` (the resumable protocol: sessions, chunks in
 * multiples of 256 KiB, `308` with `Range`, the status query `bytes *\/total`) and
 * `/upload/youtube/v3/thumbnails/set`. Errors are Google's: `{error, error_description}` from
 * OAuth, `{error: {code, message, errors: [{message, domain, reason}], status}}` from the API.
 *
 * Test control (no auth) under `/__control/`, scoped by client or channel so test files do not meet:
 * - `POST /__control/clients` `{clientId, clientSecret, redirectUris}`: registers an OAuth client.
 * - `POST /__control/consent` `{clientId, channelId, title, deny?}`: who consents on the next authorize.
 * - `POST /__control/expire` `{accessToken}`: that access token is refused from now on (401).
 * - `POST /__control/quota` `{channelId, exhausted}`: the API answers 403 quotaExceeded for that channel.
 * - `POST /__control/fail-chunk` `{channelId, chunk, mode: "503" | "drop", keepBytes?}`: the
 *   `chunk`-th chunk PUT (1-based, counted per channel) answers 503 storing nothing, or stores its
 *   first `keepBytes` and drops the connection.
 * - `PUT /__control/videos/:id/statistics` `{views, likes, comments}`.
 * - `GET /__control/videos/:id`: metadata, size and SHA-256 of the bytes and of the thumbnail.
 * - `GET /__control/uploads?channelId=`: each session with the chunks received (start, end, outcome).
 * - `GET /__control/reads?channelId=`: how many API requests each channel made (quota audit).
 */

const UPLOAD_SCOPE = "https://www.googleapis.com/auth/youtube.upload";
const READ_SCOPE = "https://www.googleapis.com/auth/youtube.readonly";
const FULL_SCOPE = "https://www.googleapis.com/auth/youtube";
const KNOWN_SCOPES = new Set([UPLOAD_SCOPE, READ_SCOPE, FULL_SCOPE]);
const CHUNK_UNIT = 256 * 1024;
const ACCESS_TTL_S = 3599;

type Client = { secret: string; redirectUris: Set<string>; consent: { channelId: string; title: string; deny: boolean } | null };
type Grant = { clientId: string; channelId: string; scopes: string[]; refreshToken: string | null; revoked: boolean };
type Access = { grant: Grant; expiresAt: number; expired: boolean };
type Code = { clientId: string; redirectUri: string; challenge: string | null; grant: Grant; used: boolean };
type Video = {
	id: string;
	channelId: string;
	snippet: { title: string; description: string; tags: string[]; categoryId: string };
	privacyStatus: string;
	bytes: Buffer;
	contentType: string;
	thumbnail: { bytes: Buffer; contentType: string } | null;
	statistics: { views: number; likes: number; comments: number };
	publishedAt: string;
};
type ChunkRecord = { start: number; end: number; outcome: "stored" | "failed" | "dropped" };
type UploadSession = {
	id: string;
	channelId: string;
	total: number;
	contentType: string;
	metadata: { snippet: Video["snippet"]; privacyStatus: string };
	received: Buffer[];
	receivedLength: number;
	chunks: ChunkRecord[];
	video: Video | null;
};
type ChunkFailure = { channelId: string; chunk: number; mode: "503" | "drop"; keepBytes: number };
type Reply = { status: number; body: unknown; headers?: Record<string, string> };

type State = {
	url: string;
	clients: Map<string, Client>;
	codes: Map<string, Code>;
	access: Map<string, Access>;
	refresh: Map<string, Grant>;
	channels: Map<string, { title: string; quotaExhausted: boolean }>;
	videos: Map<string, Video>;
	uploads: Map<string, UploadSession>;
	chunkPuts: Map<string, number>;
	failures: ChunkFailure[];
	reads: Map<string, number>;
};

/** The running fake. */
export type FakeYoutube = { url: string; close: () => Promise<void> };

const STATUS_NAMES: Record<number, string> = {
	400: "INVALID_ARGUMENT",
	401: "UNAUTHENTICATED",
	403: "PERMISSION_DENIED",
	404: "NOT_FOUND",
	500: "INTERNAL",
	503: "UNAVAILABLE",
};

/** An API error exactly as Google shapes it. */
function googleError(status: number, reason: string, message: string, domain = "youtube.api"): Reply {
	return { status, body: { error: { code: status, message, errors: [{ message, domain, reason }], status: STATUS_NAMES[status] ?? "UNKNOWN" } } };
}

const oauthError = (status: number, error: string, description: string): Reply => ({ status, body: { error, error_description: description } });
const token = (prefix: string, bytes = 24) => `${prefix}${randomBytes(bytes).toString("base64url")}`;
const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");
const s256 = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function send(res: ServerResponse, reply: Reply): void {
	if (reply.body === null) {
		res.writeHead(reply.status, { ...reply.headers, "Content-Length": "0" });
		res.end();
		return;
	}
	res.writeHead(reply.status, { "Content-Type": "application/json; charset=UTF-8", ...reply.headers });
	res.end(JSON.stringify(reply.body));
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

function jsonOf(body: Buffer): Record<string, unknown> {
	try {
		const parsed: unknown = JSON.parse(body.toString("utf8"));
		return isRecord(parsed) ? parsed : {};
	} catch {
		return {};
	}
}

/** The grant behind the request's Bearer token, or Google's 401. */
function authorize(state: State, req: IncomingMessage, scopes: string[]): Grant | Reply {
	const header = req.headers.authorization ?? "";
	const access = header.startsWith("Bearer ") ? state.access.get(header.slice("Bearer ".length)) : undefined;
	if (!access || access.expired || access.expiresAt < Date.now() || access.grant.revoked) {
		return googleError(
			401,
			"authError",
			"Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
			"global",
		);
	}
	if (!scopes.some((scope) => access.grant.scopes.includes(scope))) {
		return googleError(403, "insufficientPermissions", "Request had insufficient authentication scopes.", "global");
	}
	const channel = state.channels.get(access.grant.channelId);
	state.reads.set(access.grant.channelId, (state.reads.get(access.grant.channelId) ?? 0) + 1);
	if (channel?.quotaExhausted) {
		return googleError(
			403,
			"quotaExceeded",
			'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
			"youtube.quota",
		);
	}
	return access.grant;
}

const isReply = (value: Grant | Reply): value is Reply => "status" in value;

function videoResource(video: Video) {
	return {
		kind: "youtube#video",
		etag: sha256(video.id).slice(0, 27),
		id: video.id,
		snippet: {
			publishedAt: video.publishedAt,
			channelId: video.channelId,
			title: video.snippet.title,
			description: video.snippet.description,
			tags: video.snippet.tags,
			categoryId: video.snippet.categoryId,
			thumbnails: { default: { url: `https://i.ytimg.com/vi/${video.id}/default.jpg`, width: 120, height: 90 } },
		},
		status: { uploadStatus: "uploaded", privacyStatus: video.privacyStatus, license: "youtube", embeddable: true, madeForKids: false },
	};
}

// ---- OAuth ----

function authorizePage(state: State, url: URL): Reply {
	const params = url.searchParams;
	const client = state.clients.get(params.get("client_id") ?? "");
	if (!client) return { status: 401, body: { error: "invalid_client", error_description: "The OAuth client was not found." } };
	const redirectUri = params.get("redirect_uri") ?? "";
	// Google shows its own error page here rather than redirecting to an unregistered URI.
	if (!client.redirectUris.has(redirectUri)) return oauthError(400, "redirect_uri_mismatch", "Error 400: redirect_uri_mismatch");
	const back = new URL(redirectUri);
	const stateParam = params.get("state");
	if (stateParam) back.searchParams.set("state", stateParam);
	const fail = (error: string): Reply => {
		back.searchParams.set("error", error);
		return { status: 302, body: null, headers: { Location: back.toString() } };
	};
	if (params.get("response_type") !== "code") return fail("unsupported_response_type");
	const scopes = (params.get("scope") ?? "").split(" ").filter(Boolean);
	if (scopes.length === 0 || scopes.some((scope) => !KNOWN_SCOPES.has(scope))) return fail("invalid_scope");
	const challenge = params.get("code_challenge");
	if (challenge && params.get("code_challenge_method") !== "S256") return oauthError(400, "invalid_request", "Invalid code_challenge_method");
	if (!client.consent) return oauthError(400, "invalid_request", "no consent set for this client (POST /__control/consent)");
	if (client.consent.deny) return fail("access_denied");
	const code = token("4/0", 32);
	const offline = params.get("access_type") === "offline";
	const grant: Grant = {
		clientId: params.get("client_id") ?? "",
		channelId: client.consent.channelId,
		scopes,
		refreshToken: offline ? token("1//0") : null,
		revoked: false,
	};
	if (!state.channels.has(grant.channelId)) state.channels.set(grant.channelId, { title: client.consent.title, quotaExhausted: false });
	state.codes.set(code, { clientId: grant.clientId, redirectUri, challenge, grant, used: false });
	back.searchParams.set("code", code);
	back.searchParams.set("scope", scopes.join(" "));
	return { status: 302, body: null, headers: { Location: back.toString() } };
}

function issueAccess(state: State, grant: Grant): string {
	const accessToken = token("ya29.a0", 40);
	state.access.set(accessToken, { grant, expiresAt: Date.now() + ACCESS_TTL_S * 1000, expired: false });
	return accessToken;
}

function tokenEndpoint(state: State, req: IncomingMessage, body: Buffer): Reply {
	const form = new URLSearchParams(body.toString("utf8"));
	let clientId = form.get("client_id") ?? "";
	let clientSecret = form.get("client_secret") ?? "";
	const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "");
	if (basic?.[1]) [clientId = "", clientSecret = ""] = Buffer.from(basic[1], "base64").toString("utf8").split(":");
	const client = state.clients.get(clientId);
	if (!client || client.secret !== clientSecret) return oauthError(401, "invalid_client", "Unauthorized");
	const grantType = form.get("grant_type");
	if (grantType === "authorization_code") {
		const code = state.codes.get(form.get("code") ?? "");
		if (!code || code.clientId !== clientId) return oauthError(400, "invalid_grant", "Malformed auth code.");
		if (code.used) return oauthError(400, "invalid_grant", "Bad Request");
		if ((form.get("redirect_uri") ?? "") !== code.redirectUri) return oauthError(400, "redirect_uri_mismatch", "Bad Request");
		if (code.challenge) {
			const verifier = form.get("code_verifier");
			if (!verifier) return oauthError(400, "invalid_grant", "Missing code verifier.");
			if (s256(verifier) !== code.challenge) return oauthError(400, "invalid_grant", "Invalid code verifier.");
		}
		code.used = true;
		const accessToken = issueAccess(state, code.grant);
		if (code.grant.refreshToken) state.refresh.set(code.grant.refreshToken, code.grant);
		return {
			status: 200,
			body: {
				access_token: accessToken,
				expires_in: ACCESS_TTL_S,
				...(code.grant.refreshToken ? { refresh_token: code.grant.refreshToken } : {}),
				scope: code.grant.scopes.join(" "),
				token_type: "Bearer",
			},
		};
	}
	if (grantType === "refresh_token") {
		const grant = state.refresh.get(form.get("refresh_token") ?? "");
		if (!grant || grant.revoked || grant.clientId !== clientId) return oauthError(400, "invalid_grant", "Token has been expired or revoked.");
		// Google does not rotate refresh tokens: the answer holds a new access token only.
		return { status: 200, body: { access_token: issueAccess(state, grant), expires_in: ACCESS_TTL_S, scope: grant.scopes.join(" "), token_type: "Bearer" } };
	}
	return oauthError(400, "unsupported_grant_type", `Invalid grant_type: ${grantType ?? ""}`);
}

function revokeEndpoint(state: State, url: URL, body: Buffer): Reply {
	const value = new URLSearchParams(body.toString("utf8")).get("token") ?? url.searchParams.get("token") ?? "";
	const grant = state.refresh.get(value) ?? state.access.get(value)?.grant;
	const live = grant && !grant.revoked && (state.refresh.has(value) || !state.access.get(value)?.expired);
	if (!grant || !live) return oauthError(400, "invalid_token", "Token expired or revoked");
	grant.revoked = true;
	return { status: 200, body: null };
}

// ---- Data API ----

function channelsList(state: State, req: IncomingMessage, url: URL): Reply {
	const grant = authorize(state, req, [READ_SCOPE, FULL_SCOPE]);
	if (isReply(grant)) return grant;
	if (url.searchParams.get("mine") !== "true") return googleError(400, "missingRequiredParameter", "No filter selected. Expected one of: mine, id, forHandle.");
	const parts = (url.searchParams.get("part") ?? "").split(",");
	const channel = state.channels.get(grant.channelId);
	const videos = [...state.videos.values()].filter((video) => video.channelId === grant.channelId);
	const views = videos.reduce((sum, video) => sum + video.statistics.views, 0);
	return {
		status: 200,
		body: {
			kind: "youtube#channelListResponse",
			etag: sha256(grant.channelId).slice(0, 27),
			pageInfo: { totalResults: 1, resultsPerPage: 5 },
			items: [
				{
					kind: "youtube#channel",
					etag: sha256(`${grant.channelId}.e`).slice(0, 27),
					id: grant.channelId,
					...(parts.includes("snippet") ? { snippet: { title: channel?.title ?? "", description: "", publishedAt: "2024-01-01T00:00:00Z" } } : {}),
					...(parts.includes("statistics")
						? { statistics: { viewCount: String(views), subscriberCount: "0", hiddenSubscriberCount: false, videoCount: String(videos.length) } }
						: {}),
				},
			],
		},
	};
}

function videosList(state: State, req: IncomingMessage, url: URL): Reply {
	const grant = authorize(state, req, [READ_SCOPE, FULL_SCOPE]);
	if (isReply(grant)) return grant;
	const ids = (url.searchParams.get("id") ?? "").split(",").filter(Boolean);
	if (ids.length > 50) return googleError(400, "invalidFilters", "The request specifies more than 50 video IDs.");
	// Private videos are listed only to their owner.
	const found = ids.flatMap((id) => {
		const video = state.videos.get(id);
		return video && (video.privacyStatus !== "private" || video.channelId === grant.channelId) ? [video] : [];
	});
	return {
		status: 200,
		body: {
			kind: "youtube#videoListResponse",
			items: found.map((video) => ({
				kind: "youtube#video",
				id: video.id,
				statistics: {
					viewCount: String(video.statistics.views),
					likeCount: String(video.statistics.likes),
					favoriteCount: "0",
					commentCount: String(video.statistics.comments),
				},
			})),
			pageInfo: { totalResults: found.length, resultsPerPage: found.length },
		},
	};
}

function metadataProblem(body: Record<string, unknown>): Reply | UploadSession["metadata"] {
	const snippet = isRecord(body.snippet) ? body.snippet : {};
	const status = isRecord(body.status) ? body.status : {};
	const title = typeof snippet.title === "string" ? snippet.title : "";
	if (title.trim() === "" || title.length > 100 || /[<>]/.test(title))
		return googleError(400, "invalidTitle", "The request metadata specifies an invalid or empty video title.");
	const description = typeof snippet.description === "string" ? snippet.description : "";
	if (Buffer.byteLength(description) > 5000 || /[<>]/.test(description))
		return googleError(400, "invalidDescription", "The request metadata specifies an invalid video description.");
	const tags = Array.isArray(snippet.tags) ? snippet.tags.filter((tag): tag is string => typeof tag === "string") : [];
	if (tags.join(",").length > 500) return googleError(400, "invalidTags", "The request metadata specifies invalid video keywords.");
	const privacyStatus = typeof status.privacyStatus === "string" ? status.privacyStatus : "public";
	if (!["public", "private", "unlisted"].includes(privacyStatus)) return googleError(400, "invalidVideoMetadata", "The request metadata is invalid.");
	const categoryId = typeof snippet.categoryId === "string" ? snippet.categoryId : "22";
	return { snippet: { title, description, tags, categoryId }, privacyStatus };
}

function openUpload(state: State, req: IncomingMessage, url: URL, body: Buffer): Reply {
	const grant = authorize(state, req, [UPLOAD_SCOPE, FULL_SCOPE]);
	if (isReply(grant)) return grant;
	if (url.searchParams.get("uploadType") !== "resumable") return googleError(400, "badRequest", "This fake speaks only uploadType=resumable.");
	if (!(url.searchParams.get("part") ?? "").split(",").includes("snippet")) return googleError(400, "unexpectedPart", "The request must set snippet.");
	const total = Number(req.headers["x-upload-content-length"] ?? "");
	if (!Number.isInteger(total) || total <= 0) return googleError(400, "badRequest", "X-Upload-Content-Length is missing or invalid.");
	const metadata = metadataProblem(jsonOf(body));
	if ("status" in metadata) return metadata;
	const id = token("AEnB2U", 18);
	state.uploads.set(id, {
		id,
		channelId: grant.channelId,
		total,
		contentType: String(req.headers["x-upload-content-type"] ?? "application/octet-stream"),
		metadata,
		received: [],
		receivedLength: 0,
		chunks: [],
		video: null,
	});
	return {
		status: 200,
		body: null,
		headers: { Location: `${state.url}/upload/youtube/v3/videos?uploadType=resumable&part=${url.searchParams.get("part")}&upload_id=${id}` },
	};
}

/** Where the session stands: 308 with the bytes held, or the finished video. */
function sessionStatus(upload: UploadSession): Reply {
	if (upload.video) return { status: 200, body: videoResource(upload.video) };
	return { status: 308, body: null, headers: upload.receivedLength > 0 ? { Range: `bytes=0-${upload.receivedLength - 1}` } : {} };
}

function finishIfWhole(state: State, upload: UploadSession): void {
	if (upload.receivedLength !== upload.total || upload.video) return;
	const video: Video = {
		id: randomBytes(8).toString("base64url").slice(0, 11),
		channelId: upload.channelId,
		snippet: upload.metadata.snippet,
		privacyStatus: upload.metadata.privacyStatus,
		bytes: Buffer.concat(upload.received),
		contentType: upload.contentType,
		thumbnail: null,
		statistics: { views: 0, likes: 0, comments: 0 },
		publishedAt: new Date().toISOString(),
	};
	upload.video = video;
	state.videos.set(video.id, video);
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+)$/;
const STATUS_RANGE = /^bytes \*\/(\d+)$/;

/** A chunk PUT or a status query on a session; handles the body itself, to drop a connection mid-chunk. */
async function putUpload(state: State, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
	const upload = state.uploads.get(url.searchParams.get("upload_id") ?? "");
	if (!upload) {
		await readBody(req);
		return send(res, googleError(404, "notFound", "The upload session was not found or has expired.", "global"));
	}
	const grant = authorize(state, req, [UPLOAD_SCOPE, FULL_SCOPE]);
	if (isReply(grant)) {
		await readBody(req);
		return send(res, grant);
	}
	const range = String(req.headers["content-range"] ?? "");
	const status = STATUS_RANGE.exec(range);
	if (status) {
		await readBody(req);
		return send(
			res,
			Number(status[1]) === upload.total ? sessionStatus(upload) : googleError(400, "badContentRange", "The total size does not match the session's."),
		);
	}
	const match = CONTENT_RANGE.exec(range);
	if (!match) {
		await readBody(req);
		return send(res, googleError(400, "badContentRange", "Content-Range is missing or malformed."));
	}
	const [start, end, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const length = end - start + 1;
	const problem =
		total !== upload.total
			? "The total size does not match the session's."
			: start !== upload.receivedLength
				? `The chunk starts at ${start} but the session holds ${upload.receivedLength} bytes.`
				: length <= 0 || end >= total
					? "The range is outside the upload."
					: length % CHUNK_UNIT !== 0 && end !== total - 1
						? "A chunk other than the last must be a multiple of 256 KiB."
						: null;
	if (problem) {
		await readBody(req);
		return send(res, googleError(400, "badContentRange", problem));
	}
	const count = (state.chunkPuts.get(upload.channelId) ?? 0) + 1;
	state.chunkPuts.set(upload.channelId, count);
	const failureAt = state.failures.findIndex((failure) => failure.channelId === upload.channelId && failure.chunk === count);
	const failure = failureAt >= 0 ? state.failures.splice(failureAt, 1)[0] : undefined;
	if (failure?.mode === "drop") {
		// Keep the first bytes as they arrive, then cut the connection: Google holds what it received.
		let kept = 0;
		const keep = Math.min(failure.keepBytes, length - 1);
		req.on("data", (chunk: Buffer) => {
			if (kept >= keep) return;
			const part = chunk.subarray(0, keep - kept);
			upload.received.push(Buffer.from(part));
			upload.receivedLength += part.length;
			kept += part.length;
			if (kept >= keep) {
				upload.chunks.push({ start, end, outcome: "dropped" });
				req.socket.destroy();
			}
		});
		return;
	}
	const body = await readBody(req);
	if (failure?.mode === "503") {
		upload.chunks.push({ start, end, outcome: "failed" });
		return send(res, googleError(503, "backendError", "Backend Error", "global"));
	}
	if (body.length !== length) return send(res, googleError(400, "badContentRange", "The body's length does not match Content-Range."));
	upload.received.push(body);
	upload.receivedLength += body.length;
	upload.chunks.push({ start, end, outcome: "stored" });
	finishIfWhole(state, upload);
	return send(res, sessionStatus(upload));
}

function setThumbnail(state: State, req: IncomingMessage, url: URL, body: Buffer): Reply {
	const grant = authorize(state, req, [UPLOAD_SCOPE, FULL_SCOPE]);
	if (isReply(grant)) return grant;
	const video = state.videos.get(url.searchParams.get("videoId") ?? "");
	if (!video) return googleError(404, "videoNotFound", "The video that you are trying to update cannot be found.");
	if (video.channelId !== grant.channelId) return googleError(403, "forbidden", "The thumbnail can't be set for the specified video.");
	const contentType = String(req.headers["content-type"] ?? "");
	const jpeg = body[0] === 0xff && body[1] === 0xd8 && body[2] === 0xff;
	const png = body.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
	if (!((contentType === "image/jpeg" && jpeg) || (contentType === "image/png" && png))) {
		return googleError(400, "invalidImage", "The provided image content is invalid.");
	}
	if (body.length > 2 * 1024 * 1024) return googleError(400, "mediaBodyTooLarge", "The image is larger than 2 MB.");
	video.thumbnail = { bytes: body, contentType };
	return {
		status: 200,
		body: { kind: "youtube#thumbnailSetResponse", items: [{ default: { url: `https://i.ytimg.com/vi/${video.id}/default.jpg`, width: 120, height: 90 } }] },
	};
}

// ---- Control ----

function control(state: State, method: string, url: URL, body: Buffer): Reply {
	const input = jsonOf(body);
	const text = (key: string) => (typeof input[key] === "string" ? input[key] : "");
	if (method === "POST" && url.pathname === "/__control/clients") {
		const redirectUris = Array.isArray(input.redirectUris) ? input.redirectUris.filter((uri): uri is string => typeof uri === "string") : [];
		state.clients.set(text("clientId"), { secret: text("clientSecret"), redirectUris: new Set(redirectUris), consent: null });
		return { status: 200, body: { ok: true } };
	}
	if (method === "POST" && url.pathname === "/__control/consent") {
		const client = state.clients.get(text("clientId"));
		if (!client) return { status: 404, body: { error: "unknown client" } };
		client.consent = { channelId: text("channelId"), title: text("title"), deny: input.deny === true };
		state.channels.set(text("channelId"), { title: text("title"), quotaExhausted: state.channels.get(text("channelId"))?.quotaExhausted ?? false });
		return { status: 200, body: { ok: true } };
	}
	if (method === "POST" && url.pathname === "/__control/expire") {
		const access = state.access.get(text("accessToken"));
		if (!access) return { status: 404, body: { error: "unknown access token" } };
		access.expired = true;
		return { status: 200, body: { ok: true } };
	}
	if (method === "POST" && url.pathname === "/__control/quota") {
		const channel = state.channels.get(text("channelId"));
		if (!channel) return { status: 404, body: { error: "unknown channel" } };
		channel.quotaExhausted = input.exhausted === true;
		return { status: 200, body: { ok: true } };
	}
	if (method === "POST" && url.pathname === "/__control/fail-chunk") {
		const mode = input.mode === "drop" ? "drop" : "503";
		state.failures.push({ channelId: text("channelId"), chunk: Number(input.chunk), mode, keepBytes: Number(input.keepBytes ?? 0) });
		return { status: 200, body: { ok: true } };
	}
	const statistics = /^\/__control\/videos\/([^/]+)\/statistics$/.exec(url.pathname);
	if (method === "PUT" && statistics) {
		const video = state.videos.get(decodeURIComponent(statistics[1] ?? ""));
		if (!video) return { status: 404, body: { error: "unknown video" } };
		video.statistics = { views: Number(input.views ?? 0), likes: Number(input.likes ?? 0), comments: Number(input.comments ?? 0) };
		return { status: 200, body: { ok: true } };
	}
	const videoPath = /^\/__control\/videos\/([^/]+)$/.exec(url.pathname);
	if (method === "GET" && videoPath) {
		const video = state.videos.get(decodeURIComponent(videoPath[1] ?? ""));
		if (!video) return { status: 404, body: { error: "unknown video" } };
		return {
			status: 200,
			body: {
				id: video.id,
				channelId: video.channelId,
				snippet: video.snippet,
				privacyStatus: video.privacyStatus,
				contentType: video.contentType,
				size: video.bytes.length,
				sha256: sha256(video.bytes),
				thumbnail: video.thumbnail
					? { size: video.thumbnail.bytes.length, sha256: sha256(video.thumbnail.bytes), contentType: video.thumbnail.contentType }
					: null,
			},
		};
	}
	if (method === "GET" && url.pathname === "/__control/uploads") {
		const channelId = url.searchParams.get("channelId");
		const uploads = [...state.uploads.values()].filter((upload) => upload.channelId === channelId);
		return {
			status: 200,
			body: uploads.map((upload) => ({
				id: upload.id,
				total: upload.total,
				received: upload.receivedLength,
				chunks: upload.chunks,
				videoId: upload.video?.id ?? null,
			})),
		};
	}
	if (method === "GET" && url.pathname === "/__control/reads") {
		return { status: 200, body: { requests: state.reads.get(url.searchParams.get("channelId") ?? "") ?? 0 } };
	}
	return { status: 404, body: { error: "unknown control" } };
}

async function route(state: State, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const url = new URL(req.url ?? "/", state.url);
	const method = req.method ?? "GET";
	if (method === "PUT" && url.pathname === "/upload/youtube/v3/videos") return putUpload(state, req, res, url);
	const body = await readBody(req);
	if (url.pathname.startsWith("/__control/")) return send(res, control(state, method, url, body));
	if (method === "GET" && url.pathname === "/o/oauth2/v2/auth") return send(res, authorizePage(state, url));
	if (method === "POST" && url.pathname === "/token") return send(res, tokenEndpoint(state, req, body));
	if (method === "POST" && url.pathname === "/revoke") return send(res, revokeEndpoint(state, url, body));
	if (method === "GET" && url.pathname === "/youtube/v3/channels") return send(res, channelsList(state, req, url));
	if (method === "GET" && url.pathname === "/youtube/v3/videos") return send(res, videosList(state, req, url));
	if (method === "POST" && url.pathname === "/upload/youtube/v3/videos") return send(res, openUpload(state, req, url, body));
	if (method === "POST" && url.pathname === "/upload/youtube/v3/thumbnails/set") return send(res, setThumbnail(state, req, url, body));
	return send(res, googleError(404, "notFound", `Not Found: ${method} ${url.pathname}`, "global"));
}

/** Starts the fake on a free local port. */
export async function startFakeYoutube(): Promise<FakeYoutube> {
	const state: State = {
		url: "",
		clients: new Map(),
		codes: new Map(),
		access: new Map(),
		refresh: new Map(),
		channels: new Map(),
		videos: new Map(),
		uploads: new Map(),
		chunkPuts: new Map(),
		failures: [],
		reads: new Map(),
	};
	const server: Server = createServer((req, res) => {
		route(state, req, res).catch((err: unknown) => {
			if (!res.headersSent) send(res, googleError(500, "backendError", err instanceof Error ? err.message : "fake failed", "global"));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url: state.url,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((err) => (err ? reject(err) : resolve()));
			}),
	};
}
