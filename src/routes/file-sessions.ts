import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { clientInfo } from "../commerce/client";
import { type GrantAccess, logDownloadAttempt, openFileSession, refusal } from "../commerce/downloads";
import { AppError } from "../lib/errors";
import { attachmentDisposition, parseRange } from "../lib/http-range";
import { validate } from "../lib/validate";

const TokenParams = z.object({ token: z.string().min(10).max(2048) });

/**
 * `/files/:session`: streams a package with Range support (API.md "Downloads"). Never spends a
 * use; re-checks the grant and order on every request, and logs every attempt.
 */
export const fileSessions = new Hono<AppEnv>().on(["GET", "HEAD"], "/:token", validate("param", TokenParams), async (c) => {
	const deps = c.var.deps.commerce;
	const client = await clientInfo(c, deps.clientHashKey);
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
