import { base64Url } from "./hash";

/** A random URL-safe token of `bytes` random bytes (states, verifiers, codes). */
export function randomToken(bytes = 32): string {
	return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The PKCE S256 challenge of a verifier (RFC 7636 §4.2): base64url of its SHA-256. */
export async function pkceChallenge(verifier: string): Promise<string> {
	return base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
}
