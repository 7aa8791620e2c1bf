/** D1 binds at most 100 parameters per statement. */
const D1_MAX_PARAMS = 100;

/** Splits rows so that one multi-row INSERT of them stays under D1's parameter limit. */
export function chunkRows<Row extends Record<string, unknown>>(rows: Row[]): Row[][] {
	if (rows.length === 0) return [];
	const columns = Math.max(1, Object.keys(rows[0] ?? {}).length);
	const size = Math.max(1, Math.floor(D1_MAX_PARAMS / columns));
	const chunks: Row[][] = [];
	for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
	return chunks;
}
