import { createHmac, timingSafeEqual } from "node:crypto";

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

/**
 * Whether any entry of a `webhook-signature` header (space-separated `v1,<base64>`, several while a
 * secret rotates) equals `expected`, compared in constant time: `===` or `includes` stop at the
 * first differing character, and how long a wrong guess took would tell an attacker how much of
 * it was right. Only the length (public: an HMAC-SHA256 is always 44 base64 characters) decides
 * early. Every entry is compared, so timing does not reveal which one matched either.
 */
export function signatureListMatches(header: string, expected: string): boolean {
	const want = Buffer.from(expected, "utf8");
	let matched = false;
	for (const candidate of header.split(" ")) {
		const got = Buffer.from(candidate, "utf8");
		if (got.length === want.length && timingSafeEqual(got, want)) matched = true;
	}
	return matched;
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
	return signatureListMatches(headers.signature, expected);
}
