import { eq, sql } from "drizzle-orm";
import { downloadLog, grants, orders } from "../db/schema";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { ClientInfo } from "./client";
import type { CommerceDeps } from "./deps";
import { signToken, verifyToken } from "./tokens";

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

/** A verified download link, with what it grants, for the landing page. */
export async function inspectDownloadLink(deps: CommerceDeps, token: string): Promise<GrantAccess> {
	const claims = await verifyToken(deps.keyring, token, "download", deps.now());
	const access = await loadGrantAccess(deps, claims.grantId);
	assertAccess(access, deps.now(), true);
	assertUsesLeft(access);
	return access;
}

/** A verified download link whose grant may spend a use, for the redeeming POST. */
export async function authorizeRedeem(deps: CommerceDeps, token: string): Promise<GrantAccess> {
	const claims = await verifyToken(deps.keyring, token, "download", deps.now());
	const access = await loadGrantAccess(deps, claims.grantId);
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

/**
 * Opens a file session for serving: the token is ours, for files, unexpired, and the grant and
 * order still allow access. Spends nothing: a session was paid for when it was redeemed.
 */
export async function openFileSession(deps: CommerceDeps, fileToken: string): Promise<GrantAccess & { sessionId: string }> {
	const claims = await verifyToken(deps.keyring, fileToken, "file", deps.now());
	const sessionId = claims.sessionId ?? "";
	// The ledger and the grant's Durable Object are independent reads: ask both at once.
	const [access, known] = await Promise.all([loadGrantAccess(deps, claims.grantId), deps.grants.getByName(claims.grantId).hasSession(sessionId)]);
	assertAccess(access, deps.now(), false);
	if (!known) throw new AppError(401, "TOKEN_INVALID", "This download session is not valid.");
	return { ...access, sessionId };
}

/** The status and code of a refusal, for the download log: an AppError's, or 500 INTERNAL. */
export function refusal(err: unknown): { status: number; reason: string } {
	return err instanceof AppError ? { status: err.status, reason: err.code } : { status: 500, reason: "INTERNAL" };
}
