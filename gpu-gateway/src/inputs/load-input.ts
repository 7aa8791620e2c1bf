import { readFile } from "node:fs/promises";
import { join, normalize, sep } from "node:path";
import type { InputFile } from "../../../src/shared/gpu-jobs.ts";
import { BackendError } from "../backends/types.ts";
import { edgeAuthorization } from "../edge/edge-auth.ts";
import { sha256Hex } from "../hash.ts";
import { boundedGet, MAX_INPUT_BYTES } from "./bounded-get.ts";
import { checkInputUrl, guardedLookup, type HostResolver } from "./url-policy.ts";

/** Where a job's inputs come from. */
export type InputSources = {
	/** Offline mirror that `r2Key`s resolve under when the job has no Worker to ask. */
	mirrorDir: string;
	/** The Worker that created the job (origin of its callback URL) and the secret its tokens are signed with. */
	worker?: { origin: string; secret: string };
	/** GPU_GATEWAY_ALLOW_PRIVATE_INPUTS: lets `http:` and private hosts through, for local development only. */
	allowPrivateUrls: boolean;
	now: () => number;
	/** DNS for the SSRF guard; the system resolver unless a test plays DNS. */
	resolver?: HostResolver;
};

async function readDataUrl(url: string, signal: AbortSignal): Promise<Uint8Array> {
	// A data: URL is already in memory (it came in the job body); fetch only decodes it.
	const res = await fetch(url, { signal });
	const bytes = new Uint8Array(await res.arrayBuffer());
	if (bytes.byteLength > MAX_INPUT_BYTES) throw new BackendError("INPUT_TOO_LARGE", `input exceeds ${MAX_INPUT_BYTES} bytes`, false);
	return bytes;
}

function fetchUrl(text: string, sources: InputSources, signal: AbortSignal): Promise<Uint8Array> {
	if (text.startsWith("data:")) return readDataUrl(text, signal);
	const url = new URL(text);
	if (sources.allowPrivateUrls) {
		if (url.protocol !== "https:" && url.protocol !== "http:") throw new BackendError("INPUT_URL_FORBIDDEN", `unsupported scheme ${url.protocol}`, false);
		return boundedGet(url, { signal });
	}
	checkInputUrl(url);
	return boundedGet(url, { signal, lookup: guardedLookup(sources.resolver) });
}

/** An R2 key as URL path segments; dot or empty segments would let URL resolution walk out of the route. */
function keyPath(key: string): string {
	const segments = key.split("/");
	if (segments.some((s) => s === "" || s === "." || s === "..")) throw new BackendError("INPUT_INVALID", "r2Key has empty or dot segments", false);
	return segments.map(encodeURIComponent).join("/");
}

function fetchFromWorker(key: string, worker: { origin: string; secret: string }, sources: InputSources, signal: AbortSignal): Promise<Uint8Array> {
	// The Worker is trusted (it named itself when it created the job), so no SSRF guard here.
	const url = new URL(`${worker.origin}/internal/gpu/inputs/${keyPath(key)}`);
	return boundedGet(url, { signal, headers: { authorization: edgeAuthorization(worker.secret, sources.now()) } });
}

async function readMirror(mirrorDir: string, key: string): Promise<Uint8Array> {
	// Offline there is no R2; `r2Key`s resolve under a local mirror directory instead.
	const root = normalize(mirrorDir);
	const path = normalize(join(root, key));
	if (!path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) throw new BackendError("INPUT_INVALID", "r2Key escapes the inputs directory", false);
	return readFile(path).then(
		(buffer) => new Uint8Array(buffer),
		() => {
			throw new BackendError("INPUT_MISSING", `no local copy of ${key}`, false);
		},
	);
}

/**
 * Loads one input file and checks it against its pinned digest: a URL (https only, public hosts
 * only, unless private inputs are allowed), or an R2 key read from the job's Worker, or from the
 * local mirror when the job has none.
 */
export async function loadInputFile(file: InputFile, sources: InputSources, signal: AbortSignal): Promise<Uint8Array> {
	let bytes: Uint8Array;
	if ("url" in file) bytes = await fetchUrl(file.url, sources, signal);
	else if (sources.worker) bytes = await fetchFromWorker(file.r2Key, sources.worker, sources, signal);
	else bytes = await readMirror(sources.mirrorDir, file.r2Key);
	if (sha256Hex(bytes) !== file.sha256) throw new BackendError("INPUT_DIGEST_MISMATCH", "input bytes do not match their sha256", false);
	return bytes;
}
