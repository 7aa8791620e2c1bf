import { eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { CreditMovement } from "../credits/ledger";
import type { Db } from "../db/client";
import { creditLedger, users } from "../db/schema";

/**
 * The two statements of a movement of EARNED credits (an earning, a payout, a payout's return):
 * earned credits are part of the spendable `credit_balance` and counted apart in
 * `earnings_balance`, so both move together, then the ledger row is appended with the credit
 * balance it left. As with src/credits/ledger.ts, the ledger's primary key makes a second
 * application fail the whole batch, and the two balance CHECKs make an overdraft of either fail it.
 */
export function earnedMovementStatements(db: Db, movement: CreditMovement): [BatchItem<"sqlite">, BatchItem<"sqlite">] {
	return [
		db
			.update(users)
			.set({
				creditBalance: sql`${users.creditBalance} + ${movement.amount}`,
				earningsBalance: sql`${users.earningsBalance} + ${movement.amount}`,
			})
			.where(eq(users.id, movement.userId)),
		db.insert(creditLedger).values({
			id: movement.id,
			userId: movement.userId,
			kind: movement.kind,
			amount: movement.amount,
			balanceAfter: sql`(select ${users.creditBalance} from ${users} where ${users.id} = ${movement.userId})`,
			reference: movement.reference ?? null,
			createdAt: movement.now.toISOString(),
		}),
	];
}

function errorText(err: unknown): string {
	// D1 wraps the SQLite message, sometimes in `cause`.
	if (!(err instanceof Error)) return String(err);
	return `${err.message} ${err.cause instanceof Error ? err.cause.message : ""}`;
}

/** Whether a D1 error is the ledger's primary key refusing a movement already applied. */
export function isDuplicateMovement(err: unknown): boolean {
	return /UNIQUE constraint failed: credit_ledger\.id/.test(errorText(err));
}

/** Whether a D1 error is one of the two balance CHECKs refusing an overdraft. */
export function isBalanceOverdraft(err: unknown): boolean {
	return /CHECK constraint failed: users_(credit|earnings)_balance_non_negative/.test(errorText(err));
}
