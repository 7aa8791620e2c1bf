import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { AVATAR_IMAGE_LIMITS } from "../accounts/avatar";
import type { AppEnv } from "../app-env";
import { MAX_ARTIFACT_BYTES } from "../gpu/artifacts";
import { AppError } from "../lib/errors";
import { PORTRAIT_PHOTO_LIMITS } from "../portraits/photo-check";
import { SIGNATURE_IMAGE_LIMITS } from "../styles/image-check";
import { ASSET_UPLOAD_BATCH_BYTES } from "../video/assets/assets";

const KIB = 1024;
const MIB = 1024 * KIB;

/** Room around an upload's files for the multipart boundaries, part headers and text fields (the CSRF token). */
const FORM_OVERHEAD = 64 * KIB;
/** One training-image upload request: the studio sends its files in batches of at most 40 MB (public/js/style-studio.js). */
export const TRAINING_UPLOAD_BATCH_BYTES = 40 * MIB;

/**
 * How a route class's bodies are limited:
 * - `buffered`: a declared length over the limit is refused unread; a body without one is read
 *   into memory up to the limit before the route runs (hono/body-limit). For small limits.
 * - `counted`: the same for a declared length; a body without one is counted as the route reads
 *   it and cut at the limit, never held by the limit itself (uploads: tens of MB).
 * - `declared`: only a declared length is checked; the route needs one and streams the body
 *   with its own limit and hash (the gateway's artifact uploads, src/gpu/artifacts.ts).
 */
export type BodyLimitRule = { name: string; maxBytes: number; mode: "buffered" | "counted" | "declared" };

const CALLBACK: BodyLimitRule = { name: "webhook or GPU callback", maxBytes: 256 * KIB, mode: "buffered" };
const JSON_BODY: BodyLimitRule = { name: "JSON request", maxBytes: 64 * KIB, mode: "buffered" };
// Percent-encoding triples non-ASCII text: a 20,000-character prompt in Korean is 180 KB as a form.
const FORM_BODY: BodyLimitRule = { name: "form", maxBytes: 256 * KIB, mode: "buffered" };
const SIGNATURE: BodyLimitRule = { name: "signature upload", maxBytes: SIGNATURE_IMAGE_LIMITS.maxBytes + FORM_OVERHEAD, mode: "counted" };
const TRAINING: BodyLimitRule = { name: "training image upload", maxBytes: TRAINING_UPLOAD_BATCH_BYTES + FORM_OVERHEAD, mode: "counted" };
const PORTRAIT_PHOTO: BodyLimitRule = { name: "portrait photo upload", maxBytes: PORTRAIT_PHOTO_LIMITS.maxBytes + FORM_OVERHEAD, mode: "counted" };
const AVATAR: BodyLimitRule = { name: "profile image upload", maxBytes: AVATAR_IMAGE_LIMITS.maxBytes + FORM_OVERHEAD, mode: "counted" };
/** One asset library upload: several files of at most 20 MB each, up to 60 MB a request (src/video/assets/assets.ts). */
const ASSET_UPLOAD: BodyLimitRule = { name: "asset upload", maxBytes: ASSET_UPLOAD_BATCH_BYTES + FORM_OVERHEAD, mode: "counted" };
const ARTIFACT: BodyLimitRule = { name: "GPU artifact", maxBytes: MAX_ARTIFACT_BYTES, mode: "declared" };

/** Routes with a limit of their own, by method (`*`: any) and path; every other route takes JSON's or a form's. */
const ROUTE_LIMITS: [method: string, path: RegExp, rule: BodyLimitRule][] = [
	["*", /^\/webhooks\//, CALLBACK],
	["*", /^\/internal\/gpu\/events$/, CALLBACK],
	["PUT", /^\/internal\/gpu\/artifacts\//, ARTIFACT],
	["PUT", /^\/api\/styles\/[^/]+\/signature$/, SIGNATURE],
	["POST", /^\/studio\/styles\/[^/]+\/signature$/, SIGNATURE],
	["POST", /^\/api\/styles\/[^/]+\/images$/, TRAINING],
	["POST", /^\/studio\/styles\/[^/]+\/images$/, TRAINING],
	["POST", /^\/api\/portraits\/[^/]+\/photo$/, PORTRAIT_PHOTO],
	["PUT", /^\/api\/me\/avatar$/, AVATAR],
	["POST", /^\/me\/profile\/avatar$/, AVATAR],
	["POST", /^\/api\/assets$/, ASSET_UPLOAD],
	["POST", /^\/video\/assets\/upload$/, ASSET_UPLOAD],
];

/** The limit of a request's body: its route's own, else a form's (urlencoded or multipart), else JSON's. */
export function bodyLimitFor(method: string, path: string, contentType: string | undefined): BodyLimitRule {
	const own = ROUTE_LIMITS.find(([m, pattern]) => (m === "*" || m === method) && pattern.test(path));
	if (own) return own[2];
	return /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType ?? "") ? FORM_BODY : JSON_BODY;
}

function payloadTooLarge(rule: BodyLimitRule): AppError {
	const size = rule.maxBytes >= MIB ? `${Math.round((rule.maxBytes / MIB) * 100) / 100} MB` : `${Math.round(rule.maxBytes / KIB)} KB`;
	return new AppError(413, "PAYLOAD_TOO_LARGE", `A ${rule.name} may be at most ${size} (${rule.maxBytes} bytes).`);
}

/** The Content-Length a request declares, when it is the one that frames the body (not with Transfer-Encoding). */
function declaredLength(headers: Headers): number | null {
	const value = headers.get("Content-Length");
	if (value === null || headers.has("Transfer-Encoding") || !/^\d{1,15}$/.test(value.trim())) return null;
	return Number(value.trim());
}

/** `body` passed through as it is read, erroring (and calling `overflow`) once it passes `maxBytes`. */
function countedBody(body: ReadableStream<Uint8Array>, rule: BodyLimitRule, overflow: () => void): ReadableStream<Uint8Array> {
	let size = 0;
	return body.pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				size += chunk.byteLength;
				if (size > rule.maxBytes) {
					overflow();
					controller.error(payloadTooLarge(rule));
					return;
				}
				controller.enqueue(chunk);
			},
		}),
	);
}

/**
 * Every request's body, limited by its route class before the route reads it (docs/storefront.md
 * "Request body limits"): `413 PAYLOAD_TOO_LARGE` in the contract's envelope. A body too large for
 * a counted upload is cut as it streams, and the answer is 413 whatever the route made of the
 * broken read (a form parser's 422, a page shown again): the route cannot swallow the refusal.
 */
export const limitBodies = createMiddleware<AppEnv>(async (c, next) => {
	if (c.req.raw.body === null) return next();
	const rule = bodyLimitFor(c.req.method, c.req.path, c.req.header("Content-Type"));
	if (rule.mode === "buffered") {
		return bodyLimit({
			maxSize: rule.maxBytes,
			onError: () => {
				throw payloadTooLarge(rule);
			},
		})(c, next);
	}
	const declared = declaredLength(c.req.raw.headers);
	if (declared !== null) {
		if (declared > rule.maxBytes) throw payloadTooLarge(rule);
		return next();
	}
	if (rule.mode === "declared") return next();
	let overflowed = false;
	c.req.raw = new Request(c.req.raw, {
		body: countedBody(c.req.raw.body, rule, () => {
			overflowed = true;
		}),
	});
	await next();
	if (overflowed) throw payloadTooLarge(rule);
});
