import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { JobStore } from "../src/store.ts";
import { tempDataDir } from "./helpers.ts";

describe("JobStore schema upgrade", () => {
	it("adds artifacts.uploaded_at to a data dir written before uploads existed, keeping its rows", () => {
		const path = join(tempDataDir(), "gateway.sqlite");
		// The artifacts table as the first release created it.
		const old = new DatabaseSync(path);
		old.exec(`CREATE TABLE artifacts (
			job_id TEXT NOT NULL, name TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
			content_type TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (job_id, name))`);
		old.prepare("INSERT INTO artifacts VALUES (?, ?, ?, ?, ?, ?)").run("job_old", "image.png", "a".repeat(64), 10, "image/png", "/data/x");
		old.close();

		const store = new JobStore(path);
		expect(store.listArtifacts("job_old")).toEqual([
			{ job_id: "job_old", name: "image.png", sha256: "a".repeat(64), size: 10, content_type: "image/png", path: "/data/x", uploaded_at: null },
		]);
		store.markArtifactUploaded("job_old", "image.png", "a".repeat(64), 1_700_000_000_000);
		expect(store.listArtifacts("job_old")[0]?.uploaded_at).toBe(1_700_000_000_000);
		store.close();

		// Opening it again is a no-op, not a second ALTER.
		const again = new JobStore(path);
		expect(again.listArtifacts("job_old")[0]?.uploaded_at).toBe(1_700_000_000_000);
		again.close();
	});

	it("marks an upload only for the bytes it was made for", () => {
		const store = new JobStore(join(tempDataDir(), "gateway.sqlite"));
		const row = { job_id: "job_1", name: "a.png", sha256: "b".repeat(64), size: 1, content_type: "image/png", path: "/x", uploaded_at: null };
		store.transaction(() => {
			store.insertJob({
				id: "job_1",
				kind: "image.generate",
				status: "succeeded",
				owner_type: "order",
				owner_id: "o",
				input_json: null,
				body_sha256: "c".repeat(64),
				idempotency_key: "key-store-1",
				callback_url: null,
				attempt: 1,
				max_attempts: 3,
				progress_percent: 100,
				progress_step: "done",
				error_json: null,
				queue_ttl_at: 0,
				run_timeout_ms: 1,
				deadline_at: 0,
				next_attempt_at: 0,
				last_progress_event_at: 0,
				created_at: 0,
				updated_at: 0,
				purged_at: null,
			});
			store.insertArtifact(row);
		});
		store.markArtifactUploaded("job_1", "a.png", "d".repeat(64), 5);
		expect(store.listArtifacts("job_1")[0]?.uploaded_at).toBeNull();
		store.markArtifactUploaded("job_1", "a.png", "b".repeat(64), 6);
		expect(store.listArtifacts("job_1")[0]?.uploaded_at).toBe(6);
		// Rewriting the file makes it pending again.
		store.insertArtifact({ ...row, sha256: "e".repeat(64) });
		expect(store.listArtifacts("job_1")[0]?.uploaded_at).toBeNull();
		store.close();
	});
});
