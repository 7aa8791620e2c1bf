import { createHash, randomBytes } from "node:crypto";

/** Lowercase hex SHA-256 of bytes or a UTF-8 string. */
export function sha256Hex(data: Uint8Array | string): string {
	return createHash("sha256").update(data).digest("hex");
}

/**
 * JSON with object keys sorted at every level, so two bodies that differ only in key
 * order hash the same for idempotency.
 */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
	if (value !== null && typeof value === "object") {
		const entries = Object.entries(value)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
	}
	return JSON.stringify(value);
}

/** A random id with a readable prefix, e.g. `job_3f9c…`. */
export function newId(prefix: string): string {
	return `${prefix}_${randomBytes(12).toString("hex")}`;
}
