import { DurableObject } from "cloudflare:workers";

/** The result of trying to spend a use of a grant. */
export type RedeemResult =
	| { ok: true; sessionId: string; reused: boolean; used: number; max: number }
	| { ok: false; reason: "DOWNLOAD_LIMIT_REACHED"; used: number; max: number };

/**
 * Whether a file session may serve one more request of a client: the session is one this grant
 * opened and the client's network is one of at most `maxClients`; with the bytes served so far.
 */
export type SessionAdmission =
	| { ok: true; clients: number; served: number }
	| { ok: false; reason: "UNKNOWN_SESSION" | "CLIENT_LIMIT"; clients: number; served: number };

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
				CREATE INDEX IF NOT EXISTS sessions_client ON sessions (client, created_at);
				CREATE TABLE IF NOT EXISTS session_clients (session_id TEXT NOT NULL, client TEXT NOT NULL, PRIMARY KEY (session_id, client));
				CREATE TABLE IF NOT EXISTS session_usage (session_id TEXT PRIMARY KEY, served INTEGER NOT NULL);`);
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

	/**
	 * Admits one request of `client` (a keyed hash of its network) to a download session: a client
	 * the session already served always may, a new one only while fewer than `maxClients` have
	 * (one conditional insert, so concurrent newcomers cannot pass the bound). Returns the bytes
	 * served so far with it, for the caller to hold against the package's budget; refusals are values.
	 */
	admitToSession(sessionId: string, client: string, maxClients: number): SessionAdmission {
		const sql = this.ctx.storage.sql;
		if (!this.hasSession(sessionId)) return { ok: false, reason: "UNKNOWN_SESSION", clients: 0, served: 0 };
		sql.exec("INSERT OR IGNORE INTO session_usage (session_id, served) VALUES (?, 0)", sessionId);
		sql.exec(
			"INSERT OR IGNORE INTO session_clients (session_id, client) SELECT ?, ? WHERE (SELECT COUNT(*) FROM session_clients WHERE session_id = ?) < ?",
			sessionId,
			client,
			sessionId,
			maxClients,
		);
		const known = sql.exec("SELECT 1 FROM session_clients WHERE session_id = ? AND client = ?", sessionId, client).toArray().length > 0;
		const clients = sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM session_clients WHERE session_id = ?", sessionId).one().n;
		const served = sql.exec<{ served: number }>("SELECT served FROM session_usage WHERE session_id = ?", sessionId).one().served;
		if (!known) return { ok: false, reason: "CLIENT_LIMIT", clients, served };
		return { ok: true, clients, served };
	}

	/**
	 * Counts `bytes` about to be sent by a download session, while fewer than `maxBytes` were
	 * (the conditional update is the race guard: the last charge may cross the bound, none after
	 * it). Returns whether they may be sent and the session's total.
	 */
	chargeSession(sessionId: string, bytes: number, maxBytes: number): { ok: boolean; served: number } {
		const sql = this.ctx.storage.sql;
		const charged = sql
			.exec<{ served: number }>("UPDATE session_usage SET served = served + ? WHERE session_id = ? AND served < ? RETURNING served", bytes, sessionId, maxBytes)
			.toArray()[0];
		if (charged) return { ok: true, served: charged.served };
		const current = sql.exec<{ served: number }>("SELECT served FROM session_usage WHERE session_id = ?", sessionId).toArray()[0];
		return { ok: false, served: current?.served ?? 0 };
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
