import { hmacSha256Hex, toHex } from "../lib/hash";
import { errorMessage } from "../lib/log";
import { type OutsideHttp, outsideHttp } from "../lib/outside-http";
import type { SmsMessage, SmsProvider, SmsResult } from "./types";

/** Settings of the CoolSMS adapter; `apiBase` points it at another host (the local fake in tests). */
export type CoolSmsSettings = {
	apiKey: string;
	apiSecret: string;
	/** The sender number registered with CoolSMS, digits only. */
	sender: string;
	apiBase?: string | null;
	now?: () => Date;
	timeoutMs?: number;
};

const DEFAULT_API_BASE = "https://api.coolsms.co.kr";
// Sent from a queue consumer that retries with backoff: a hung request should fail and be retried.
const DEFAULT_TIMEOUT_MS = 10_000;
const ERROR_EXCERPT_CHARS = 200;
// CoolSMS's status code of a message it accepted ("정상 접수"); others in a 200 are refusals of that message.
const ACCEPTED_STATUS = "2000";

/**
 * The Authorization header of CoolSMS's API (messages API v4, "API Key 인증 방식"):
 * `HMAC-SHA256 apiKey=…, date=<ISO 8601>, salt=<random>, signature=<hex HMAC-SHA256(secret, date + salt)>`.
 * CoolSMS refuses a date more than 15 minutes off and a signature seen in the last 15 minutes, so
 * every request gets a fresh salt (16 random bytes; it asks for 12 to 64).
 */
export async function coolSmsAuthorization(
	apiKey: string,
	apiSecret: string,
	date: Date,
	salt = toHex(crypto.getRandomValues(new Uint8Array(16))),
): Promise<string> {
	const iso = date.toISOString();
	const signature = await hmacSha256Hex(apiSecret, iso + salt);
	return `HMAC-SHA256 apiKey=${apiKey}, date=${iso}, salt=${salt}, signature=${signature}`;
}

/** Provider text may quote the recipient (a validation error naming the number); digits long enough to be one are cut out. */
function withoutNumbers(text: string): string {
	return text.replace(/\+?\d[\d\s-]{6,}\d/g, "[number]").slice(0, ERROR_EXCERPT_CHARS);
}

function field(body: unknown, name: string): string | null {
	if (typeof body !== "object" || body === null || !(name in body)) return null;
	const value = (body as Record<string, unknown>)[name];
	return typeof value === "string" ? value : null;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

/**
 * What CoolSMS's answer means. 5xx is its own trouble and worth retrying; 429 is throttling, also
 * worth retrying later; any other 4xx (a bad number, bad credentials, a skewed clock) would be
 * refused again, so it is not.
 */
function resultOf(status: number, text: string): SmsResult {
	const body = parseJson(text);
	if (status >= 200 && status < 300) {
		const messageId = field(body, "messageId");
		const statusCode = field(body, "statusCode");
		if (messageId && statusCode === ACCEPTED_STATUS) return { ok: true, messageId };
		if (messageId && statusCode) {
			return { ok: false, retryable: false, error: withoutNumbers(`CoolSMS refused the message: ${statusCode} ${field(body, "statusMessage") ?? ""}`.trim()) };
		}
		return { ok: false, retryable: true, error: withoutNumbers(`CoolSMS answered ${status} without a message id: ${text}`) };
	}
	const code = field(body, "errorCode");
	const message = field(body, "errorMessage");
	const detail = code ? `${code}: ${message ?? ""}` : text;
	return { ok: false, retryable: status >= 500 || status === 429, error: withoutNumbers(`CoolSMS answered ${status} ${detail}`.trim()) };
}

/**
 * Sends through CoolSMS's `POST /messages/v4/send` (one message; CoolSMS picks SMS or LMS by
 * length), over the outside HTTP client. The send is never repeated here: CoolSMS takes no
 * idempotency key, so a second attempt after a lost answer could be a second message; the
 * caller's queue decides about a later try. The client logs the call without the number (it
 * rides in the body); the caller records each attempt in sms_logs.
 */
export function coolSmsProvider(settings: CoolSmsSettings, http: OutsideHttp = outsideHttp()): SmsProvider {
	const endpoint = `${(settings.apiBase || DEFAULT_API_BASE).replace(/\/+$/, "")}/messages/v4/send`;
	const now = settings.now ?? (() => new Date());
	const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	return {
		name: "coolsms",
		async send(message: SmsMessage): Promise<SmsResult> {
			const body = JSON.stringify({ message: { to: message.to, from: settings.sender, text: message.text } });
			let response: Response;
			try {
				const headers = {
					Authorization: await coolSmsAuthorization(settings.apiKey, settings.apiSecret, now()),
					"Content-Type": "application/json",
				};
				response = await http({ provider: "coolsms", operation: "messages.send", retry: "never", timeoutMs }, endpoint, { method: "POST", headers, body });
			} catch (err) {
				// A timeout or an unreachable host: nothing says the message was taken, so try again later.
				return { ok: false, retryable: true, error: withoutNumbers(`CoolSMS request failed: ${errorMessage(err)}`) };
			}
			return resultOf(response.status, await response.text());
		},
	};
}
