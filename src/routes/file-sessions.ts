import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { clientInfo } from "../commerce/client";
import { chargeFileSession, type FileSession, newDownloadTrace, openFileSession, recordDownloadAttempt, refusal } from "../commerce/downloads";
import { meteredBody, meterSlice } from "../commerce/session-meter";
import { AppError } from "../lib/errors";
import { attachmentDisposition, parseRange } from "../lib/http-range";
import { enforceRateLimit } from "../lib/rate-limit";
import { validate } from "../lib/validate";

const TokenParams = z.object({ token: z.string().min(10).max(2048) });

/**
 * `/files/:session`: streams a package with Range support (API.md "Downloads"). Never spends a
 * use; rate-limited per client network; re-checks the grant and order on every request; serves a
 * session to a few client networks and a few copies in bytes sent (`openFileSession`). Every
 * attempt whose token verifies is a row of the download log; other refusals are counted.
 */
export const fileSessions = new Hono<AppEnv>().on(["GET", "HEAD"], "/:token", validate("param", TokenParams), async (c) => {
	const deps = c.var.deps.commerce;
	const client = await clientInfo(c, deps.clientHashKey);
	const rangeHeader = c.req.header("Range");
	const trace = newDownloadTrace();
	try {
		await enforceRateLimit(deps.limiter, `ip:${client.ipHash}`, deps.config.fileLimit, deps.now().getTime());
		const session: FileSession = await openFileSession(deps, c.req.valid("param").token, client, trace);
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
			recordDownloadAttempt(deps, {
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
		// Bytes are counted as they are sent, not as they are asked for (src/commerce/session-meter.ts).
		const metered = meteredBody(object.body, length, meterSlice(grant.packageSize), (bytes) => chargeFileSession(deps, session, bytes));
		// A body of known length keeps Content-Length on the wire (download managers split by it);
		// when the budget runs out mid-way the pipe fails and the transfer ends short of it, as a cut.
		const body = new FixedLengthStream(length);
		metered.pipeTo(body.writable).catch(() => undefined);
		return c.body(body.readable, range ? 206 : 200, headers);
	} catch (err) {
		await recordDownloadAttempt(deps, {
			action: "file",
			client,
			access: trace.access,
			sessionId: trace.sessionId,
			range: rangeHeader ?? null,
			...refusal(err),
		});
		throw err;
	}
});
