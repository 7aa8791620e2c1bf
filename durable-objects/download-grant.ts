import { DurableObject } from "cloudflare:workers";

/** The result of trying to spend a use of a grant. */
export type RedeemResult =
	| { ok: true; sessionId: string; reused: boolean; used: number; max: number }
	| { ok: false; reason: "DOWNLOAD_LIMIT_REACHED"; used: number; max: number };

/**
 * One object per download grant: the single authority for how many uses are spent. Each use
 * opens a download session; the same client asking again within the reuse window gets its
 * session back instead of spending another use (double clicks, retried requests).
 */
export class DownloadGrant extends DurableObject<Env> {
	constructor(ctx: DurableObjectState, env: Env) {
		super(ctx, env);
		ctx.blockConcurrencyWhile(async () => {
			this.ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS counter (id INTEGER PRIMARY KEY CHECK (id = 1), used INTEGER NOT NULL, max INTEGER NOT NULL);
				CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, client TEXT NOT NULL, created_at INTEGER NOT NULL);
				CREATE INDEX IF NOT EXISTS sessions_client ON sessions (client, created_at);`);
		});
	}

	/**
	 * Spends one use for `client` (a keyed hash of IP and user agent), or returns that client's
	 * session opened within `reuseWindowMs`. `max` is applied on first use; later calls keep it.
	 */
	redeem(client: string, max: number, now: number, reuseWindowMs: number): RedeemResult {
		const sql = this.ctx.storage.sql;
		sql.exec("INSERT OR IGNORE INTO counter (id, used, max) VALUES (1, 0, ?)", max);
		const recent = sql
			.exec<{ id: string }>("SELECT id FROM sessions WHERE client = ? AND created_at > ? ORDER BY created_at DESC LIMIT 1", client, now - reuseWindowMs)
			.toArray()[0];
		const counter = () => sql.exec<{ used: number; max: number }>("SELECT used, max FROM counter WHERE id = 1").one();
		if (recent) return { ok: true, sessionId: recent.id, reused: true, ...counter() };
		// The conditional update is the whole race guard: a use is spent only while one is left.
		const spent = sql.exec<{ used: number; max: number }>("UPDATE counter SET used = used + 1 WHERE id = 1 AND used < max RETURNING used, max").toArray()[0];
		if (!spent) return { ok: false, reason: "DOWNLOAD_LIMIT_REACHED", ...counter() };
		const sessionId = crypto.randomUUID();
		sql.exec("INSERT INTO sessions (id, client, created_at) VALUES (?, ?, ?)", sessionId, client, now);
		return { ok: true, sessionId, reused: false, used: spent.used, max: spent.max };
	}

	/** Whether `sessionId` is a download session this grant opened. */
	hasSession(sessionId: string): boolean {
		return this.ctx.storage.sql.exec("SELECT 1 FROM sessions WHERE id = ?", sessionId).toArray().length > 0;
	}

	/** Uses spent and allowed so far (0 of `max` before the first use). */
	usage(): { used: number; max: number } | null {
		return this.ctx.storage.sql.exec<{ used: number; max: number }>("SELECT used, max FROM counter WHERE id = 1").toArray()[0] ?? null;
	}
}
