import type { PhoneKey } from "../config/keys";
import { hmacSha256Hex, secretsEqual } from "../lib/hash";
import { open, type Sealed, seal } from "../lib/sealed-box";

/**
 * Phone numbers at rest: sealed with AES-256-GCM (src/lib/sealed-box.ts) under a key derived from DOWNLOAD_TOKEN_SECRET
 * (src/config/keys.ts), its key id stored next to the ciphertext so a rotation can still open
 * what the previous secret sealed; and a keyed hash (HMAC-SHA256) for checking a number typed on
 * the result page without opening anything. The number itself is never stored in clear.
 */

/** A sealed number and the sealing key's id. */
export type SealedPhone = Sealed;

/** Seals `e164` under the first (current) key; `aad` binds it to its job, so a ciphertext copied to another job does not open. */
export function sealPhone(keys: readonly [PhoneKey, ...PhoneKey[]], e164: string, aad: string): Promise<SealedPhone> {
	return seal(keys, e164, aad);
}

/** Opens a sealed number with the key its id names; null when no key has that id or the ciphertext was altered. */
export function openPhone(keys: readonly PhoneKey[], sealed: SealedPhone, aad: string): Promise<string | null> {
	return open(keys, sealed, aad);
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
