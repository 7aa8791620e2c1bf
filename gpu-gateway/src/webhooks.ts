import { createHmac } from "node:crypto";

/**
 * Signing key bytes. Standard Webhooks secrets look like `whsec_<base64>`, whose key is the
 * decoded bytes; any other secret is used as its UTF-8 bytes.
 */
function keyBytes(secret: string): Buffer {
	return secret.startsWith("whsec_") ? Buffer.from(secret.slice("whsec_".length), "base64") : Buffer.from(secret, "utf8");
}

/** The `webhook-signature` value: `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`. */
export function signWebhook(secret: string, id: string, timestampS: number, body: string): string {
	const mac = createHmac("sha256", keyBytes(secret)).update(`${id}.${timestampS}.${body}`).digest("base64");
	return `v1,${mac}`;
}

/** The three Standard Webhooks headers for one delivery attempt. */
export function webhookHeaders(secret: string, id: string, timestampS: number, body: string): Record<string, string> {
	return {
		"content-type": "application/json",
		"webhook-id": id,
		"webhook-timestamp": String(timestampS),
		"webhook-signature": signWebhook(secret, id, timestampS, body),
	};
}

/** Verifies a delivery as the edge would: any matching v1 signature, within the tolerance window. */
export function verifyWebhook(
	secret: string,
	headers: { id: string; timestamp: string; signature: string },
	body: string,
	nowS: number,
	toleranceS = 300,
): boolean {
	const ts = Number(headers.timestamp);
	if (!Number.isInteger(ts) || Math.abs(nowS - ts) > toleranceS) return false;
	const expected = signWebhook(secret, headers.id, ts, body);
	return headers.signature.split(" ").includes(expected);
}
