import type { AppConfig } from "../../config/settings";
import { errorMessage } from "../../lib/log";
import { type AdapterContext, ChannelAuthExpired, ChannelCallFailed } from "../adapter";
import { type CallLimiter, callLimiter } from "./call-limit";

/**
 * Requests to one mall's Admin API: `https://{mall_id}.cafe24api.com` (or the configured base
 * with `{mall_id}` in it), a Bearer token, JSON bodies as `{shop_no, request}`, the pinned API
 * version, the mall's call limit, and Cafe24's errors mapped to the adapter's.
 */

export type Cafe24Config = NonNullable<AppConfig["channels"]["cafe24"]>;

/** The API version this adapter was written against, pinned so a Cafe24 release cannot change the answers' shape (Cafe24 retires a version a year after a newer one: move it then). */
export const CAFE24_API_VERSION = "2025-06-01";
/** Every request is for the mall's default shop (its first language and currency). */
export const CAFE24_SHOP_NO = 1;

/** Cafe24 mall ids: lowercase letters and digits (they name a host, so nothing else is let through). */
const MALL_ID = /^[a-z0-9]{2,30}$/;

/** The base URL of a mall's API, or a non-retryable failure for a malformed mall id. */
export function mallBaseUrl(config: Pick<Cafe24Config, "apiBase">, mallId: string): string {
	if (!MALL_ID.test(mallId)) throw new ChannelCallFailed("not a Cafe24 mall id (lowercase letters and digits)", false, null);
	return (config.apiBase ?? "https://{mall_id}.cafe24api.com").replace("{mall_id}", mallId);
}

/** Cafe24's words from an error answer: `{error: {code, message}}` (Admin API) or `{error, error_description}` (OAuth). */
export function cafe24ErrorMessage(body: unknown, status: number): string {
	if (typeof body === "object" && body !== null && "error" in body) {
		const { error } = body as { error: unknown; error_description?: unknown };
		if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") return error.message;
		const description = (body as { error_description?: unknown }).error_description;
		if (typeof error === "string") return typeof description === "string" ? `${error}: ${description}` : error;
	}
	return `Cafe24 answered ${status}`;
}

/** The answer's JSON (null when empty or not JSON); a body cut off on the way is a retryable failure. */
export async function readJson(response: Response): Promise<unknown> {
	let text: string;
	try {
		text = await response.text();
	} catch (err) {
		throw new ChannelCallFailed(`Cafe24's answer was cut off: ${errorMessage(err)}`, true, response.status);
	}
	if (!text) return null;
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

/** Sends a call through the outside client; a network failure is a retryable failure (the queue tries again). */
export async function send(context: AdapterContext, operation: string, url: string, init: RequestInit, repeatable = false): Promise<Response> {
	try {
		return await context.http({ provider: "cafe24", operation, repeatable }, url, init);
	} catch (err) {
		throw new ChannelCallFailed(`Cafe24 did not answer: ${errorMessage(err)}`, true, null);
	}
}

export type Cafe24Api = {
	/** One Admin API call on `mallId`: the parsed JSON answer, or the mapped error thrown. */
	call(
		mallId: string,
		accessToken: string,
		operation: string,
		method: "GET" | "POST" | "PUT",
		path: string,
		request?: Record<string, unknown>,
	): Promise<unknown>;
};

export function cafe24Api(config: Cafe24Config, context: AdapterContext, sleep: (ms: number) => Promise<void>, limiter?: CallLimiter): Cafe24Api {
	const bucket = limiter ?? callLimiter(() => context.now().getTime(), sleep);
	return {
		async call(mallId, accessToken, operation, method, path, request) {
			const url = `${mallBaseUrl(config, mallId)}/api/v2/admin${path}`;
			await bucket.beforeCall(mallId);
			const response = await send(context, operation, url, {
				method,
				headers: {
					Authorization: `Bearer ${accessToken}`,
					"Content-Type": "application/json",
					"X-Cafe24-Api-Version": CAFE24_API_VERSION,
				},
				...(request ? { body: JSON.stringify({ shop_no: CAFE24_SHOP_NO, request }) } : {}),
			});
			bucket.afterCall(mallId, response.headers.get("X-Api-Call-Limit"));
			const body = await readJson(response);
			if (response.ok) return body;
			const message = cafe24ErrorMessage(body, response.status);
			// 401 is Cafe24's answer to an expired or revoked access token: the core refreshes once.
			if (response.status === 401) throw new ChannelAuthExpired(`Cafe24 refused the access token: ${message}`);
			const retryable = response.status === 429 || response.status >= 500;
			throw new ChannelCallFailed(message, retryable, response.status);
		},
	};
}
