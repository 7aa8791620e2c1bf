import { eq, sql } from "drizzle-orm";
import { downloadLog, grants, orders } from "../db/schema";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { log } from "../lib/log";
import type { ClientInfo } from "./client";
import type { CommerceDeps } from "./deps";
import { sessionByteBudget } from "./session-meter";
import { readToken, signToken, type TokenPurpose, type VerifiedClaims } from "./tokens";

type GrantRow = typeof grants.$inferSelect;
type OrderRow = typeof orders.$inferSelect;

/** A grant with the order it belongs to (none for QA grants). */
export type GrantAccess = { grant: GrantRow; order: OrderRow | null };

/** One line of the download log. */
export type DownloadAttempt = {
	action: "landing" | "redeem" | "file";
	client: ClientInfo;
	status: number;
	reason: string;
	access?: GrantAccess | null;
	sessionId?: string | null;
	range?: string | null;
};

/**
 * What a download request learnt about its grant before it was answered: set as soon as its
 * token's signature verified (before its expiry or the grant's state is judged), so that a
 * refusal from then on is logged with the grant, the order and the session.
 */
export type DownloadTrace = { access: GrantAccess | null; sessionId: string | null };

/** A trace that knows nothing yet. */
export function newDownloadTrace(): DownloadTrace {
	return { access: null, sessionId: null };
}

/** Refusals of unverifiable tokens are counted per client network and minute, and the counters kept a day. */
const REFUSAL_WINDOW_MS = 60_000;
const REFUSAL_KEEP_MS = 24 * 60 * 60_000;

/**
 * Records a download attempt. One whose token verified and named a grant is a row of the download
 * log, allowed or denied, with its grant and order. Any other (a token that does not verify, a
 * grant that does not exist, a request refused by the rate limit before its token was read) is
 * a counter per client network, minute and reason in the client's RATE_LIMITER object, never a
 * row: anyone can send garbage tokens, and a row each would let them fill D1.
 */
export async function recordDownloadAttempt(deps: CommerceDeps, attempt: DownloadAttempt): Promise<void> {
	if (attempt.access) return logDownloadAttempt(deps, attempt);
	const now = deps.now().getTime();
	const name = `download-refusals:${attempt.action}:${attempt.reason}`;
	const count = await deps.limiter.getByName(`ip:${attempt.client.ipHash}`).tally(name, REFUSAL_WINDOW_MS, now, REFUSAL_KEEP_MS);
	// A log line at the 1st, 10th, 100th, … refusal of a client's minute: a burst's size without a line per request.
	if (/^10*$/.test(String(count))) {
		log("warn", "download refusals", {
			ipHash: attempt.client.ipHash,
			action: attempt.action,
			reason: attempt.reason,
			status: attempt.status,
			count,
			minute: new Date(now - (now % REFUSAL_WINDOW_MS)).toISOString(),
		});
	}
}

/** Appends an attempt to the download log; allowed when the status is below 400. */
export async function logDownloadAttempt(deps: CommerceDeps, attempt: DownloadAttempt): Promise<void> {
	await deps.db.insert(downloadLog).values({
		id: newId("dl"),
		createdAt: deps.now().toISOString(),
		action: attempt.action,
		outcome: attempt.status < 400 ? "allowed" : "denied",
		reason: attempt.reason,
		grantId: attempt.access?.grant.id ?? null,
		orderId: attempt.access?.grant.orderId ?? null,
		productId: attempt.access?.grant.productId ?? null,
		sessionId: attempt.sessionId ?? null,
		ipHash: attempt.client.ipHash,
		userAgent: attempt.client.userAgent || null,
		range: attempt.range ?? null,
		status: attempt.status,
	});
}

/** Reads a grant and its order; an unknown grant means the token was never ours. */
export async function loadGrantAccess(deps: CommerceDeps, grantId: string): Promise<GrantAccess> {
	// One query for both: this runs on every download request.
	const [row] = await deps.db
		.select({ grant: grants, order: orders })
		.from(grants)
		.leftJoin(orders, eq(orders.id, grants.orderId))
		.where(eq(grants.id, grantId))
		.limit(1);
	if (!row) throw new AppError(401, "TOKEN_INVALID", "This link is not valid.");
	return { grant: row.grant, order: row.order };
}

/**
 * The checks every download request makes, whatever its token says: the order is paid and not
 * refunded or disputed, and the grant is not revoked or suspended. `forNewUse` adds the check
 * that only matters when a use may be spent: the grant's download period has not ended. Whether
 * uses are left is the grant's Durable Object's call (a double click reuses a spent one).
 */
export function assertAccess({ grant, order }: GrantAccess, now: Date, forNewUse: boolean): void {
	if (grant.purpose === "order") {
		if (!order || ["PENDING", "EXPIRED", "CANCELED"].includes(order.status)) throw new AppError(402, "ORDER_NOT_PAID", "This order has not been paid.");
		if (order.status === "REFUNDED") throw new AppError(403, "ACCESS_REVOKED", "This order was refunded, so its downloads are no longer available.");
		if (order.status === "DISPUTED") throw new AppError(403, "ACCESS_REVOKED", "Downloads are suspended while a payment dispute is open.");
	}
	if (grant.status === "REVOKED") throw new AppError(403, "ACCESS_REVOKED", "Access to this download was revoked.");
	if (grant.status === "SUSPENDED") throw new AppError(403, "ACCESS_REVOKED", "Access to this download is suspended.");
	if (!forNewUse) return;
	if (grant.status === "EXPIRED" || (grant.expiresAt && new Date(grant.expiresAt) <= now)) {
		throw new AppError(410, "TOKEN_EXPIRED", "The download period for this purchase has ended.");
	}
}

function assertUsesLeft({ grant }: GrantAccess): void {
	if (grant.status === "EXHAUSTED" || grant.downloadsUsed >= grant.maxDownloads) {
		throw new AppError(410, "DOWNLOAD_LIMIT_REACHED", "All downloads of this purchase have been used.");
	}
}

/** A fresh download link for a live grant: expires with the link life or the grant, whichever is first. */
export async function mintDownloadUrl(deps: CommerceDeps, grant: GrantRow): Promise<string> {
	const now = deps.now();
	const linkEnd = now.getTime() + grant.linkTtlSeconds * 1000;
	const expiresAt = new Date(grant.expiresAt ? Math.min(linkEnd, new Date(grant.expiresAt).getTime()) : linkEnd);
	const token = await signToken(deps.keyring, { purpose: "download", grantId: grant.id }, now, expiresAt);
	return `${deps.config.baseUrl}/download/${token}`;
}

/**
 * Verifies a token and loads the grant it names onto `trace`, then refuses it if it must be
 * (expired, minted for another purpose): an expired token is ours once its signature verified,
 * so its refusal is logged with its grant, though it is never honoured.
 */
async function verifiedGrant(
	deps: CommerceDeps,
	token: string,
	purpose: TokenPurpose,
	trace: DownloadTrace,
): Promise<GrantAccess & { claims: VerifiedClaims }> {
	const reading = await readToken(deps.keyring, token, purpose, deps.now());
	if (!reading.claims) throw reading.error;
	const access = await loadGrantAccess(deps, reading.claims.grantId);
	trace.access = access;
	trace.sessionId = reading.claims.sessionId ?? null;
	if (reading.error) throw reading.error;
	return { ...access, claims: reading.claims };
}

/** A verified download link, with what it grants, for the landing page. */
export async function inspectDownloadLink(deps: CommerceDeps, token: string, trace: DownloadTrace = newDownloadTrace()): Promise<GrantAccess> {
	const access = await verifiedGrant(deps, token, "download", trace);
	assertAccess(access, deps.now(), true);
	assertUsesLeft(access);
	return access;
}

/** A verified download link whose grant may spend a use, for the redeeming POST. */
export async function authorizeRedeem(deps: CommerceDeps, token: string, trace: DownloadTrace = newDownloadTrace()): Promise<GrantAccess> {
	const access = await verifiedGrant(deps, token, "download", trace);
	assertAccess(access, deps.now(), true);
	return access;
}

/**
 * Spends one use of a download link (the same client within the reuse window gets its open
 * session back instead) and returns the file-session token that `/files/:session` serves.
 * The grant's Durable Object decides; D1 mirrors its counter.
 */
export async function redeemDownloadLink(deps: CommerceDeps, token: string, client: ClientInfo, access: GrantAccess) {
	const now = deps.now();
	const { grant } = access;
	const result = await deps.grants.getByName(grant.id).redeem(client.clientHash, grant.maxDownloads, now.getTime(), deps.config.sessionReuseMs);
	if (!result.ok) {
		await mirrorUsage(deps, grant.id, result.used);
		throw new AppError(410, "DOWNLOAD_LIMIT_REACHED", "All downloads of this purchase have been used.");
	}
	if (!result.reused) await mirrorUsage(deps, grant.id, result.used);
	const fileToken = await signToken(
		deps.keyring,
		{ purpose: "file", grantId: grant.id, sessionId: result.sessionId },
		now,
		new Date(now.getTime() + deps.config.fileSessionTtlMs),
	);
	return { fileToken, sessionId: result.sessionId, reused: result.reused, used: result.used, max: result.max, token };
}

/** Copies the Durable Object's counter into D1 (never backwards) and marks a spent grant. */
async function mirrorUsage(deps: CommerceDeps, grantId: string, used: number): Promise<void> {
	await deps.db
		.update(grants)
		.set({
			downloadsUsed: sql`MAX(${grants.downloadsUsed}, ${used})`,
			status: sql`CASE WHEN ${grants.status} = 'ACTIVE' AND ${used} >= ${grants.maxDownloads} THEN 'EXHAUSTED' ELSE ${grants.status} END`,
			updatedAt: deps.now().toISOString(),
		})
		.where(eq(grants.id, grantId));
}

/** An open file session: its grant and order, its id, and the bytes it may send in all. */
export type FileSession = GrantAccess & { sessionId: string; byteBudget: number };

/**
 * Opens a file session for one request of `client`: the token is ours, for files, unexpired; the
 * grant and order still allow access; the session is one the grant opened, and serves at most
 * `sessionMaxClients` client networks and `sessionMaxCopies` copies of the package in bytes sent
 * (else `410 DOWNLOAD_LIMIT_REACHED`): one spent use cannot be shared with the world. Spends
 * nothing: a session was paid for when it was redeemed. What it learns goes on `trace`.
 */
export async function openFileSession(
	deps: CommerceDeps,
	fileToken: string,
	client: ClientInfo,
	trace: DownloadTrace = newDownloadTrace(),
): Promise<FileSession> {
	const reading = await readToken(deps.keyring, fileToken, "file", deps.now());
	if (!reading.claims) throw reading.error;
	const { grantId, sessionId = "" } = reading.claims;
	const grantObject = deps.grants.getByName(grantId);
	// The ledger and the grant's Durable Object are independent: ask both at once.
	const [access, admission] = await Promise.all([
		loadGrantAccess(deps, grantId),
		reading.error ? null : grantObject.admitToSession(sessionId, client.ipHash, deps.config.sessionMaxClients),
	]);
	trace.access = access;
	trace.sessionId = sessionId || null;
	if (reading.error) throw reading.error;
	assertAccess(access, deps.now(), false);
	if (!admission || (!admission.ok && admission.reason === "UNKNOWN_SESSION")) throw new AppError(401, "TOKEN_INVALID", "This download session is not valid.");
	if (!admission.ok) {
		throw new AppError(
			410,
			"DOWNLOAD_LIMIT_REACHED",
			`This download was opened from more than ${deps.config.sessionMaxClients} networks. Use the download button on your order page to start a new one.`,
		);
	}
	const byteBudget = sessionByteBudget(access.grant.packageSize, deps.config.sessionMaxCopies);
	if (admission.served >= byteBudget) {
		throw new AppError(
			410,
			"DOWNLOAD_LIMIT_REACHED",
			`This download has already sent the file ${deps.config.sessionMaxCopies} times. Use the download button on your order page to start a new one.`,
		);
	}
	return { ...access, sessionId, byteBudget };
}

/**
 * Counts `bytes` a file session is about to send against its budget, in the grant's Durable
 * Object; false once the budget is spent (the transfer is then cut, and logged here).
 */
export async function chargeFileSession(deps: CommerceDeps, session: FileSession, bytes: number): Promise<boolean> {
	const charged = await deps.grants.getByName(session.grant.id).chargeSession(session.sessionId, bytes, session.byteBudget);
	if (!charged.ok) {
		log("warn", "download session cut", { grantId: session.grant.id, orderId: session.grant.orderId, sessionId: session.sessionId, served: charged.served });
	}
	return charged.ok;
}

/** The status and code of a refusal, for the download log: an AppError's, or 500 INTERNAL. */
export function refusal(err: unknown): { status: number; reason: string } {
	return err instanceof AppError ? { status: err.status, reason: err.code } : { status: 500, reason: "INTERNAL" };
}
