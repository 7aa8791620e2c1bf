import { AppError } from "../../lib/errors";
import { parseRange } from "../../lib/http-range";

/** One stored file of a project as its owner's streams serve it. */
export type StoredFile = { key: string; sha256: string | null; size: number | null; contentType: string };

/**
 * Answers a GET or HEAD for a stored file with Range support (RFC 9110), as video players and
 * audio previews seek: `Accept-Ranges`, `ETag` (the file's SHA-256), `206` with `Content-Range`
 * for one range, `416 RANGE_NOT_SATISFIABLE` past the end, `If-Range` (a changed file is sent
 * whole) and `If-None-Match` (`304`). Private: only the owner is ever served.
 */
export async function streamStoredFile(files: R2Bucket, file: StoredFile, request: Request): Promise<Response> {
	// The row's size and hash are written with the object; a row from before they were kept asks R2.
	const head = file.size === null || file.sha256 === null ? await files.head(file.key) : null;
	const size = file.size ?? head?.size;
	if (size === undefined) throw new AppError(404, "NOT_FOUND", "The file is missing from storage.");
	const tag = file.sha256 ?? head?.httpEtag?.replaceAll('"', "") ?? file.key;
	const etag = `"${tag}"`;
	const headers: Record<string, string> = {
		"Content-Type": file.contentType,
		"Accept-Ranges": "bytes",
		ETag: etag,
		"Cache-Control": "private, no-cache",
		"X-Content-Type-Options": "nosniff",
	};
	if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
	const ifRange = request.headers.get("If-Range");
	const range = ifRange && ifRange !== etag ? null : parseRange(request.headers.get("Range") ?? undefined, size);
	if (range === "unsatisfiable") {
		throw new AppError(416, "RANGE_NOT_SATISFIABLE", `The file has ${size} bytes.`, { "Content-Range": `bytes */${size}` });
	}
	const length = range ? range.end - range.start + 1 : size;
	headers["Content-Length"] = String(length);
	if (range) headers["Content-Range"] = `bytes ${range.start}-${range.end}/${size}`;
	const status = range ? 206 : 200;
	if (request.method === "HEAD") return new Response(null, { status, headers });
	const object = await files.get(file.key, range ? { range: { offset: range.start, length } } : undefined);
	if (!object) throw new AppError(404, "NOT_FOUND", "The file is missing from storage.");
	return new Response(object.body, { status, headers });
}
