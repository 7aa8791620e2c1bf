const encoder = new TextEncoder();

/** Lowercase hex of bytes. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
	const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
	let hex = "";
	for (const byte of view) hex += byte.toString(16).padStart(2, "0");
	return hex;
}

/** Lowercase hex SHA-256 of bytes or a UTF-8 string. */
export async function sha256Hex(data: Uint8Array | ArrayBuffer | string): Promise<string> {
	const bytes = typeof data === "string" ? encoder.encode(data) : data;
	return toHex(await crypto.subtle.digest("SHA-256", bytes));
}

/** Compares two secrets in constant time (hashing first makes the lengths equal). */
export async function secretsEqual(a: string, b: string): Promise<boolean> {
	const [ha, hb] = await Promise.all([crypto.subtle.digest("SHA-256", encoder.encode(a)), crypto.subtle.digest("SHA-256", encoder.encode(b))]);
	return crypto.subtle.timingSafeEqual(ha, hb);
}

/** Lowercase hex HMAC-SHA256 of `message` under `secret`. */
export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
	const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
	return toHex(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

/** Unpadded base64url of bytes or a (Latin-1) string, safe in URLs and cookies. */
export function base64Url(data: Uint8Array | string): string {
	const binary = typeof data === "string" ? data : String.fromCharCode(...data);
	return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
