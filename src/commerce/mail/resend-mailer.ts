import { errorMessage } from "../../lib/log";
import { type OutsideHttp, outsideHttp } from "../../lib/outside-http";
import type { Mail, Mailer, SendOptions } from "./types";

/** Settings of the Resend mailer; `apiUrl` points it at another host (the local fake). */
export type ResendSettings = { apiKey: string; from: string; apiUrl?: string };

const DEFAULT_API_URL = "https://api.resend.com";
// A receipt is sent from a queue consumer that retries; a hung request should fail and retry.
const TIMEOUT_MS = 10_000;
const ERROR_EXCERPT_CHARS = 300;

function sendHeaders(apiKey: string, options: SendOptions): Headers {
	const headers = new Headers({ Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" });
	if (options.idempotencyKey) headers.set("Idempotency-Key", options.idempotencyKey);
	return headers;
}

async function readSentId(response: Response): Promise<string> {
	const body = await response.text();
	if (!response.ok) throw new Error(`Resend answered ${response.status}: ${body.slice(0, ERROR_EXCERPT_CHARS)}`);
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		throw new Error(`Resend answered ${response.status} with a body that is not JSON: ${body.slice(0, ERROR_EXCERPT_CHARS)}`);
	}
	const id = typeof parsed === "object" && parsed !== null && "id" in parsed ? parsed.id : undefined;
	if (typeof id !== "string") throw new Error(`Resend answered ${response.status} without an id: ${body.slice(0, ERROR_EXCERPT_CHARS)}`);
	return id;
}

/**
 * Sends mail through Resend's `POST /emails` (or any server speaking that API), over the outside
 * HTTP client. A send with an idempotency key (the outbox's `mail-<id>`) is retried there on a
 * network error, 5xx or 429: Resend answers a repeated key with the first mail, so it arrives
 * once. A send without a key is sent once; the caller's queue decides about another try.
 */
export function resendMailer(settings: ResendSettings, http: OutsideHttp = outsideHttp()): Mailer {
	const endpoint = `${(settings.apiUrl || DEFAULT_API_URL).replace(/\/+$/, "")}/emails`;
	return {
		name: "resend",
		async send(mail: Mail, options: SendOptions = {}): Promise<{ id: string }> {
			const body = JSON.stringify({ from: settings.from, to: [mail.to], subject: mail.subject, html: mail.html, text: mail.text });
			let response: Response;
			try {
				response = await http({ provider: "resend", operation: "emails.send", timeoutMs: TIMEOUT_MS }, endpoint, {
					method: "POST",
					headers: sendHeaders(settings.apiKey, options),
					body,
				});
			} catch (err) {
				throw new Error(`Resend request failed: ${errorMessage(err)}`, { cause: err });
			}
			return { id: await readSentId(response) };
		},
	};
}
