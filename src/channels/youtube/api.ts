import { z } from "zod";
import type { AppConfig } from "../../config/settings";
import { errorMessage } from "../../lib/log";
import type { OutsideCall } from "../../lib/outside-http";
import { type AdapterContext, ChannelAuthExpired, ChannelCallFailed, type ChannelSession } from "../adapter";

/**
 * Requests to Google: the hosts of OAuth and the YouTube Data API v3 (or, for tests and a local
 * fake, one configured base keeping Google's paths), a Bearer token, and Google's error answers
 * `{error: {code, message, errors: [{reason}], status}}` mapped to the adapter's errors.
 */

export type YoutubeConfig = NonNullable<AppConfig["channels"]["youtube"]>;

/** Where each kind of call goes. */
export type GoogleEndpoints = { authorize: string; token: string; revoke: string; api: string; upload: string };

/** Google's hosts, or every one of them replaced by `apiBase` (paths kept). */
export function googleEndpoints(apiBase: string | null): GoogleEndpoints {
	if (apiBase) {
		return {
			authorize: `${apiBase}/o/oauth2/v2/auth`,
			token: `${apiBase}/token`,
			revoke: `${apiBase}/revoke`,
			api: `${apiBase}/youtube/v3`,
			upload: `${apiBase}/upload/youtube/v3`,
		};
	}
	return {
		authorize: "https://accounts.google.com/o/oauth2/v2/auth",
		token: "https://oauth2.googleapis.com/token",
		revoke: "https://oauth2.googleapis.com/revoke",
		api: "https://www.googleapis.com/youtube/v3",
		upload: "https://www.googleapis.com/upload/youtube/v3",
	};
}

/** A call to Google as the outside client knows it (the provider is always `youtube`). */
export type YoutubeCall = Omit<OutsideCall, "provider">;

export const bearer = (session: Pick<ChannelSession, "accessToken">) => ({ Authorization: `Bearer ${session.accessToken}` });

const GoogleErrorBody = z.object({
	error: z.object({
		message: z.string().optional(),
		errors: z.array(z.object({ reason: z.string().optional() })).optional(),
	}),
});

/**
 * Reasons a later try may get past: the project's daily quota (reset at midnight Pacific time),
 * the per-user rate, and the channel's daily upload cap.
 */
const LATER_REASONS = new Set(["quotaExceeded", "dailyLimitExceeded", "rateLimitExceeded", "userRateLimitExceeded", "uploadLimitExceeded"]);

/** A response's JSON body, or null when it has none or it is not JSON. */
export async function readYoutubeJson(response: Response): Promise<unknown> {
	const text = await response.text().catch(() => "");
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

/**
 * The adapter's error for a Google error answer: 401 → `ChannelAuthExpired` (the core refreshes
 * once); 429, 5xx and quota/rate reasons → retryable; any other 4xx → not retryable, in Google's words.
 */
export async function youtubeError(response: Response, operation: string): Promise<Error> {
	const parsed = GoogleErrorBody.safeParse(await readYoutubeJson(response));
	const reasons = parsed.success ? (parsed.data.error.errors ?? []).flatMap((item) => (item.reason ? [item.reason] : [])) : [];
	const words = parsed.success && parsed.data.error.message ? `: ${parsed.data.error.message}` : "";
	const message = `YouTube ${operation} answered ${response.status}${reasons.length > 0 ? ` [${reasons.join(", ")}]` : ""}${words}`;
	if (response.status === 401) return new ChannelAuthExpired(message);
	const later = response.status === 429 || response.status >= 500 || reasons.some((reason) => LATER_REASONS.has(reason));
	return new ChannelCallFailed(message, later, response.status);
}

/** One call through the outside client; a network failure becomes a retryable `ChannelCallFailed`. */
export async function youtubeFetch(context: AdapterContext, call: YoutubeCall, url: string, init: RequestInit): Promise<Response> {
	try {
		return await context.http({ ...call, provider: "youtube" }, url, init);
	} catch (err) {
		throw new ChannelCallFailed(`YouTube ${call.operation} did not answer (${errorMessage(err)})`, true, null);
	}
}

/** A call whose success is a JSON body of `schema`; an error answer becomes the adapter's error. */
export async function youtubeJson<T>(context: AdapterContext, call: YoutubeCall, url: string, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
	const response = await youtubeFetch(context, call, url, init);
	if (!response.ok) throw await youtubeError(response, call.operation);
	return parseYoutubeBody(schema, await readYoutubeJson(response), call.operation, response.status);
}

/** A success body checked against what the adapter relies on. */
export function parseYoutubeBody<T>(schema: z.ZodType<T>, body: unknown, operation: string, status: number): T {
	const parsed = schema.safeParse(body);
	if (!parsed.success) throw new ChannelCallFailed(`YouTube ${operation} answered a body this adapter does not understand`, false, status);
	return parsed.data;
}
