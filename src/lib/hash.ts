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
