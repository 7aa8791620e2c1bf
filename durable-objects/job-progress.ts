import { DurableObject } from "cloudflare:workers";
import { errorBody } from "../src/lib/errors";
import { errorMessage, log } from "../src/lib/log";
import type { JobProgressUpdate } from "../src/shared/job-progress";

/** Sockets one owner may hold open at once (a few tabs and devices); more is a bug or abuse. */
export const MAX_SOCKETS_PER_OWNER = 32;
/** Latest updates kept per owner: live jobs first, then the most recently stored. */
const MAX_REMEMBERED_JOBS = 200;
/** Finished jobs are forgotten after a day; the polling endpoint still has them from D1. */
const FINISHED_RETENTION_MS = 24 * 60 * 60 * 1000;
const TERMINAL = new Set(["succeeded", "failed", "canceled", "expired"]);

/** What one `publish` did. */
export type PublishResult = { stored: true; sockets: number } | { stored: false; reason: "stale" };

/**
 * One object per job owner (`idFromName("<ownerType>:<ownerId>")`): the owner's browsers hold
 * hibernatable WebSockets here, and every change of one of the owner's GPU jobs is published
 * to them. The latest update per job is kept in SQLite so a socket that connects gets the
 * current state first, without a D1 read.
 */
export class JobProgress extends DurableObject<Env> {
	constructor(ctx: DurableObjectState, env: Env) {
		super(ctx, env);
		// Keep-alive pings are answered by the runtime itself, so idle sockets never wake the object.
		ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
		ctx.blockConcurrencyWhile(async () => {
			this.ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS latest (
				job_id TEXT PRIMARY KEY,
				updated_at TEXT NOT NULL,
				terminal INTEGER NOT NULL,
				body TEXT NOT NULL,
				stored_at INTEGER NOT NULL
			)`);
		});
	}

	/**
	 * Accepts a WebSocket upgrade (the only request this object serves: an upgrade can only
	 * reach a Durable Object through `fetch`). The route has already checked the owner's token.
	 * The new socket is sent the latest update of every remembered job, oldest first.
	 */
	override async fetch(request: Request): Promise<Response> {
		const requestId = request.headers.get("X-Request-Id") ?? "";
		if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
			return Response.json(errorBody("UPGRADE_REQUIRED", "Expected a WebSocket upgrade.", requestId), { status: 426, headers: { Upgrade: "websocket" } });
		}
		if (this.ctx.getWebSockets().length >= MAX_SOCKETS_PER_OWNER) {
			return Response.json(errorBody("RATE_LIMITED", "Too many open progress connections; close a tab and retry.", requestId), { status: 429 });
		}
		const pair = new WebSocketPair();
		const [client, server] = [pair[0], pair[1]];
		this.ctx.acceptWebSocket(server);
		for (const update of this.snapshot()) server.send(JSON.stringify(update));
		return new Response(null, { status: 101, webSocket: client });
	}

	/**
	 * Remembers `update` as its job's latest state and sends it to every open socket of this
	 * owner. An update older than the one remembered (`updated_at`) is dropped, so two publishes
	 * that cross on the way here cannot move a browser backwards. Sockets that fail to take the
	 * message are skipped; the runtime closes them.
	 */
	publish(update: JobProgressUpdate, now: number = Date.now()): PublishResult {
		const sql = this.ctx.storage.sql;
		const body = JSON.stringify(update);
		const stored = sql
			.exec(
				`INSERT INTO latest (job_id, updated_at, terminal, body, stored_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (job_id) DO UPDATE SET updated_at = excluded.updated_at, terminal = excluded.terminal, body = excluded.body, stored_at = excluded.stored_at
				WHERE excluded.updated_at >= latest.updated_at
				RETURNING job_id`,
				update.job_id,
				update.updated_at,
				TERMINAL.has(update.status) ? 1 : 0,
				body,
				now,
			)
			.toArray();
		if (stored.length === 0) return { stored: false, reason: "stale" };
		this.prune(now);
		let sockets = 0;
		for (const ws of this.ctx.getWebSockets()) {
			try {
				ws.send(body);
				sockets++;
			} catch {
				// Closing or already closed: its webSocketClose handler tidies up.
			}
		}
		return { stored: true, sockets };
	}

	/** The latest remembered update of every job of this owner, oldest first. */
	snapshot(): JobProgressUpdate[] {
		return this.ctx.storage.sql
			.exec<{ body: string }>("SELECT body FROM latest ORDER BY updated_at, job_id")
			.toArray()
			.map((row) => JSON.parse(row.body) as JobProgressUpdate);
	}

	/** How many sockets are open now (for tests and operators). */
	openSockets(): number {
		return this.ctx.getWebSockets().length;
	}

	/** Clients have nothing to say beyond "ping", which the runtime answers; anything else is ignored. */
	override webSocketMessage(_ws: WebSocket, _message: string | ArrayBuffer): void {}

	/** Completes the close handshake the client started (the Hibernation API leaves that to us). */
	override webSocketClose(ws: WebSocket, code: number, reason: string): void {
		// 1005, 1006 and 1015 are reserved: they may be reported but never sent.
		const sendable = code === 1005 || code === 1006 || code === 1015 ? 1000 : code;
		try {
			ws.close(sendable, reason);
		} catch {
			// Already closed: nothing to answer.
		}
	}

	/** A socket that errored is closed by the runtime; nothing is kept per socket, so only log it. */
	override webSocketError(_ws: WebSocket, error: unknown): void {
		log("warn", "job progress socket error", { error: errorMessage(error) });
	}

	private prune(now: number): void {
		const sql = this.ctx.storage.sql;
		sql.exec("DELETE FROM latest WHERE terminal = 1 AND stored_at < ?", now - FINISHED_RETENTION_MS);
		sql.exec("DELETE FROM latest WHERE job_id NOT IN (SELECT job_id FROM latest ORDER BY terminal, stored_at DESC LIMIT ?)", MAX_REMEMBERED_JOBS);
	}
}
