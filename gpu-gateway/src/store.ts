import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import type { GpuJobStatus } from "../../src/shared/gpu-jobs.ts";

/** One row of `jobs`. Times are epoch milliseconds. */
export type JobRow = {
	id: string;
	kind: string;
	status: GpuJobStatus;
	owner_type: string;
	owner_id: string;
	input_json: string | null;
	body_sha256: string;
	idempotency_key: string;
	callback_url: string | null;
	attempt: number;
	max_attempts: number;
	progress_percent: number;
	progress_step: string;
	error_json: string | null;
	queue_ttl_at: number;
	run_timeout_ms: number;
	deadline_at: number;
	next_attempt_at: number;
	last_progress_event_at: number;
	created_at: number;
	updated_at: number;
	purged_at: number | null;
};

/** Columns a state change may write. */
export type JobPatch = Partial<Omit<JobRow, "id" | "kind" | "owner_type" | "owner_id" | "body_sha256" | "idempotency_key" | "created_at">>;

/** One row of `artifacts`. `uploaded_at` is when the Worker last accepted the bytes (null: not yet, or no Worker). */
export type ArtifactRow = { job_id: string; name: string; sha256: string; size: number; content_type: string; path: string; uploaded_at: number | null };

/** One row of `outbox`: a signed-at-send event waiting for (or past) delivery. */
export type OutboxRow = {
	id: string;
	job_id: string;
	callback_url: string;
	type: string;
	body: string;
	attempts: number;
	next_attempt_at: number;
	delivered_at: number | null;
};

const SCHEMA = `
CREATE TABLE IF NOT EXISTS jobs (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL,
	status TEXT NOT NULL,
	owner_type TEXT NOT NULL,
	owner_id TEXT NOT NULL,
	input_json TEXT,
	body_sha256 TEXT NOT NULL,
	idempotency_key TEXT NOT NULL UNIQUE,
	callback_url TEXT,
	attempt INTEGER NOT NULL DEFAULT 0,
	max_attempts INTEGER NOT NULL,
	progress_percent REAL NOT NULL DEFAULT 0,
	progress_step TEXT NOT NULL DEFAULT 'queued',
	error_json TEXT,
	queue_ttl_at INTEGER NOT NULL,
	run_timeout_ms INTEGER NOT NULL,
	deadline_at INTEGER NOT NULL,
	next_attempt_at INTEGER NOT NULL,
	last_progress_event_at INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	purged_at INTEGER
);
CREATE INDEX IF NOT EXISTS jobs_status ON jobs (status, next_attempt_at);
CREATE TABLE IF NOT EXISTS attempts (
	job_id TEXT NOT NULL REFERENCES jobs (id),
	number INTEGER NOT NULL,
	status TEXT NOT NULL,
	error_json TEXT,
	started_at INTEGER NOT NULL,
	finished_at INTEGER,
	PRIMARY KEY (job_id, number)
);
CREATE TABLE IF NOT EXISTS artifacts (
	job_id TEXT NOT NULL REFERENCES jobs (id),
	name TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	size INTEGER NOT NULL,
	content_type TEXT NOT NULL,
	path TEXT NOT NULL,
	uploaded_at INTEGER,
	PRIMARY KEY (job_id, name)
);
CREATE TABLE IF NOT EXISTS outbox (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	id TEXT NOT NULL UNIQUE,
	job_id TEXT NOT NULL,
	callback_url TEXT NOT NULL,
	type TEXT NOT NULL,
	body TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at INTEGER NOT NULL,
	delivered_at INTEGER,
	last_error TEXT
);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (delivered_at, next_attempt_at);
`;

/**
 * Columns added after a release, with their definitions. `CREATE TABLE IF NOT EXISTS` leaves an
 * existing file's tables as they were, so each is added here when missing; additive and nullable only.
 */
const ADDED_COLUMNS: readonly { table: string; column: string; definition: string }[] = [{ table: "artifacts", column: "uploaded_at", definition: "INTEGER" }];

const PATCHABLE = new Set<string>([
	"status",
	"input_json",
	"callback_url",
	"attempt",
	"max_attempts",
	"progress_percent",
	"progress_step",
	"error_json",
	"queue_ttl_at",
	"run_timeout_ms",
	"deadline_at",
	"next_attempt_at",
	"last_progress_event_at",
	"updated_at",
	"purged_at",
]);

type Row = Record<string, unknown>;

function str(row: Row, key: string): string {
	const v = row[key];
	if (typeof v !== "string") throw new Error(`column ${key} is not text`);
	return v;
}

function strOrNull(row: Row, key: string): string | null {
	const v = row[key];
	return typeof v === "string" ? v : null;
}

function num(row: Row, key: string): number {
	const v = row[key];
	if (typeof v === "number") return v;
	if (typeof v === "bigint") return Number(v);
	throw new Error(`column ${key} is not a number`);
}

function numOrNull(row: Row, key: string): number | null {
	const v = row[key];
	return v === null || v === undefined ? null : num(row, key);
}

function toJobRow(row: Row): JobRow {
	return {
		id: str(row, "id"),
		kind: str(row, "kind"),
		status: str(row, "status") as GpuJobStatus,
		owner_type: str(row, "owner_type"),
		owner_id: str(row, "owner_id"),
		input_json: strOrNull(row, "input_json"),
		body_sha256: str(row, "body_sha256"),
		idempotency_key: str(row, "idempotency_key"),
		callback_url: strOrNull(row, "callback_url"),
		attempt: num(row, "attempt"),
		max_attempts: num(row, "max_attempts"),
		progress_percent: num(row, "progress_percent"),
		progress_step: str(row, "progress_step"),
		error_json: strOrNull(row, "error_json"),
		queue_ttl_at: num(row, "queue_ttl_at"),
		run_timeout_ms: num(row, "run_timeout_ms"),
		deadline_at: num(row, "deadline_at"),
		next_attempt_at: num(row, "next_attempt_at"),
		last_progress_event_at: num(row, "last_progress_event_at"),
		created_at: num(row, "created_at"),
		updated_at: num(row, "updated_at"),
		purged_at: numOrNull(row, "purged_at"),
	};
}

function toOutboxRow(row: Row): OutboxRow {
	return {
		id: str(row, "id"),
		job_id: str(row, "job_id"),
		callback_url: str(row, "callback_url"),
		type: str(row, "type"),
		body: str(row, "body"),
		attempts: num(row, "attempts"),
		next_attempt_at: num(row, "next_attempt_at"),
		delivered_at: numOrNull(row, "delivered_at"),
	};
}

function toArtifactRow(row: Row): ArtifactRow {
	return {
		job_id: str(row, "job_id"),
		name: str(row, "name"),
		sha256: str(row, "sha256"),
		size: num(row, "size"),
		content_type: str(row, "content_type"),
		path: str(row, "path"),
		uploaded_at: numOrNull(row, "uploaded_at"),
	};
}

/** SQLite persistence of jobs, attempts, artifacts and the event outbox. Synchronous by design: one process owns the file. */
export class JobStore {
	private readonly db: DatabaseSync;
	private txDepth = 0;

	constructor(path: string) {
		this.db = new DatabaseSync(path);
		// WAL keeps readers (HTTP) from blocking the runner's writes; busy_timeout covers checkpoints.
		this.db.exec("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;");
		this.db.exec(SCHEMA);
		this.addMissingColumns();
	}

	/** Brings a data dir written by an older gateway up to the current schema. */
	private addMissingColumns(): void {
		for (const { table, column, definition } of ADDED_COLUMNS) {
			const columns = this.db.prepare(`PRAGMA table_info(${table})`).all();
			if (!columns.some((c) => c.name === column)) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
		}
	}

	/**
	 * Runs `fn` in one transaction, so a state change and its outbox event land together.
	 * Nested calls join the outer transaction.
	 */
	transaction<T>(fn: () => T): T {
		if (this.txDepth > 0) {
			this.txDepth += 1;
			try {
				return fn();
			} finally {
				this.txDepth -= 1;
			}
		}
		this.db.exec("BEGIN IMMEDIATE");
		this.txDepth = 1;
		try {
			const result = fn();
			this.db.exec("COMMIT");
			return result;
		} catch (err) {
			this.db.exec("ROLLBACK");
			throw err;
		} finally {
			this.txDepth = 0;
		}
	}

	/** Inserts a new job row. */
	insertJob(job: JobRow): void {
		const keys = Object.keys(job);
		const values: SQLInputValue[] = Object.values(job);
		this.db.prepare(`INSERT INTO jobs (${keys.join(", ")}) VALUES (${keys.map(() => "?").join(", ")})`).run(...values);
	}

	/** The job with this id, if any. */
	getJob(id: string): JobRow | undefined {
		const row = this.db.prepare("SELECT * FROM jobs WHERE id = ?").get(id);
		return row ? toJobRow(row) : undefined;
	}

	/** The job created under this idempotency key, if any. */
	findByIdempotencyKey(key: string): JobRow | undefined {
		const row = this.db.prepare("SELECT * FROM jobs WHERE idempotency_key = ?").get(key);
		return row ? toJobRow(row) : undefined;
	}

	/** Jobs in any of these statuses, oldest first. */
	listByStatus(statuses: readonly GpuJobStatus[]): JobRow[] {
		const rows = this.db.prepare(`SELECT * FROM jobs WHERE status IN (${statuses.map(() => "?").join(", ")}) ORDER BY created_at, id`).all(...statuses);
		return rows.map(toJobRow);
	}

	/**
	 * Conditional update: applies `patch` only while the job is in one of `from` (and on
	 * `attempt`, when given), so two racing transitions cannot both win.
	 */
	updateJob(id: string, from: readonly GpuJobStatus[], patch: JobPatch, attempt?: number): JobRow | undefined {
		const entries = Object.entries(patch).filter(([k, v]) => v !== undefined && PATCHABLE.has(k));
		const sets = entries.map(([k]) => `${k} = ?`).join(", ");
		const values: SQLInputValue[] = entries.map(([, v]) => v as SQLInputValue);
		let sql = `UPDATE jobs SET ${sets} WHERE id = ? AND status IN (${from.map(() => "?").join(", ")})`;
		values.push(id, ...from);
		if (attempt !== undefined) {
			sql += " AND attempt = ?";
			values.push(attempt);
		}
		const row = this.db.prepare(`${sql} RETURNING *`).get(...values);
		return row ? toJobRow(row) : undefined;
	}

	/** Records the start of an attempt. */
	insertAttempt(jobId: string, number: number, startedAt: number): void {
		this.db.prepare("INSERT OR REPLACE INTO attempts (job_id, number, status, started_at) VALUES (?, ?, 'running', ?)").run(jobId, number, startedAt);
	}

	/** Records how an attempt ended. */
	finishAttempt(jobId: string, number: number, status: string, errorJson: string | null, finishedAt: number): void {
		this.db
			.prepare("UPDATE attempts SET status = ?, error_json = ?, finished_at = ? WHERE job_id = ? AND number = ? AND finished_at IS NULL")
			.run(status, errorJson, finishedAt, jobId, number);
	}

	/** Every attempt of a job, first to last. */
	listAttempts(jobId: string): { number: number; status: string; error_json: string | null }[] {
		return this.db
			.prepare("SELECT number, status, error_json FROM attempts WHERE job_id = ? ORDER BY number")
			.all(jobId)
			.map((r) => ({ number: num(r, "number"), status: str(r, "status"), error_json: strOrNull(r, "error_json") }));
	}

	/** Records one output file; a replaced file counts as not uploaded, since its bytes may differ. */
	insertArtifact(a: ArtifactRow): void {
		this.db
			.prepare("INSERT OR REPLACE INTO artifacts (job_id, name, sha256, size, content_type, path, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
			.run(a.job_id, a.name, a.sha256, a.size, a.content_type, a.path, a.uploaded_at);
	}

	/** Marks an artifact as accepted by the Worker, so a later delivery attempt does not send it again. */
	markArtifactUploaded(jobId: string, name: string, sha256: string, now: number): void {
		// Matching on the digest too: a file rewritten since the upload began stays pending.
		this.db.prepare("UPDATE artifacts SET uploaded_at = ? WHERE job_id = ? AND name = ? AND sha256 = ?").run(now, jobId, name, sha256);
	}

	/** A job's output files, by name. */
	listArtifacts(jobId: string): ArtifactRow[] {
		return this.db.prepare("SELECT * FROM artifacts WHERE job_id = ? ORDER BY name").all(jobId).map(toArtifactRow);
	}

	/** Forgets a job's output files (the caller deletes the bytes). */
	deleteArtifacts(jobId: string): void {
		this.db.prepare("DELETE FROM artifacts WHERE job_id = ?").run(jobId);
	}

	/** Appends an event to the outbox. */
	appendEvent(e: { id: string; job_id: string; callback_url: string; type: string; body: string; now: number }): void {
		this.db
			.prepare("INSERT INTO outbox (id, job_id, callback_url, type, body, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)")
			.run(e.id, e.job_id, e.callback_url, e.type, e.body, e.now);
	}

	/** Undelivered events, due or not, in append order: at most `limit`, and `perJob` of each job. */
	pendingEvents(limit: number, perJob: number): OutboxRow[] {
		// The first `perJob` of each job only: one job's backlog (its receiver down for hours)
		// must not fill the batch and starve every other job's events.
		return this.db
			.prepare(
				`SELECT * FROM (
					SELECT *, ROW_NUMBER() OVER (PARTITION BY job_id ORDER BY seq) AS lane_position FROM outbox WHERE delivered_at IS NULL
				) WHERE lane_position <= ? ORDER BY seq LIMIT ?`,
			)
			.all(perJob, limit)
			.map(toOutboxRow);
	}

	/** Every event of a job, in append order (for tests and diagnostics). */
	listEvents(jobId: string): OutboxRow[] {
		return this.db.prepare("SELECT * FROM outbox WHERE job_id = ? ORDER BY seq").all(jobId).map(toOutboxRow);
	}

	/** Marks an event delivered. */
	markDelivered(id: string, now: number): void {
		this.db.prepare("UPDATE outbox SET delivered_at = ?, attempts = attempts + 1 WHERE id = ?").run(now, id);
	}

	/** Schedules another delivery attempt. */
	markDeliveryFailed(id: string, nextAttemptAt: number, error: string): void {
		this.db.prepare("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?").run(nextAttemptAt, error, id);
	}

	/** Closes the database file. */
	close(): void {
		if (this.db.isOpen) this.db.close();
	}
}
