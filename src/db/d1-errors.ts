/**
 * The text of a D1 error, for recognising which constraint refused a statement (a primary key, a
 * unique index, a CHECK, a foreign key). D1 wraps SQLite's message, sometimes in `cause`.
 */
export function d1ErrorText(err: unknown): string {
	if (!(err instanceof Error)) return String(err);
	return `${err.message} ${err.cause instanceof Error ? err.cause.message : ""}`;
}
