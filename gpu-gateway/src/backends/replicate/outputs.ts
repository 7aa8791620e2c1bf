import { boundedGet } from "../../inputs/bounded-get.ts";
import { checkInputUrl, guardedLookup, type HostResolver } from "../../inputs/url-policy.ts";
import { BackendError } from "../types.ts";
import type { ReplicateApi } from "./api.ts";
import { isDeliveryHost } from "./delivery-hosts.ts";

/** A downloaded output's bytes. */
export type DownloadedOutput = { bytes: Uint8Array };

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

/** Where output files may come from, and how they are fetched. */
export type OutputSource = {
	api: ReplicateApi;
	/** Delivery hosts (`ReplicateOptions.deliveryHosts`). */
	hosts: readonly string[];
	/** Local development only: http and private addresses allowed (the host list still applies). */
	allowPrivate: boolean;
	resolver?: HostResolver;
};

/** Limits of one download. */
export type OutputLimits = { maxBytes: number; timeoutMs: number; signal: AbortSignal };

function forbidden(message: string): BackendError {
	return new BackendError("OUTPUT_URL_FORBIDDEN", message, false);
}

/** The shared reader's input-side errors, told as what they are here: a provider's output. */
function asOutputError(err: unknown): unknown {
	if (!(err instanceof BackendError)) return err;
	const message = err.message.replace(/^input /, "replicate output ");
	if (err.code === "INPUT_URL_FORBIDDEN") return forbidden(message);
	if (err.code === "INPUT_TOO_LARGE") return new BackendError("OUTPUT_TOO_LARGE", message, false);
	// Even a 404 is worth a new attempt: the next prediction has fresh URLs.
	if (err.code === "INPUT_FETCH_FAILED") return new BackendError("OUTPUT_FETCH_FAILED", message, true);
	return err;
}

async function readDataUrl(url: URL, limits: OutputLimits): Promise<Uint8Array> {
	// A data: URL is already in memory (it came in the task's JSON); fetch only decodes it.
	const bytes = new Uint8Array(await (await fetch(url, { signal: limits.signal })).arrayBuffer());
	if (bytes.byteLength > limits.maxBytes) throw new BackendError("OUTPUT_TOO_LARGE", `output exceeds ${limits.maxBytes} bytes`, false);
	return bytes;
}

/**
 * Copies one output file now: provider URLs expire (an hour on Replicate), and the gateway never
 * hands them out. The URL came from the provider's answer, so it is untrusted and goes through
 * the inputs' SSRF guard (src/inputs/): its host must be a delivery host, then `https:` only and
 * every address it resolves to public, connected to as checked (no DNS rebinding), redirects
 * refused, the body streamed with a hard cap and a timeout. Outputs on the API's own origin (its
 * `/v1/files` URLs) are read like API calls, the only ones that get the token; `data:` URLs are
 * decoded in memory.
 */
export async function downloadOutput(url: string, source: OutputSource, limits: OutputLimits): Promise<DownloadedOutput> {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new BackendError("OUTPUT_INVALID", "replicate output is not a URL", false);
	}
	if (parsed.protocol === "data:") return { bytes: await readDataUrl(parsed, limits) };
	const get = { signal: limits.signal, maxBytes: limits.maxBytes, timeoutMs: limits.timeoutMs };
	try {
		if (source.api.isApiOrigin(parsed)) return { bytes: await boundedGet(parsed, { ...get, headers: { authorization: source.api.authorization() } }) };
		if (!isDeliveryHost(parsed.hostname, source.hosts))
			throw forbidden(`replicate output host ${parsed.hostname} is not a delivery host (REPLICATE_DELIVERY_HOSTS: ${source.hosts.join(", ")})`);
		if (source.allowPrivate) {
			if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw forbidden(`replicate output uses ${parsed.protocol}`);
			return { bytes: await boundedGet(parsed, get) };
		}
		checkInputUrl(parsed);
		return { bytes: await boundedGet(parsed, { ...get, lookup: guardedLookup(source.resolver) }) };
	} catch (err) {
		throw asOutputError(err);
	}
}
