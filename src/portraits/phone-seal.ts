import type { PhoneKey } from "../config/keys";
import { base64Url, hmacSha256Hex, secretsEqual } from "../lib/hash";

/**
 * Phone numbers at rest: sealed with AES-256-GCM under a key derived from DOWNLOAD_TOKEN_SECRET
 * (src/config/keys.ts), its key id stored next to the ciphertext so a rotation can still open
 * what the previous secret sealed; and a keyed hash (HMAC-SHA256) for checking a number typed on
 * the result page without opening anything. The number itself is never stored in clear.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const aesKeys = new Map<string, Promise<CryptoKey>>();

/** The AES-GCM key of a derived hex key (SHA-256 of it, so any length gives 256 bits). */
function aesKey(key: string): Promise<CryptoKey> {
	let cached = aesKeys.get(key);
	if (!cached) {
		cached = crypto.subtle
			.digest("SHA-256", encoder.encode(key))
			.then((raw) => crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]));
		aesKeys.set(key, cached);
	}
	return cached;
}

function fromBase64Url(text: string): Uint8Array {
	const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
	return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** A sealed number: base64url of IV (12 bytes) then ciphertext and tag, and the sealing key's id. */
export type SealedPhone = { ciphertext: string; kid: string };

/** Seals `e164` under the first (current) key; `aad` binds it to its job, so a ciphertext copied to another job does not open. */
export async function sealPhone(keys: readonly [PhoneKey, ...PhoneKey[]], e164: string, aad: string): Promise<SealedPhone> {
	const [current] = keys;
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const sealed = new Uint8Array(
		await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(aad) }, await aesKey(current.key), encoder.encode(e164)),
	);
	const out = new Uint8Array(iv.length + sealed.length);
	out.set(iv);
	out.set(sealed, iv.length);
	return { ciphertext: base64Url(out), kid: current.kid };
}

/** Opens a sealed number with the key its id names; null when no key has that id or the ciphertext was altered. */
export async function openPhone(keys: readonly PhoneKey[], sealed: SealedPhone, aad: string): Promise<string | null> {
	const key = keys.find((candidate) => candidate.kid === sealed.kid);
	if (!key) return null;
	const bytes = fromBase64Url(sealed.ciphertext);
	try {
		const plain = await crypto.subtle.decrypt(
			{ name: "AES-GCM", iv: bytes.slice(0, 12), additionalData: encoder.encode(aad) },
			await aesKey(key.key),
			bytes.slice(12),
		);
		return decoder.decode(plain);
	} catch {
		return null;
	}
}

/** The keyed hash of `e164` for job `jobId` under the current hash key (per job, so equal numbers of two jobs hash apart). */
export function phoneHash(keys: readonly [string, ...string[]], jobId: string, e164: string): Promise<string> {
	return hmacSha256Hex(keys[0], `${jobId}:${e164}`);
}

/** Whether `e164` is the number hashed as `stored`, under any of the hash keys (current or previous), in constant time. */
export async function phoneMatches(keys: readonly string[], jobId: string, e164: string, stored: string): Promise<boolean> {
	let matched = false;
	for (const key of keys) {
		if (await secretsEqual(await hmacSha256Hex(key, `${jobId}:${e164}`), stored)) matched = true;
	}
	return matched;
}
