import { BackendError } from "../types.ts";
import type { ReplicateApi } from "./api.ts";

/** A downloaded output: its bytes and what the server said they are. */
export type DownloadedOutput = { bytes: Uint8Array; contentType: string };

/** The output URLs of a task: Replicate's `output` is one URL or an array of them. */
export function outputUrls(output: unknown): string[] {
	if (typeof output === "string") return [output];
	if (Array.isArray(output) && output.every((item) => typeof item === "string")) return output;
	throw new BackendError("OUTPUT_INVALID", "replicate output is not a URL or a list of URLs", false);
}

/** An LLM's output: a list of tokens (streamed models) or one string. */
export function outputText(output: unknown): string {
	if (typeof output === "string") return output;
	if (Array.isArray(output) && output.every((item) => typeof item === "string")) return output.join("");
	throw new BackendError("OUTPUT_INVALID", "replicate output is not text", false);
}

/**
 * Copies one output file now: provider URLs expire (an hour on Replicate), and the gateway never
 * hands them out. Streams with a hard cap, so a huge or endless body cannot fill memory.
 * The token goes only to the API's own origin (its `/v1/files` URLs); delivery CDNs get none.
 */
export async function downloadOutput(url: string, api: ReplicateApi, maxBytes: number, timeoutMs: number, signal: AbortSignal): Promise<DownloadedOutput> {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new BackendError("OUTPUT_INVALID", "replicate output is not a URL", false);
	}
	// Plain http only on the API's own origin, which is plain http only for a local fake.
	const allowed = parsed.protocol === "https:" || parsed.protocol === "data:" || (parsed.protocol === "http:" && api.isApiOrigin(parsed));
	if (!allowed) throw new BackendError("OUTPUT_INVALID", `replicate output uses ${parsed.protocol}`, false);
	const headers: Record<string, string> = api.isApiOrigin(parsed) ? { authorization: api.authorization() } : {};
	let res: Response;
	try {
		res = await fetch(parsed, { headers, signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
	} catch (err) {
		signal.throwIfAborted();
		throw new BackendError("OUTPUT_FETCH_FAILED", `output download failed: ${err instanceof Error ? err.message : String(err)}`, true);
	}
	// Even a 404 is worth a new attempt: the next prediction has fresh URLs.
	if (!res.ok || !res.body) throw new BackendError("OUTPUT_FETCH_FAILED", `output download answered ${res.status}`, true);
	const declared = Number(res.headers.get("content-length") ?? "0");
	if (declared > maxBytes) throw new BackendError("OUTPUT_TOO_LARGE", `output of ${declared} bytes exceeds ${maxBytes}`, false);
	const chunks: Uint8Array[] = [];
	let size = 0;
	const reader = res.body.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > maxBytes) throw new BackendError("OUTPUT_TOO_LARGE", `output exceeds ${maxBytes} bytes`, false);
			chunks.push(value);
		}
	} catch (err) {
		await reader.cancel().catch(() => {});
		if (err instanceof BackendError) throw err;
		signal.throwIfAborted();
		throw new BackendError("OUTPUT_FETCH_FAILED", `output download broke off: ${err instanceof Error ? err.message : String(err)}`, true);
	}
	return { bytes: Buffer.concat(chunks, size), contentType: res.headers.get("content-type") ?? "application/octet-stream" };
}
