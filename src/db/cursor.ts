import { and, eq, lt, or, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { AppError } from "../lib/errors";
import { base64Url } from "../lib/hash";

/** An opaque page cursor: the (created_at, id) of the last row of the previous page. */
export function encodeCursor(createdAt: string, id: string): string {
	return base64Url(JSON.stringify([createdAt, id]));
}

function decodeCursor(cursor: string): [string, string] {
	try {
		const value: unknown = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/")));
		if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string") return [value[0], value[1]];
	} catch {
		// fall through to the validation error
	}
	throw new AppError(400, "VALIDATION_FAILED", "cursor: not a cursor returned by this API");
}

/** The condition "after the cursor" for a listing ordered by (created_at DESC, id DESC). */
export function afterCursor(cursor: string, createdAt: AnySQLiteColumn, id: AnySQLiteColumn): SQL | undefined {
	const [lastCreatedAt, lastId] = decodeCursor(cursor);
	return or(lt(createdAt, lastCreatedAt), and(eq(createdAt, lastCreatedAt), lt(id, lastId)));
}
