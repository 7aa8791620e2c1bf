type Level = "debug" | "info" | "warn" | "error";

/** Writes one JSON object per line, so logs can be searched and parsed as they are. */
export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
	const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
	if (level === "error") console.error(line);
	else if (level === "warn") console.warn(line);
	else console.log(line);
}

/** The message of anything thrown, without a stack. */
export function errorMessage(err: unknown): string {
	return err instanceof Error ? err.message : String(err);
}
