import { z } from "zod";

/**
 * Community (issue 16): the shapes shared by routes, pages and the ledger for follows, likes,
 * comments, profiles and artists' payouts. No `cloudflare:*` or `node:*` imports here.
 */

/** `visible`; `hidden` by the image's artist or owner or an admin; `deleted` by its author (body erased). */
export const CommentStatus = z.enum(["visible", "hidden", "deleted"]);
export type CommentStatus = z.infer<typeof CommentStatus>;

/** `requested` by the artist; `paid` or `rejected` by an admin. */
export const PayoutStatus = z.enum(["requested", "paid", "rejected"]);
export type PayoutStatus = z.infer<typeof PayoutStatus>;

/**
 * A nickname: 2–20 letters (Hangul included), digits, `_`, `.` or `-`, compared without regard
 * to case. Normalised to NFC first, so decomposed Hangul from some keyboards is the same name.
 */
export const Nickname = z
	.string()
	.trim()
	.transform((value) => value.normalize("NFC"))
	.pipe(
		z
			.string()
			.min(2, "must be at least 2 characters")
			.max(20, "must be at most 20 characters")
			.regex(/^[\p{L}\p{N}_.-]+$/u, "may hold only letters (Hangul included), digits, _ . and -"),
	);

/** A profile's short bio: plain text, at most 160 characters. */
export const Bio = z
	.string()
	.trim()
	.transform((value) => value.normalize("NFC"))
	.pipe(z.string().max(160, "must be at most 160 characters"));

/** A comment's body: plain text, 1–1000 characters once trimmed. */
export const CommentBody = z
	.string()
	.trim()
	.transform((value) => value.normalize("NFC"))
	.pipe(z.string().min(1, "must not be empty").max(1000, "must be at most 1000 characters"));
