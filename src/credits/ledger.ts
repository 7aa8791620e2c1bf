import { desc, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { d1ErrorText } from "../db/d1-errors";
import { creditLedger, users } from "../db/schema";
import { AppError } from "../lib/errors";
import type { CreditMovementKind } from "../shared/styles";

/**
 * One credit movement. `id` names it (`welcome:<user>`, `purchase:<purchase>`,
 * `hold:<generation>`, `capture:<generation>`, `refund:<generation>`): the ledger's primary key,
 * so the same movement can never apply twice.
 */
export type CreditMovement = { id: string; userId: string; kind: CreditMovementKind; amount: number; reference?: string; now: Date };

/** What applying a movement did. */
export type MovementOutcome = "applied" | "duplicate";

/**
 * The two statements of a movement, for a D1 batch (one transaction): move the balance, then
 * append the ledger row with the balance it left. A second application fails the insert on the
 * primary key, and a spend beyond the balance fails the users CHECK; either way the batch rolls
 * back whole, together with any statements the caller added (a generation row, a status change).
 * A movement of `earned` credits (an artist's earning, payout, payout's return) moves
 * `earnings_balance` with `credit_balance`: earned credits are spendable and counted apart, and
 * that balance's own CHECK refuses paying out more than was earned.
 */
export function movementStatements(db: Db, movement: CreditMovement, opts: { earned?: boolean } = {}): [BatchItem<"sqlite">, BatchItem<"sqlite">] {
	const moved = sql`${users.creditBalance} + ${movement.amount}`;
	return [
		db
			.update(users)
			.set(opts.earned ? { creditBalance: moved, earningsBalance: sql`${users.earningsBalance} + ${movement.amount}` } : { creditBalance: moved })
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

/** Whether a D1 error is the ledger's primary key refusing a movement already applied. */
export function isDuplicateMovement(err: unknown): boolean {
	return /UNIQUE constraint failed: credit_ledger\.id/.test(d1ErrorText(err));
}

/** Whether a D1 error is a balance CHECK (spendable or earned credits) refusing an overdraft. */
export function isOverdraft(err: unknown): boolean {
	return /CHECK constraint failed: users_(credit|earnings)_balance_non_negative/.test(d1ErrorText(err));
}

/**
 * Applies a movement atomically with `extra` statements. Returns "duplicate" (and changes
 * nothing) when the movement was applied before; throws `402 INSUFFICIENT_TOKENS` when it
 * would overdraw the balance.
 */
export async function applyMovement(db: Db, movement: CreditMovement, extra: BatchItem<"sqlite">[] = []): Promise<MovementOutcome> {
	try {
		await db.batch([...movementStatements(db, movement), ...extra]);
		return "applied";
	} catch (err) {
		if (isDuplicateMovement(err)) return "duplicate";
		if (isOverdraft(err)) throw new AppError(402, "INSUFFICIENT_TOKENS", "Not enough credits for this.");
		throw err;
	}
}

/** A user's current balance (0 for an unknown user). */
export async function creditBalance(db: Db, userId: string): Promise<number> {
	const row = await db.query.users.findFirst({ columns: { creditBalance: true }, where: eq(users.id, userId) });
	return row?.creditBalance ?? 0;
}

/** A user's movements, newest first. */
export async function creditHistory(db: Db, userId: string, limit = 100) {
	return db.query.creditLedger.findMany({ where: eq(creditLedger.userId, userId), orderBy: [desc(creditLedger.createdAt), desc(creditLedger.id)], limit });
}
