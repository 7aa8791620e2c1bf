import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ChannelAuthExpired, ChannelCallFailed, ChannelReauthRequired, type ChannelSession, type TokenSet, type VideoUpload } from "../../src/channels/adapter";
import type { ChannelDeps } from "../../src/channels/deps";
import { channelAdapterRegistry } from "../../src/channels/registry";
import { openChannelTokens, withChannelSession } from "../../src/channels/tokens";
import { youtubeAdapter } from "../../src/channels/youtube/adapter";
import { channels } from "../../src/db/channels-schema";
import { outsideHttp } from "../../src/lib/outside-http";
import { insertConnectedChannel } from "../support/channel-helpers";
import { testAppDeps } from "../support/helpers";

const base = () => inject("youtubeApiBase");
const KIB = 1024;
const REDIRECT_URI = "http://localhost:8787/channels/callback/youtube";
const client = { clientId: `yt-${crypto.randomUUID()}.apps.googleusercontent.com`, clientSecret: `GOCSPX-${crypto.randomUUID()}` };
const config = () => ({ ...client, apiBase: base() });
const http = outsideHttp({ sleep: async () => {} });
/** 256 KiB chunks, so a 600 KiB video goes in three (256 + 256 + 88). */
const adapter = () => youtubeAdapter(config(), { http, now: () => new Date() }, { chunkBytes: 256 * KIB, sleep: async () => {} });

async function control(method: string, path: string, body?: unknown): Promise<Response> {
	const response = await fetch(`${base()}/__control/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
	expect(response.status).toBe(200);
	return response;
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
const sha256 = async (bytes: Uint8Array) => hex(await crypto.subtle.digest("SHA-256", bytes));
const base64url = (bytes: ArrayBuffer) =>
	btoa(String.fromCharCode(...new Uint8Array(bytes)))
		.replace(/\+/g, "-")
		.replace(/\//g, "_")
		.replace(/=+$/, "");

async function pkce(): Promise<{ verifier: string; challenge: string }> {
	const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)).buffer);
	return { verifier, challenge: base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))) };
}

/** A unique YouTube channel id per test, so the fake's state is this test's alone. */
const newChannelId = () => `UC${crypto.randomUUID().replace(/-/g, "").slice(0, 22)}`;

/** The consent step as the owner's browser would go through it: the code the fake redirects back with. */
async function consent(channelId: string, challenge: string, redirectUri = REDIRECT_URI): Promise<{ code: string; state: string }> {
	await control("POST", "consent", { clientId: client.clientId, channelId, title: "공방 채널" });
	const state = crypto.randomUUID();
	const response = await fetch(adapter().authorizeUrl({ state, codeChallenge: challenge, redirectUri, account: null }), { redirect: "manual" });
	expect(response.status).toBe(302);
	const back = new URL(response.headers.get("Location") ?? "");
	expect(back.searchParams.get("state")).toBe(state);
	return { code: back.searchParams.get("code") ?? "", state };
}

/** A connected channel's tokens, through the real flow. */
async function connect(channelId = newChannelId()): Promise<{ channelId: string; tokens: TokenSet }> {
	const { verifier, challenge } = await pkce();
	const { code } = await consent(channelId, challenge);
	return { channelId, tokens: await adapter().exchangeCode({ code, codeVerifier: verifier, redirectUri: REDIRECT_URI, account: null }) };
}

const sessionOf = (channelId: string, tokens: TokenSet): ChannelSession => ({ channelId: "chn_test", externalId: channelId, accessToken: tokens.accessToken });

type UploadRecord = { start: number; end: number; outcome: string };
async function uploadsOf(channelId: string): Promise<{ id: string; received: number; chunks: UploadRecord[]; videoId: string | null }[]> {
	return (await control("GET", `uploads?channelId=${channelId}`)).json();
}
type StoredVideo = {
	snippet: { title: string; description: string; tags: string[] };
	privacyStatus: string;
	size: number;
	sha256: string;
	thumbnail: { sha256: string; contentType: string } | null;
};
async function storedVideo(id: string): Promise<StoredVideo> {
	return (await control("GET", `videos/${id}`)).json();
}

/** A video read from memory as the publisher reads R2: it records each range asked for. */
function videoUpload(bytes: Uint8Array, extra: Partial<VideoUpload> = {}) {
	const reads: [number, number][] = [];
	const sessions: string[] = [];
	const upload: VideoUpload = {
		title: "봄 도자기 만들기",
		description: "물레 성형부터 유약까지. From wheel to glaze.",
		tags: ["도자기", "pottery"],
		visibility: "unlisted",
		size: bytes.byteLength,
		contentType: "video/mp4",
		read: async (start, end) => {
			reads.push([start, end]);
			return bytes.slice(start, end);
		},
		thumbnail: null,
		resumeSession: null,
		onSession: async (uri) => {
			sessions.push(uri);
		},
		...extra,
	};
	return { upload, reads, sessions };
}

const randomBytes = (size: number) => {
	const bytes = new Uint8Array(size);
	for (let at = 0; at < size; at += 65_536) crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65_536)));
	return bytes;
};

async function channelDeps(): Promise<ChannelDeps> {
	const { channels: deps } = await testAppDeps();
	return { ...deps, adapters: channelAdapterRegistry([adapter()]) };
}

beforeAll(async () => {
	await control("POST", "clients", { ...client, redirectUris: [REDIRECT_URI] });
});

describe("YouTube OAuth", () => {
	it("asks Google for upload and read-only scopes, offline access, consent and a PKCE S256 challenge", () => {
		const youtube = adapter();
		expect(youtube).toMatchObject({ provider: "youtube", kinds: ["video"], pkce: true, needsAccount: false });
		const url = new URL(youtube.authorizeUrl({ state: "st-1", codeChallenge: "ch-1", redirectUri: REDIRECT_URI, account: null }));
		expect(`${url.origin}${url.pathname}`).toBe(`${base()}/o/oauth2/v2/auth`);
		expect(Object.fromEntries(url.searchParams)).toEqual({
			client_id: client.clientId,
			redirect_uri: REDIRECT_URI,
			response_type: "code",
			scope: "https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly",
			access_type: "offline",
			prompt: "consent",
			include_granted_scopes: "true",
			state: "st-1",
			code_challenge: "ch-1",
			code_challenge_method: "S256",
		});
		// Without a test base, Google's own hosts.
		const google = youtubeAdapter({ ...client, apiBase: null }, { http, now: () => new Date() });
		expect(google.authorizeUrl({ state: "s", codeChallenge: null, redirectUri: REDIRECT_URI, account: null })).toMatch(
			/^https:\/\/accounts\.google\.com\/o\/oauth2\/v2\/auth\?/,
		);
	});

	it("exchanges the code with the verifier for an access and a refresh token, and names the channel", async () => {
		const before = Date.now();
		const { channelId, tokens } = await connect();
		expect(tokens.accessToken).toMatch(/^ya29\./);
		expect(tokens.refreshToken).toMatch(/^1\/\/0/);
		expect(Date.parse(tokens.accessExpiresAt ?? "")).toBeGreaterThanOrEqual(before + 3_500_000);
		expect(tokens.scopes).toEqual(["https://www.googleapis.com/auth/youtube.upload", "https://www.googleapis.com/auth/youtube.readonly"]);
		const account = await adapter().describe({ accessToken: tokens.accessToken, externalId: null });
		expect(account).toEqual({ externalId: channelId, displayName: "공방 채널" });
	});

	it("refuses a wrong PKCE verifier, a missing one, another redirect URI, and a code used twice", async () => {
		const channelId = newChannelId();
		const { verifier, challenge } = await pkce();
		const wrong = await consent(channelId, challenge);
		const wrongVerifier = adapter().exchangeCode({ code: wrong.code, codeVerifier: (await pkce()).verifier, redirectUri: REDIRECT_URI, account: null });
		await expect(wrongVerifier).rejects.toThrow(/invalid_grant \(Invalid code verifier\.\)/);
		await expect(wrongVerifier).rejects.toMatchObject({ retryable: false, status: 400 });
		const missing = await consent(channelId, challenge);
		await expect(adapter().exchangeCode({ code: missing.code, codeVerifier: null, redirectUri: REDIRECT_URI, account: null })).rejects.toThrow(
			/Missing code verifier/,
		);
		const other = await consent(channelId, challenge);
		const elsewhere = adapter().exchangeCode({ code: other.code, codeVerifier: verifier, redirectUri: `${REDIRECT_URI}/`, account: null });
		await expect(elsewhere).rejects.toThrow(/redirect_uri_mismatch/);
		const good = await consent(channelId, challenge);
		await expect(adapter().exchangeCode({ code: good.code, codeVerifier: verifier, redirectUri: REDIRECT_URI, account: null })).resolves.toMatchObject({
			accessToken: expect.stringMatching(/^ya29\./),
		});
		const again = adapter().exchangeCode({ code: good.code, codeVerifier: verifier, redirectUri: REDIRECT_URI, account: null });
		await expect(again).rejects.toBeInstanceOf(ChannelCallFailed);
		await expect(again).rejects.toThrow(/invalid_grant/);
	});

	it("is refused by Google for a redirect URI the client did not register, and for a wrong client secret", async () => {
		const { challenge, verifier } = await pkce();
		await control("POST", "consent", { clientId: client.clientId, channelId: newChannelId(), title: "x" });
		const url = adapter().authorizeUrl({ state: "s", codeChallenge: challenge, redirectUri: "http://evil.example/cb", account: null });
		const response = await fetch(url, { redirect: "manual" });
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({ error: "redirect_uri_mismatch" });
		const { code } = await consent(newChannelId(), challenge);
		const impostor = youtubeAdapter({ ...config(), clientSecret: "GOCSPX-wrong" }, { http, now: () => new Date() });
		await expect(impostor.exchangeCode({ code, codeVerifier: verifier, redirectUri: REDIRECT_URI, account: null })).rejects.toThrow(/invalid_client/);
	});
});

describe("YouTube tokens through the channel core", () => {
	it("refreshes an access token about to expire before the call, and stores the new one sealed", async () => {
		const deps = await channelDeps();
		const { channelId, tokens } = await connect();
		const row = await insertConnectedChannel(deps, {
			provider: "youtube",
			kind: "video",
			externalId: channelId,
			tokens: { ...tokens, accessExpiresAt: new Date(Date.now() + 60_000).toISOString() },
		});
		const seen: string[] = [];
		const account = await withChannelSession(deps, row.id, async (session, youtube) => {
			seen.push(session.accessToken);
			return youtube.describe(session);
		});
		expect(account.externalId).toBe(channelId);
		expect(seen).toHaveLength(1);
		expect(seen[0]).not.toBe(tokens.accessToken);
		const after = await deps.db.query.channels.findFirst({ where: eq(channels.id, row.id) });
		if (!after) throw new Error("row missing");
		expect(after.status).toBe("connected");
		expect(after.accessTokenEnc).not.toBe(row.accessTokenEnc);
		expect(after.accessTokenEnc).not.toContain(seen[0] ?? "");
		expect(after.refreshTokenEnc).not.toContain(tokens.refreshToken ?? "");
		expect(Date.parse(after.accessExpiresAt ?? "")).toBeGreaterThan(Date.now() + 3_000_000);
		// Google keeps the refresh token: the core stored the same one, under the current key.
		expect(await openChannelTokens(deps, after)).toEqual({ accessToken: seen[0], refreshToken: tokens.refreshToken });
		expect(after.tokenKid).toBe("k2");
	});

	it("refreshes once and calls again when Google refuses an access token (401 authError)", async () => {
		const deps = await channelDeps();
		const { channelId, tokens } = await connect();
		const row = await insertConnectedChannel(deps, { provider: "youtube", kind: "video", externalId: channelId, tokens });
		await control("POST", "expire", { accessToken: tokens.accessToken });
		await expect(adapter().describe({ accessToken: tokens.accessToken, externalId: channelId })).rejects.toBeInstanceOf(ChannelAuthExpired);
		const seen: string[] = [];
		const account = await withChannelSession(deps, row.id, async (session, youtube) => {
			seen.push(session.accessToken);
			return youtube.describe(session);
		});
		expect(account.externalId).toBe(channelId);
		expect(seen[0]).toBe(tokens.accessToken);
		expect(seen).toHaveLength(2);
		const after = await deps.db.query.channels.findFirst({ where: eq(channels.id, row.id) });
		expect(after && (await openChannelTokens(deps, after))?.accessToken).toBe(seen[1]);
	});

	it("marks the channel needs_reauth when Google refuses the refresh token (invalid_grant)", async () => {
		const deps = await channelDeps();
		const { channelId, tokens } = await connect();
		// The owner removed the app from their Google account.
		await expect(adapter().revoke({ externalId: channelId }, { accessToken: null, refreshToken: tokens.refreshToken })).resolves.toBe("revoked");
		const row = await insertConnectedChannel(deps, {
			provider: "youtube",
			kind: "video",
			externalId: channelId,
			tokens: { ...tokens, accessExpiresAt: new Date(Date.now() - 1_000).toISOString() },
		});
		await expect(withChannelSession(deps, row.id, async () => "called")).rejects.toBeInstanceOf(ChannelReauthRequired);
		const after = await deps.db.query.channels.findFirst({ where: eq(channels.id, row.id) });
		expect(after?.status).toBe("needs_reauth");
		expect(after?.lastError).toMatch(/invalid_grant/);
		expect(after?.lastError).not.toContain(tokens.refreshToken ?? "");
	});

	it("revokes the whole grant on disconnect: refresh and access tokens stop working", async () => {
		const { channelId, tokens } = await connect();
		const youtube = adapter();
		await expect(youtube.revoke({ externalId: channelId }, { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken })).resolves.toBe("revoked");
		await expect(youtube.refresh({ externalId: channelId }, tokens.refreshToken ?? "")).rejects.toBeInstanceOf(ChannelReauthRequired);
		await expect(youtube.describe({ accessToken: tokens.accessToken, externalId: channelId })).rejects.toBeInstanceOf(ChannelAuthExpired);
		// Revoking again finds the grant gone already, which is what disconnecting wants.
		await expect(youtube.revoke({ externalId: channelId }, { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken })).resolves.toBe("revoked");
	});
});

describe("YouTube resumable upload", () => {
	it("uploads in 256 KiB chunks with the metadata and thumbnail, and resumes after a 503 on the 2nd chunk without resending", async () => {
		const { channelId, tokens } = await connect();
		await control("POST", "fail-chunk", { channelId, chunk: 2, mode: "503" });
		const bytes = randomBytes(600 * KIB);
		const thumbnail = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...randomBytes(500)]);
		const { upload, reads, sessions } = videoUpload(bytes, { thumbnail });
		const result = await adapter().video?.uploadVideo(sessionOf(channelId, tokens), upload);
		if (!result) throw new Error("no video capability");
		expect(result.url).toBe(`https://www.youtube.com/watch?v=${result.externalId}`);
		expect(sessions).toHaveLength(1);
		expect(sessions[0]).toMatch(new RegExp(`^${base()}/upload/youtube/v3/videos\\?.*upload_id=`));
		const [session] = await uploadsOf(channelId);
		expect(session?.chunks).toEqual([
			{ start: 0, end: 262_143, outcome: "stored" },
			{ start: 262_144, end: 524_287, outcome: "failed" },
			{ start: 262_144, end: 524_287, outcome: "stored" },
			{ start: 524_288, end: 614_399, outcome: "stored" },
		]);
		// The first chunk's bytes were read once: Google held them, so they were never sent again.
		expect(reads.filter(([start]) => start === 0)).toHaveLength(1);
		const video = await storedVideo(result.externalId);
		expect(video).toMatchObject({
			snippet: { title: "봄 도자기 만들기", description: "물레 성형부터 유약까지. From wheel to glaze.", tags: ["도자기", "pottery"] },
			privacyStatus: "unlisted",
			size: 600 * KIB,
			sha256: await sha256(bytes),
			thumbnail: { sha256: await sha256(thumbnail), contentType: "image/jpeg" },
		});
	});

	it("resumes from the byte Google holds when the connection drops in the middle of a chunk", async () => {
		const { channelId, tokens } = await connect();
		await control("POST", "fail-chunk", { channelId, chunk: 2, mode: "drop", keepBytes: 100_000 });
		const bytes = randomBytes(600 * KIB);
		const { upload } = videoUpload(bytes, { visibility: "private" });
		const result = await adapter().video?.uploadVideo(sessionOf(channelId, tokens), upload);
		if (!result) throw new Error("no video capability");
		const [session] = await uploadsOf(channelId);
		expect(session?.chunks.map(({ start, outcome }) => [start, outcome])).toEqual([
			[0, "stored"],
			[262_144, "dropped"],
			// 362,144 to the end is 252,256 bytes: the last chunk, whatever its size.
			[362_144, "stored"],
		]);
		expect(await storedVideo(result.externalId)).toMatchObject({ privacyStatus: "private", size: 600 * KIB, sha256: await sha256(bytes), thumbnail: null });
	});

	it("resumes an earlier attempt's session instead of opening a new one", async () => {
		const { channelId, tokens } = await connect();
		const bytes = randomBytes(600 * KIB);
		// The first attempt dies after its first chunk (the Worker was stopped, R2 failed to read).
		const first = videoUpload(bytes, {
			read: async (start, end) => {
				if (start > 0) throw new Error("the attempt was cut short");
				return bytes.slice(start, end);
			},
		});
		await expect(adapter().video?.uploadVideo(sessionOf(channelId, tokens), first.upload)).rejects.toThrow(/cut short/);
		expect(first.sessions).toHaveLength(1);
		const second = videoUpload(bytes, { resumeSession: first.sessions[0] ?? null });
		const result = await adapter().video?.uploadVideo(sessionOf(channelId, tokens), second.upload);
		if (!result) throw new Error("no video capability");
		expect(second.sessions).toEqual([]);
		expect(second.reads.map(([start]) => start)).toEqual([262_144, 524_288]);
		const uploads = await uploadsOf(channelId);
		expect(uploads).toHaveLength(1);
		expect(uploads[0]?.chunks.map(({ start }) => start)).toEqual([0, 262_144, 524_288]);
		expect((await storedVideo(result.externalId)).sha256).toBe(await sha256(bytes));
		// A third attempt with the finished session answers the same video, uploading nothing.
		const third = videoUpload(bytes, { resumeSession: first.sessions[0] ?? null });
		await expect(adapter().video?.uploadVideo(sessionOf(channelId, tokens), third.upload)).resolves.toMatchObject({ externalId: result.externalId });
		expect(third.reads).toEqual([]);
	});

	it("opens a new session when the earlier one is gone (404), and ignores a session on another host", async () => {
		const { channelId, tokens } = await connect();
		const bytes = randomBytes(300 * KIB);
		const gone = videoUpload(bytes, { resumeSession: `${base()}/upload/youtube/v3/videos?uploadType=resumable&upload_id=expired` });
		const result = await adapter().video?.uploadVideo(sessionOf(channelId, tokens), gone.upload);
		expect(gone.sessions).toHaveLength(1);
		expect((await storedVideo(result?.externalId ?? "")).sha256).toBe(await sha256(bytes));
		const foreign = videoUpload(bytes, { resumeSession: "https://evil.example/upload/youtube/v3/videos?upload_id=x" });
		await adapter().video?.uploadVideo(sessionOf(channelId, tokens), foreign.upload);
		expect(foreign.sessions).toHaveLength(1);
		expect(await uploadsOf(channelId)).toHaveLength(2);
	});

	it("gives up after a bounded number of resumes with a retryable failure, keeping the session for the next attempt", async () => {
		const { channelId, tokens } = await connect();
		for (let chunk = 2; chunk <= 8; chunk++) await control("POST", "fail-chunk", { channelId, chunk, mode: "503" });
		const bytes = randomBytes(600 * KIB);
		const first = videoUpload(bytes);
		const failed = adapter().video?.uploadVideo(sessionOf(channelId, tokens), first.upload);
		await expect(failed).rejects.toBeInstanceOf(ChannelCallFailed);
		await expect(failed).rejects.toMatchObject({ retryable: true });
		const [session] = await uploadsOf(channelId);
		expect(session?.chunks.filter(({ outcome }) => outcome === "failed")).toHaveLength(6);
		expect(session?.received).toBe(262_144);
		// The 7th failure is still armed: the next attempt meets it once, resumes, and finishes.
		const next = videoUpload(bytes, { resumeSession: first.sessions[0] ?? null });
		const result = await adapter().video?.uploadVideo(sessionOf(channelId, tokens), next.upload);
		expect((await storedVideo(result?.externalId ?? "")).sha256).toBe(await sha256(bytes));
	});

	it("fits the metadata to YouTube's limits instead of being refused, and refuses a title that is nothing once fitted", async () => {
		const { channelId, tokens } = await connect();
		const long = `${"가".repeat(98)}<b>끝</b>`;
		const tags = Array.from({ length: 60 }, (_, i) => `도자기 태그 ${i}`);
		const { upload } = videoUpload(randomBytes(KIB), { title: long, description: `<p>${"설명".repeat(1_000)}</p>`, tags: ["a,b", ...tags] });
		const result = await adapter().video?.uploadVideo(sessionOf(channelId, tokens), upload);
		const video = await storedVideo(result?.externalId ?? "");
		expect(video.snippet.title).toBe(`${"가".repeat(98)}b끝`);
		expect(new TextEncoder().encode(video.snippet.description).byteLength).toBeLessThanOrEqual(5_000);
		expect(video.snippet.description.startsWith("p설명")).toBe(true);
		expect(video.snippet.tags[0]).toBe("a b");
		expect(video.snippet.tags.length).toBeLessThan(61);
		const empty = videoUpload(randomBytes(KIB), { title: " <> " });
		const refused = adapter().video?.uploadVideo(sessionOf(channelId, tokens), empty.upload);
		await expect(refused).rejects.toMatchObject({ retryable: false });
		await expect(refused).rejects.toThrow(/title/);
		expect(await uploadsOf(channelId)).toHaveLength(1);
	});

	it("keeps the uploaded video when YouTube refuses its thumbnail (not an image)", async () => {
		const { channelId, tokens } = await connect();
		const { upload } = videoUpload(randomBytes(KIB), { thumbnail: new Uint8Array([1, 2, 3, 4]) });
		const result = await adapter().video?.uploadVideo(sessionOf(channelId, tokens), upload);
		expect(result?.externalId).toBeTruthy();
		expect((await storedVideo(result?.externalId ?? "")).thumbnail).toBeNull();
	});

	it("answers an expired token as ChannelAuthExpired, and after the core's refresh resumes the same session", async () => {
		const deps = await channelDeps();
		const { channelId, tokens } = await connect();
		const row = await insertConnectedChannel(deps, { provider: "youtube", kind: "video", externalId: channelId, tokens });
		const bytes = randomBytes(600 * KIB);
		let expired = false;
		const { upload, sessions } = videoUpload(bytes, {
			// Google stops taking the token between the first and the second chunk.
			read: async (start, end) => {
				if (start > 0 && !expired) {
					expired = true;
					await control("POST", "expire", { accessToken: tokens.accessToken });
				}
				return bytes.slice(start, end);
			},
		});
		const tokensSeen: string[] = [];
		const result = await withChannelSession(deps, row.id, async (session, youtube) => {
			tokensSeen.push(session.accessToken);
			return youtube.video?.uploadVideo(session, upload);
		});
		expect(tokensSeen).toHaveLength(2);
		expect(sessions).toHaveLength(1);
		const uploads = await uploadsOf(channelId);
		expect(uploads).toHaveLength(1);
		expect(uploads[0]?.chunks.map(({ start }) => start)).toEqual([0, 262_144, 524_288]);
		expect((await storedVideo(result?.externalId ?? "")).sha256).toBe(await sha256(bytes));
	});
});

describe("YouTube statistics", () => {
	it("reads each video's counts (strings to numbers) and the channel's views", async () => {
		const { channelId, tokens } = await connect();
		const session = sessionOf(channelId, tokens);
		const youtube = adapter();
		const a = await youtube.video?.uploadVideo(session, videoUpload(randomBytes(KIB)).upload);
		const b = await youtube.video?.uploadVideo(session, videoUpload(randomBytes(KIB)).upload);
		if (!a || !b) throw new Error("no video capability");
		await control("PUT", `videos/${a.externalId}/statistics`, { views: 1234, likes: 56, comments: 7 });
		await control("PUT", `videos/${b.externalId}/statistics`, { views: 10, likes: 1, comments: 0 });
		const stats = await youtube.video?.readStats(session, [a.externalId, b.externalId, "deletedVid1"]);
		expect(stats).toEqual({
			channel: { views: 1244, likes: 57, comments: 7 },
			items: [
				{ externalId: a.externalId, views: 1234, likes: 56, comments: 7 },
				{ externalId: b.externalId, views: 10, likes: 1, comments: 0 },
			],
		});
	});

	it("maps an exhausted daily quota to a retryable failure", async () => {
		const { channelId, tokens } = await connect();
		await control("POST", "quota", { channelId, exhausted: true });
		const read = adapter().video?.readStats(sessionOf(channelId, tokens), []);
		await expect(read).rejects.toBeInstanceOf(ChannelCallFailed);
		await expect(read).rejects.toMatchObject({ retryable: true, status: 403 });
		await expect(read).rejects.toThrow(/quotaExceeded/);
	});
});
