import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { BackendError } from "../backends/types.ts";

/** Largest input accepted, so a hostile or broken source cannot fill memory or disk. */
export const MAX_INPUT_BYTES = 25 * 1024 * 1024;
/** An input that takes longer than this is treated as a network failure (retryable). */
const FETCH_TIMEOUT_MS = 60_000;

/** Options of one GET. */
export type BoundedGetOptions = {
	signal: AbortSignal;
	headers?: Record<string, string>;
	/** Replaces DNS resolution for the connection (the SSRF guard). */
	lookup?: LookupFunction;
	maxBytes?: number;
	timeoutMs?: number;
};

function tooLarge(maxBytes: number): BackendError {
	return new BackendError("INPUT_TOO_LARGE", `input exceeds ${maxBytes} bytes`, false);
}

/** Reads a response body, stopping (and dropping the connection) as soon as it passes `maxBytes`. */
function readCapped(res: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		res.on("data", (chunk: Buffer) => {
			size += chunk.byteLength;
			if (size > maxBytes) {
				res.destroy(tooLarge(maxBytes));
				return;
			}
			chunks.push(chunk);
		});
		res.once("error", reject);
		res.once("end", () => resolve(new Uint8Array(Buffer.concat(chunks, size))));
	});
}

/**
 * GETs `url` over node:http(s) and returns the body, at most `maxBytes` (25 MiB by default),
 * never buffering more. Redirects are refused, not followed: a redirect could lead anywhere the
 * checks on the first URL did not cover. 4xx fail for good; 5xx, network errors and timeouts are
 * retryable. Aborting `signal` rejects with its reason.
 */
export async function boundedGet(url: URL, options: BoundedGetOptions): Promise<Uint8Array> {
	const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
	const timeout = AbortSignal.timeout(options.timeoutMs ?? FETCH_TIMEOUT_MS);
	const signal = AbortSignal.any([options.signal, timeout]);
	const send = url.protocol === "https:" ? httpsRequest : httpRequest;
	const shown = `${url.origin}${url.pathname}`.slice(0, 120);
	try {
		const res = await new Promise<IncomingMessage>((resolve, reject) => {
			const req = send(url, { method: "GET", headers: options.headers, lookup: options.lookup, signal }, resolve);
			req.once("error", reject);
			req.end();
		});
		const status = res.statusCode ?? 0;
		if (status < 200 || status >= 300) {
			res.destroy();
			if (status >= 300 && status < 400) throw new BackendError("INPUT_URL_FORBIDDEN", `${shown} answered ${status}; redirects are not followed`, false);
			throw new BackendError("INPUT_FETCH_FAILED", `${shown} answered ${status}`, status >= 500 || status === 408 || status === 429);
		}
		const declared = Number(res.headers["content-length"] ?? Number.NaN);
		if (declared > maxBytes) {
			res.destroy();
			throw tooLarge(maxBytes);
		}
		return await readCapped(res, maxBytes);
	} catch (err) {
		options.signal.throwIfAborted();
		if (err instanceof BackendError) throw err;
		const why = timeout.aborted ? `timed out after ${options.timeoutMs ?? FETCH_TIMEOUT_MS} ms` : err instanceof Error ? err.message : String(err);
		throw new BackendError("INPUT_FETCH_FAILED", `fetching ${shown} failed: ${why}`, true);
	}
}
