import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import type { AppError } from "../lib/errors";

/**
 * What a product line keeps of a user, for the erasure of their account (src/accounts/erase-account.ts).
 * A line writes one of these and registers it in src/wiring.ts, so erasing an account reaches every
 * line's data without this domain knowing the lines.
 */
export type AccountEraser = {
	readonly name: string;
	/** A reason the account cannot be erased right now (work under way that holds money or files), else null. */
	blocker(db: Db, userId: string): Promise<AppError | null>;
	/**
	 * Work outside D1 that must happen before the rows go, once no blocker stands (revoking a grant
	 * at an outside provider while its tokens are still here). Optional; it must be safe to repeat,
	 * since a failed batch leaves the account to be erased again.
	 */
	prepare?(db: Db, userId: string): Promise<void>;
	/** The R2 objects to delete once the erasure committed: keys, and prefixes listed in full. */
	objects(db: Db, userId: string): Promise<{ keys: string[]; prefixes: string[] }>;
	/** The statements that delete or anonymise the line's rows, run inside the erasure's one batch. */
	statements(db: Db, userId: string): BatchItem<"sqlite">[];
};
