import type { BatchItem } from "drizzle-orm/batch";
import { type CreditMovement, movementStatements } from "../credits/ledger";
import type { Db } from "../db/client";

/**
 * The statements of a movement of EARNED credits (an earning, a payout, a payout's return): both
 * `credit_balance` and `earnings_balance` move, then the ledger row is appended (see
 * `movementStatements` in src/credits/ledger.ts: its primary key and the two balance CHECKs make a
 * second application or an overdraft fail the whole batch).
 */
export function earnedMovementStatements(db: Db, movement: CreditMovement): [BatchItem<"sqlite">, BatchItem<"sqlite">] {
	return movementStatements(db, movement, { earned: true });
}
