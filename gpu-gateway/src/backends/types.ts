import type { GpuJobInput, GpuJobKind, InputFile } from "../../../src/shared/gpu-jobs.ts";

/** What a backend is asked to run: one attempt of one job. */
export type BackendJob = { [K in GpuJobKind]: { id: string; attempt: number; kind: K; input: GpuJobInput<K> } }[GpuJobKind];

/** One file a backend produced. */
export type BackendArtifact = { name: string; contentType: string; bytes: Uint8Array };

/** What a backend returns when an attempt succeeds. */
export type BackendResult = { artifacts: BackendArtifact[] };

/** Services the runner offers a backend during an attempt. */
export type BackendContext = {
	/** Aborted on cancel, timeout, deadline or shutdown; backends must stop promptly. */
	signal: AbortSignal;
	/** Reports progress; also counts as a heartbeat for the watchdog. */
	progress(percent: number, step: string): void;
	/** Reads an artifact of an earlier job (e.g. a trained model), checked against its digest. */
	readArtifact(jobId: string, name: string, sha256: string): Promise<Uint8Array>;
	/**
	 * Loads an input file of this job, checked against its digest. The runner knows where it
	 * lives (the job's Worker, the offline mirror, or a URL behind the SSRF guard); backends do not.
	 */
	loadInput(file: InputFile): Promise<Uint8Array>;
};

/** The adapter every execution backend implements (local CPU now; replicate, runpod, comfyui later). */
export interface GpuBackend {
	readonly name: string;
	readonly kinds: readonly GpuJobKind[];
	/** Runs one attempt; throws `BackendError` (or anything, read as retryable) on failure. */
	run(job: BackendJob, ctx: BackendContext): Promise<BackendResult>;
}

/** A failure a backend classifies itself: `retryable` decides whether the runner tries again. */
export class BackendError extends Error {
	readonly code: string;
	readonly retryable: boolean;

	constructor(code: string, message: string, retryable: boolean) {
		super(message);
		this.code = code;
		this.retryable = retryable;
	}
}
