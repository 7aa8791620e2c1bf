import { open, type SealKey, seal } from "../lib/sealed-box";

/**
 * Outside accounts' tokens at rest: AES-256-GCM under the current key of the ring
 * (CHANNEL_TOKEN_KEYS, or keys derived from DOWNLOAD_TOKEN_SECRET), each bound to its channel
 * and field, so a ciphertext copied to another row or column does not open. The key id is
 * stored with the row; a row sealed under an older key is sealed again when next used
 * (`isStale`), so a rotation completes lazily.
 */

/** What a sealed token is bound to: its row and its column. */
export type TokenField = "access" | "refresh" | "verifier";

const binding = (ownerId: string, field: TokenField) => `channel-token:${ownerId}:${field}`;

export function sealToken(keys: readonly [SealKey, ...SealKey[]], ownerId: string, field: TokenField, token: string) {
	return seal(keys, token, binding(ownerId, field));
}

/** The token, or null when no key of the ring has its kid or the ciphertext was altered. */
export function openToken(keys: readonly SealKey[], ownerId: string, field: TokenField, sealed: { ciphertext: string; kid: string }) {
	return open(keys, sealed, binding(ownerId, field));
}

/** Whether a row's tokens were sealed under a key that is no longer the current one. */
export function isStale(keys: readonly [SealKey, ...SealKey[]], kid: string | null): boolean {
	return kid !== null && kid !== keys[0].kid;
}
