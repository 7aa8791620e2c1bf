/**
 * Standard Webhooks verification for gpu-gateway callbacks, matching the gateway's signer
 * (gpu-gateway/src/webhooks.ts) byte for byte: `v1,<base64 HMAC-SHA256("<id>.<ts>.<body>")>`.
 */

/** Accepted distance between `webhook-timestamp` and now, either way: bounds replay of old captures. */
export const WEBHOOK_TOLERANCE_S = 300;

/** The three Standard Webhooks headers, as received (null when absent). */
export type WebhookHeaders = { id: string | null; timestamp: string | null; signature: string | null };

/** Why a delivery was refused, or `ok`. */
export type WebhookVerdict = { ok: true; id: string; timestampS: number } | { ok: false; reason: string };

const encoder = new TextEncoder();

/** Key bytes exactly as the gateway derives them: `whsec_<base64>` is decoded, anything else is UTF-8. */
function keyBytes(secret: string): Uint8Array {
	if (!secret.startsWith("whsec_")) return encoder.encode(secret);
	const binary = atob(secret.slice("whsec_".length));
	return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function base64ToBytes(value: string): Uint8Array | null {
	try {
		return Uint8Array.from(atob(value), (char) => char.charCodeAt(0));
	} catch {
		return null;
	}
}

/** The raw HMAC-SHA256 of `<id>.<timestamp>.<body>` under the secret. */
async function hmac(secret: string, content: string): Promise<ArrayBuffer> {
	const key = await crypto.subtle.importKey("raw", keyBytes(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
	return crypto.subtle.sign("HMAC", key, encoder.encode(content));
}

/** Signs like the gateway does; used by tests and fakes to produce deliveries. */
export async function signWebhook(secret: string, id: string, timestampS: number, body: string): Promise<string> {
	const mac = new Uint8Array(await hmac(secret, `${id}.${timestampS}.${body}`));
	return `v1,${btoa(String.fromCharCode(...mac))}`;
}

/**
 * Verifies one delivery on its raw body: all headers present, timestamp an integer within
 * ±{@link WEBHOOK_TOLERANCE_S} of `nowS`, and any one of the space-separated `v1,` signatures
 * matching, compared in constant time.
 */
export async function verifyWebhook(secret: string, headers: WebhookHeaders, body: string, nowS: number): Promise<WebhookVerdict> {
	const { id, timestamp, signature } = headers;
	if (!id || !timestamp || !signature) return { ok: false, reason: "missing webhook headers" };
	if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "malformed webhook-timestamp" };
	const timestampS = Number(timestamp);
	if (Math.abs(nowS - timestampS) > WEBHOOK_TOLERANCE_S) return { ok: false, reason: "webhook-timestamp outside the tolerance window" };
	const expected = await hmac(secret, `${id}.${timestamp}.${body}`);
	let matched = false;
	for (const entry of signature.split(" ")) {
		const [version, value] = entry.split(",", 2);
		if (version !== "v1" || value === undefined) continue;
		const given = base64ToBytes(value);
		// timingSafeEqual throws on different lengths; a wrong length is simply not a match.
		if (given === null || given.byteLength !== expected.byteLength) continue;
		if (crypto.subtle.timingSafeEqual(given, expected)) matched = true;
	}
	return matched ? { ok: true, id, timestampS } : { ok: false, reason: "no matching signature" };
}
