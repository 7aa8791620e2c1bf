/** A new opaque id with a readable prefix, for example `prd_3f9c...`. */
export function newId(prefix: string): string {
	return `${prefix}_${crypto.randomUUID().replaceAll("-", "")}`;
}
