import { base64Url } from "./hash";

/**
 * Secrets at rest (phone numbers, outside accounts' tokens): AES-256-GCM under one of a ring of
 * keys, the key's id stored next to the ciphertext so a rotation still opens what the previous
 * key sealed. Additional data binds a ciphertext to its row, so one copied elsewhere does not open.
 */

/** A sealing key and its id; any length of key material gives a 256-bit key (SHA-256 of it). */
export type SealKey = { kid: string; key: string };

/** A sealed value: base64url of IV (12 bytes) then ciphertext and tag, and the sealing key's id. */
export type Sealed = { ciphertext: string; kid: string };

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const aesKeys = new Map<string, Promise<CryptoKey>>();

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

/** Seals `plaintext` under the first (current) key of the ring. */
export async function seal(keys: readonly [SealKey, ...SealKey[]], plaintext: string, aad: string): Promise<Sealed> {
	const [current] = keys;
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const sealed = new Uint8Array(
		await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(aad) }, await aesKey(current.key), encoder.encode(plaintext)),
	);
	const out = new Uint8Array(iv.length + sealed.length);
	out.set(iv);
	out.set(sealed, iv.length);
	return { ciphertext: base64Url(out), kid: current.kid };
}

/** Opens a sealed value with the key its id names; null when no key has that id or the ciphertext or its binding was altered. */
export async function open(keys: readonly SealKey[], sealed: Sealed, aad: string): Promise<string | null> {
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
