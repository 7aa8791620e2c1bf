import { errorMessage, log } from "./log";

/**
 * The one HTTP client of every outside call (channels, payment, mail, SMS, LLM): a timeout per
 * attempt, retries on network errors, 5xx and 429 (honouring `Retry-After`) only for requests
 * that are safe to send twice (idempotent methods, or a request carrying an `Idempotency-Key`),
 * so a second SMS, mail or refund is never sent; and one JSON log line per attempt with the
 * provider, operation, method, host, status, attempt and duration. Never a header, a query
 * string or a body: those carry tokens and personal data.
 */

/** How one call may be retried; the defaults are the house's (3 retries from 1 s to 30 s with jitter). */
export type RetryPolicy = {
	/** Retries after the first attempt. */
	retries: number;
	baseDelayMs: number;
	maxDelayMs: number;
};

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 1_000, maxDelayMs: 30_000 };

/** What a call is, for the log and the retry rule. */
export type OutsideCall = {
	/** The service: `cafe24`, `youtube`, `stripe`, `portone`, `resend`, `coolsms`, `llm`, … */
	provider: string;
	/** What the call does, in a word or two (`products.create`, `token.refresh`). */
	operation: string;
	/** Overrides of the retry policy, or `"never"` for a call that must not repeat whatever its method. */
	retry?: Partial<RetryPolicy> | "never";
	/** Per attempt; default 15 s. */
	timeoutMs?: number;
	/**
	 * Whether this call may be sent again though its method is not idempotent and it carries no
	 * `Idempotency-Key`: for a protocol that makes it safe another way (a resumable upload's
	 * chunk states its byte range; an OAuth token refresh changes nothing when repeated).
	 */
	repeatable?: boolean;
};

/**
 * The client: `fetch` with the call's identity (a retried call's body must be replayable: a
 * string or bytes, not a stream). Answers the last response (a 5xx or 429 included);
 * throws the last network error.
 */
export type OutsideHttp = (call: OutsideCall, url: string, init?: RequestInit) => Promise<Response>;

/** What the client is built over; tests pass a clock and a random source. */
export type OutsideHttpOptions = {
	fetch?: typeof fetch;
	sleep?: (ms: number) => Promise<void>;
	random?: () => number;
	now?: () => number;
};

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
const DEFAULT_TIMEOUT_MS = 15_000;

/** Whether a request may be sent twice without doing its work twice. */
export function isRepeatable(call: OutsideCall, method: string, headers: Headers): boolean {
	if (call.retry === "never") return false;
	return call.repeatable === true || IDEMPOTENT_METHODS.has(method) || headers.has("Idempotency-Key");
}

/** Milliseconds a `Retry-After` header asks for (delta-seconds or an HTTP date), or null. */
export function retryAfterMs(header: string | null, now: number): number | null {
	if (!header) return null;
	if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
	const at = Date.parse(header);
	return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The wait before retry `retry` (1-based): exponential from the base with full jitter, capped. */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const shouldRetryStatus = (status: number) => status === 429 || status >= 500;

/** A stream body is read by the first attempt; only a string, bytes or form can be sent again. */
const replayableBody = (body: RequestInit["body"]) => !(body instanceof ReadableStream);

/**
 * The signal of one attempt: its own timeout, and the caller's signal when there is one (an SDK
 * with its own overall deadline), so either ends the attempt.
 */
function attemptSignal(timeoutMs: number, callerSignal: AbortSignal | null | undefined): AbortSignal {
	const timeout = AbortSignal.timeout(timeoutMs);
	return callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
}

/** A network error in words for the log: a timeout says so; a URL quoted in the message loses its query string (tokens ride there). */
function describeFailure(err: unknown, timedOut: boolean, timeoutMs: number): string {
	if (timedOut) return `timed out after ${timeoutMs} ms`;
	return errorMessage(err).replace(/(\S)\?\S+/g, "$1");
}

/** Builds the client. */
export function outsideHttp(options: OutsideHttpOptions = {}): OutsideHttp {
	const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
	const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const random = options.random ?? Math.random;
	const now = options.now ?? Date.now;
	return async (call, url, init = {}) => {
		const method = (init.method ?? "GET").toUpperCase();
		const headers = new Headers(init.headers);
		const policy = call.retry === "never" ? { ...DEFAULT_RETRY, retries: 0 } : { ...DEFAULT_RETRY, ...call.retry };
		const retries = isRepeatable(call, method, headers) && replayableBody(init.body) ? policy.retries : 0;
		const timeoutMs = call.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		const target = new URL(url);
		for (let attempt = 1; ; attempt++) {
			const started = now();
			const fields = { provider: call.provider, operation: call.operation, method, host: target.host, path: target.pathname, attempt };
			const signal = attemptSignal(timeoutMs, init.signal);
			let response: Response;
			try {
				response = await doFetch(url, { ...init, method, headers, signal });
			} catch (err) {
				const timedOut = signal.aborted && !init.signal?.aborted;
				log("warn", "outside call failed", { ...fields, status: null, durationMs: now() - started, error: describeFailure(err, timedOut, timeoutMs) });
				// The caller gave up (its own deadline): no attempt after that.
				if (attempt > retries || init.signal?.aborted) throw err;
				await sleep(backoffMs(policy, attempt, random));
				continue;
			}
			const retry = shouldRetryStatus(response.status) && attempt <= retries;
			log(response.ok ? "info" : "warn", "outside call", { ...fields, status: response.status, durationMs: now() - started });
			if (!retry) return response;
			const asked = retryAfterMs(response.headers.get("Retry-After"), now());
			// The body of a response we will not read must still be consumed, or workerd holds the connection.
			await response.body?.cancel();
			await sleep(Math.min(policy.maxDelayMs, asked ?? backoffMs(policy, attempt, random)));
		}
	};
}
