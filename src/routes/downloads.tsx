import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { clientInfo } from "../commerce/client";
import { commerceDeps } from "../commerce/deps";
import { authorizeRedeem, type GrantAccess, inspectDownloadLink, logDownloadAttempt, openFileSession, redeemDownloadLink } from "../commerce/downloads";
import { AppError } from "../lib/errors";
import { attachmentDisposition, parseRange } from "../lib/http-range";
import { enforceRateLimit } from "../lib/rate-limit";
import { validate } from "../lib/validate";
import { DownloadLandingPage } from "../views/download";

const TokenParams = z.object({ token: z.string().min(10).max(2048) });

/** The code of a refusal, for the log: an AppError's code, or INTERNAL. */
function refusal(err: unknown): { status: number; reason: string } {
	return err instanceof AppError ? { status: err.status, reason: err.code } : { status: 500, reason: "INTERNAL" };
}

/**
 * The download flow of API.md. Every attempt, allowed or denied, lands in the download log.
 * - `GET /download/:token`: a landing page; spends nothing (mail scanners pre-fetch links).
 * - `POST /download/:token`: spends one use (or reuses the client's open session) → 303 to the file.
 * - `GET /files/:session`: streams the package with Range support; re-checks access every time.
 */
export const downloads = new Hono<AppEnv>()
	.get("/download/:token", validate("param", TokenParams), async (c) => {
		const deps = await commerceDeps(c.env);
		const client = await clientInfo(c, deps.hashSecret);
		const { token } = c.req.valid("param");
		let access: GrantAccess | null = null;
		try {
			access = await inspectDownloadLink(deps, token);
		} catch (err) {
			await logDownloadAttempt(deps, { action: "landing", client, ...refusal(err) });
			throw err;
		}
		await logDownloadAttempt(deps, { action: "landing", client, status: 200, reason: "landing_page", access });
		const { grant } = access;
		c.header("Cache-Control", "no-store");
		return c.html(
			<DownloadLandingPage
				fileName={grant.fileName}
				size={grant.packageSize}
				usesLeft={Math.max(0, grant.maxDownloads - grant.downloadsUsed)}
				maxDownloads={grant.maxDownloads}
				expiresAt={grant.expiresAt}
				token={token}
			/>,
		);
	})
	.post("/download/:token", validate("param", TokenParams), async (c) => {
		const deps = await commerceDeps(c.env);
		const client = await clientInfo(c, deps.hashSecret);
		let access: GrantAccess | null = null;
		try {
			await enforceRateLimit(deps.limiter, `ip:${client.ipHash}`, deps.config.downloadLimit, deps.now().getTime());
			access = await authorizeRedeem(deps, c.req.valid("param").token);
			const session = await redeemDownloadLink(deps, c.req.valid("param").token, client, access);
			await logDownloadAttempt(deps, {
				action: "redeem",
				client,
				status: 303,
				reason: session.reused ? "reused_session" : "new_session",
				access,
				sessionId: session.sessionId,
			});
			c.header("Cache-Control", "no-store");
			return c.redirect(`/files/${session.fileToken}`, 303);
		} catch (err) {
			await logDownloadAttempt(deps, { action: "redeem", client, access, ...refusal(err) });
			throw err;
		}
	})
	.on(["GET", "HEAD"], "/files/:token", validate("param", TokenParams), async (c) => {
		const deps = await commerceDeps(c.env);
		const client = await clientInfo(c, deps.hashSecret);
		const rangeHeader = c.req.header("Range");
		let session: (GrantAccess & { sessionId: string }) | null = null;
		try {
			session = await openFileSession(deps, c.req.valid("param").token);
			const { grant } = session;
			const etag = `"${grant.packageSha256}"`;
			// A resume whose copy changed must start over: If-Range with another ETag gets the whole file.
			const ifRange = c.req.header("If-Range");
			const range = ifRange && ifRange !== etag ? null : parseRange(rangeHeader, grant.packageSize);
			const headers: Record<string, string> = {
				"Content-Type": "application/zip",
				"Content-Disposition": attachmentDisposition(grant.fileName),
				"Accept-Ranges": "bytes",
				ETag: etag,
				"X-Content-SHA256": grant.packageSha256,
				"Cache-Control": "private, no-store",
			};
			if (range === "unsatisfiable") {
				throw new AppError(416, "RANGE_NOT_SATISFIABLE", `The file has ${grant.packageSize} bytes.`, { "Content-Range": `bytes */${grant.packageSize}` });
			}
			// The log line and the R2 read do not depend on each other.
			const [object] = await Promise.all([
				deps.files.get(grant.packageKey, range ? { range: { offset: range.start, length: range.end - range.start + 1 } } : undefined),
				logDownloadAttempt(deps, {
					action: "file",
					client,
					status: range ? 206 : 200,
					reason: range ? "range" : "file",
					access: session,
					sessionId: session.sessionId,
					range: rangeHeader ?? null,
				}),
			]);
			if (!object) throw new AppError(404, "NOT_FOUND", "The file is missing from storage.");
			const length = range ? range.end - range.start + 1 : grant.packageSize;
			headers["Content-Length"] = String(length);
			if (range) headers["Content-Range"] = `bytes ${range.start}-${range.end}/${grant.packageSize}`;
			if (c.req.method === "HEAD") {
				await object.body.cancel();
				return c.body(null, range ? 206 : 200, headers);
			}
			return c.body(object.body, range ? 206 : 200, headers);
		} catch (err) {
			await logDownloadAttempt(deps, {
				action: "file",
				client,
				access: session,
				sessionId: session?.sessionId ?? null,
				range: rangeHeader ?? null,
				...refusal(err),
			});
			throw err;
		}
	});
