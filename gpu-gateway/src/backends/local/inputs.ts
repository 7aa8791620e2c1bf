import { readFile } from "node:fs/promises";
import { join, normalize } from "node:path";
import type { InputFile } from "../../../../src/shared/gpu-jobs.ts";
import { sha256Hex } from "../../hash.ts";
import { BackendError } from "../types.ts";

/** Largest input accepted, so a hostile URL cannot fill memory. */
const MAX_INPUT_BYTES = 25 * 1024 * 1024;

async function readR2Mirror(inputsDir: string, key: string): Promise<Uint8Array> {
	// Offline there is no R2; `r2Key`s resolve under a local mirror directory instead.
	const path = normalize(join(inputsDir, key));
	if (!path.startsWith(normalize(inputsDir))) throw new BackendError("INPUT_INVALID", "r2Key escapes the inputs directory", false);
	return readFile(path).catch(() => {
		throw new BackendError("INPUT_MISSING", `no local copy of ${key}`, false);
	});
}

async function fetchUrl(url: string, signal: AbortSignal): Promise<Uint8Array> {
	let res: Response;
	try {
		res = await fetch(url, { signal });
	} catch (err) {
		signal.throwIfAborted();
		throw new BackendError("INPUT_FETCH_FAILED", `fetch ${url.slice(0, 64)} failed: ${String(err)}`, true);
	}
	// 4xx will not heal by retrying; 5xx and network errors might.
	if (!res.ok) throw new BackendError("INPUT_FETCH_FAILED", `fetch answered ${res.status}`, res.status >= 500);
	const bytes = new Uint8Array(await res.arrayBuffer());
	if (bytes.byteLength > MAX_INPUT_BYTES) throw new BackendError("INPUT_TOO_LARGE", "input exceeds 25 MiB", false);
	return bytes;
}

/** Loads an input file and checks it against its pinned digest. */
export async function loadInput(file: InputFile, inputsDir: string, signal: AbortSignal): Promise<Uint8Array> {
	const bytes = "url" in file ? await fetchUrl(file.url, signal) : await readR2Mirror(inputsDir, file.r2Key);
	if (sha256Hex(bytes) !== file.sha256) throw new BackendError("INPUT_DIGEST_MISMATCH", "input bytes do not match their sha256", false);
	return bytes;
}
