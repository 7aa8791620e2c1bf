import { DurableObject } from "cloudflare:workers";
import type { RateVerdict } from "../src/shared/rate-limit";

/**
 * One object per rate-limit key (an IP hash, an admin key hash): exact counts in fixed windows,
 * unlike the eventually consistent built-in limiter. Old windows are deleted as time moves on.
 */
export class RateLimiter extends DurableObject<Env> {
	constructor(ctx: DurableObjectState, env: Env) {
		super(ctx, env);
		ctx.blockConcurrencyWhile(async () => {
			this.ctx.storage.sql.exec(
				`CREATE TABLE IF NOT EXISTS windows (name TEXT NOT NULL, start INTEGER NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (name, start));
				CREATE TABLE IF NOT EXISTS tallies (name TEXT NOT NULL, start INTEGER NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (name, start));`,
			);
		});
	}

	/**
	 * Counts one attempt against `limit` per `windowMs` under `name` (one key may carry several
	 * limits, e.g. downloads and checkouts of one IP). Refused attempts are not counted.
	 */
	hit(name: string, limit: number, windowMs: number, now: number): RateVerdict {
		const sql = this.ctx.storage.sql;
		const start = now - (now % windowMs);
		sql.exec("DELETE FROM windows WHERE name = ? AND start < ?", name, start);
		const counted = sql
			.exec<{ count: number }>(
				"INSERT INTO windows (name, start, count) VALUES (?, ?, 1) ON CONFLICT (name, start) DO UPDATE SET count = count + 1 WHERE count < ? RETURNING count",
				name,
				start,
				limit,
			)
			.toArray()[0];
		const retryAfterSeconds = Math.max(1, Math.ceil((start + windowMs - now) / 1000));
		if (!counted) return { allowed: false, remaining: 0, retryAfterSeconds };
		return { allowed: true, remaining: limit - counted.count, retryAfterSeconds };
	}

	/**
	 * Counts one event under `name` in the window of `now` and returns the window's count. Nothing
	 * is refused, and windows are kept for `keepMs` (older ones are deleted as time moves on), so
	 * a burst of refused requests costs one counter per client and window instead of a D1 row each.
	 */
	tally(name: string, windowMs: number, now: number, keepMs: number): number {
		const sql = this.ctx.storage.sql;
		const start = now - (now % windowMs);
		sql.exec("DELETE FROM tallies WHERE start < ?", now - keepMs);
		return sql
			.exec<{ count: number }>(
				"INSERT INTO tallies (name, start, count) VALUES (?, ?, 1) ON CONFLICT (name, start) DO UPDATE SET count = count + 1 RETURNING count",
				name,
				start,
			)
			.one().count;
	}

	/**
	 * Whether one more attempt under `name` would be allowed, without counting it: a limit on
	 * failures counts only the attempts that failed, and asks this before accepting one that
	 * succeeded, so a client locked out by its failures is not let in by a lucky guess either.
	 */
	peek(name: string, limit: number, windowMs: number, now: number): RateVerdict {
		const start = now - (now % windowMs);
		const row = this.ctx.storage.sql.exec<{ count: number }>("SELECT count FROM windows WHERE name = ? AND start = ?", name, start).toArray()[0];
		const used = row?.count ?? 0;
		return { allowed: used < limit, remaining: Math.max(0, limit - used), retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
	}
}
