import { AppError } from "../lib/errors";
import { hmacSha256Hex, secretsEqual } from "../lib/hash";
import type { RateLimit } from "../lib/rate-limit";
import type { PortraitDeps } from "./deps";
import { invalidState, liveJob, type PortraitJob } from "./jobs";
import { normalizeKoreanMobile } from "./phone";
import { phoneMatches } from "./phone-seal";

/**
 * Opening a result (issue 15, step 8): the person types the number the job was made for; a match
 * gives a session cookie for this one job. Only failures are counted, in the RATE_LIMITER Durable
 * Object, the way src/admin/admin-auth.ts counts wrong admin keys: a mismatch hits both counters,
 * a match is accepted only while neither is spent, so a locked-out guesser never learns that a
 * guess was right.
 */

/** Wrong numbers per client network (IPv4 address or IPv6 /64) before it is blocked for the rest of the hour. */
export const VERIFY_CLIENT_FAILURES: RateLimit = { name: "portrait-verify-client", limit: 3, windowMs: 3_600_000 };
/** Wrong numbers per job, from any client, before the job is locked for the rest of the hour (a botnet cannot spread its guesses). */
export const VERIFY_JOB_FAILURES: RateLimit = { name: "portrait-verify-job", limit: 10, windowMs: 3_600_000 };

/** How long a result session lasts. */
export const RESULT_SESSION_MS = 3_600_000;

/** The cookie of one job's result session: its name carries the job id, so sessions of two jobs never overwrite each other. */
export function resultCookieName(jobId: string): string {
	return `rizz_${jobId}`;
}

/**
 * The paths a result cookie is sent to: the job's API routes and its result page, nothing else
 * (the browser sends a cookie only under its Path, so job A's cookie never reaches job B's routes).
 */
export function resultCookiePaths(jobId: string): string[] {
	return [`/api/portraits/${jobId}`, `/result/${jobId}`];
}

/**
 * The session-signing keys: HMAC-SHA256 under a label of each phone-hash key (itself derived from
 * DOWNLOAD_TOKEN_SECRET, src/config/keys.ts), so a session signature can never stand in for a phone
 * hash or a link; the first signs, all verify (a rotation keeps open sessions valid).
 */
export function sessionKeys(deps: Pick<PortraitDeps, "keys">, label: string): Promise<string[]> {
	return Promise.all(deps.keys.phoneHash.map((key) => hmacSha256Hex(key, label)));
}

const SESSION_LABEL = "portrait-result-session:v1";

function sessionPayload(jobId: string, expiresMs: number): string {
	return `${SESSION_LABEL}|${jobId}|${expiresMs}`;
}

/** A session value for `jobId` valid until `expiresMs`: `<expires>.<hex HMAC of the label, job id and expiry>`. */
export async function mintResultSession(deps: Pick<PortraitDeps, "keys">, jobId: string, expiresMs: number): Promise<string> {
	const [key = ""] = await sessionKeys(deps, SESSION_LABEL);
	return `${expiresMs}.${await hmacSha256Hex(key, sessionPayload(jobId, expiresMs))}`;
}

/** Whether `value` is a live session of `jobId`: signed for this job (under any key) and not expired. */
export async function resultSessionValid(deps: Pick<PortraitDeps, "keys">, jobId: string, value: string | undefined, nowMs: number): Promise<boolean> {
	const match = /^(\d{13})\.([0-9a-f]{64})$/.exec(value ?? "");
	if (!match) return false;
	const expiresMs = Number(match[1]);
	if (!(expiresMs > nowMs) || expiresMs > nowMs + RESULT_SESSION_MS) return false;
	let valid = false;
	for (const key of await sessionKeys(deps, SESSION_LABEL)) {
		if (await secretsEqual(await hmacSha256Hex(key, sessionPayload(jobId, expiresMs)), match[2] ?? "")) valid = true;
	}
	return valid;
}

/** `429 TOO_MANY_ATTEMPTS` with its `Retry-After`. */
function tooManyAttempts(retryAfterSeconds: number): AppError {
	return new AppError(429, "TOO_MANY_ATTEMPTS", `Too many wrong numbers; try again in ${retryAfterSeconds} s.`, { "Retry-After": String(retryAfterSeconds) });
}

/**
 * Checks `phone` against job `jobId` for the client whose network hashes to `clientKey`.
 * `404`/`410` for an unknown or deleted job, `409 INVALID_STATE` unless completed, `422
 * INVALID_PHONE` for something that is not a Korean mobile number (not a guess, not counted),
 * `429 TOO_MANY_ATTEMPTS` while the client or the job is locked, `403 PHONE_MISMATCH` (counted).
 * A match returns the session cookie's value and expiry.
 */
export async function verifyResultPhone(
	deps: PortraitDeps,
	jobId: string,
	phone: string,
	clientKey: string,
): Promise<{ job: PortraitJob; session: string; expiresMs: number }> {
	const job = await liveJob(deps.db, jobId);
	if (job.status !== "completed") throw invalidState(job);
	const e164 = normalizeKoreanMobile(phone);
	const at = deps.now().getTime();
	const clientCounter = deps.limiter.getByName(`portrait-verify:client:${clientKey}`);
	const jobCounter = deps.limiter.getByName(`portrait-verify:job:${job.id}`);
	const [client, perJob] = await Promise.all([
		clientCounter.peek(VERIFY_CLIENT_FAILURES.name, VERIFY_CLIENT_FAILURES.limit, VERIFY_CLIENT_FAILURES.windowMs, at),
		jobCounter.peek(VERIFY_JOB_FAILURES.name, VERIFY_JOB_FAILURES.limit, VERIFY_JOB_FAILURES.windowMs, at),
	]);
	const blocked = [client, perJob].filter((verdict) => !verdict.allowed);
	if (blocked.length > 0) throw tooManyAttempts(Math.max(...blocked.map((verdict) => verdict.retryAfterSeconds)));
	const matched = job.phoneHash !== null && (await phoneMatches(deps.keys.phoneHash, job.id, e164, job.phoneHash));
	if (!matched) {
		await Promise.all([
			clientCounter.hit(VERIFY_CLIENT_FAILURES.name, VERIFY_CLIENT_FAILURES.limit, VERIFY_CLIENT_FAILURES.windowMs, at),
			jobCounter.hit(VERIFY_JOB_FAILURES.name, VERIFY_JOB_FAILURES.limit, VERIFY_JOB_FAILURES.windowMs, at),
		]);
		throw new AppError(403, "PHONE_MISMATCH", "This is not the number the portraits were made for.");
	}
	const expiresMs = at + RESULT_SESSION_MS;
	return { job, session: await mintResultSession(deps, job.id, expiresMs), expiresMs };
}

/** The Set-Cookie values of a new session: one per path of the job, HttpOnly, SameSite=Lax, Secure on https. */
export function resultSessionCookies(jobId: string, value: string, secure: boolean): string[] {
	const maxAge = Math.floor(RESULT_SESSION_MS / 1000);
	return resultCookiePaths(jobId).map(
		(path) => `${resultCookieName(jobId)}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`,
	);
}
