import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applyMovement, creditBalance, creditHistory } from "../../src/credits/ledger";
import { getDb } from "../../src/db/client";
import { creditLedger } from "../../src/db/schema";
import { createTestUser } from "../support/user-helpers";

describe("credit ledger", () => {
	it("applies a movement once, however often it is repeated", async () => {
		const db = getDb(env.DB);
		const { user } = await createTestUser();
		const movement = { id: `welcome:${user.id}`, userId: user.id, kind: "welcome" as const, amount: 100, now: new Date() };
		expect(await applyMovement(db, movement)).toBe("applied");
		expect(await applyMovement(db, movement)).toBe("duplicate");
		expect(await creditBalance(db, user.id)).toBe(100);
		const history = await creditHistory(db, user.id);
		expect(history).toHaveLength(1);
		expect(history[0]).toMatchObject({ kind: "welcome", amount: 100, balanceAfter: 100 });
	});

	it("refuses an overdraft with INSUFFICIENT_TOKENS and rolls back the whole batch", async () => {
		const db = getDb(env.DB);
		const { user } = await createTestUser({ credits: 5 });
		await expect(applyMovement(db, { id: "hold:x1", userId: user.id, kind: "hold", amount: -6, now: new Date() })).rejects.toMatchObject({
			status: 402,
			code: "INSUFFICIENT_TOKENS",
		});
		expect(await creditBalance(db, user.id)).toBe(5);
		expect(await db.query.creditLedger.findFirst({ where: eq(creditLedger.id, "hold:x1") })).toBeUndefined();
	});

	it("lets concurrent spends through only while they fit; the balance never goes negative", async () => {
		const db = getDb(env.DB);
		const { user } = await createTestUser({ credits: 25 });
		const spends = Array.from({ length: 8 }, (_, i) =>
			applyMovement(db, { id: `hold:c${user.id}${i}`, userId: user.id, kind: "hold", amount: -10, now: new Date() }).then(
				() => "ok",
				(err: { code?: string }) => err.code,
			),
		);
		const results = await Promise.all(spends);
		expect(results.filter((r) => r === "ok")).toHaveLength(2);
		expect(results.filter((r) => r === "INSUFFICIENT_TOKENS")).toHaveLength(6);
		expect(await creditBalance(db, user.id)).toBe(5);
		expect(await creditHistory(db, user.id)).toHaveLength(2);
	});
});
