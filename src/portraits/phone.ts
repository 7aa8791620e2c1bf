import { AppError } from "../lib/errors";

/**
 * Korean mobile numbers in the forms people type them: `010-1234-5678`, `01012345678`,
 * `010 1234 5678`, `+82 10 1234 5678`, `+82-10-1234-5678`, `82 010 1234 5678`. Mobile prefixes
 * are 010 (all current numbers) and the legacy 011, 016, 017, 018, 019; 010 numbers have eight
 * digits after the prefix, legacy ones seven or eight.
 */
const KOREAN_MOBILE = /^01(?:0\d{8}|[16-9]\d{7,8})$/;

/** The number in E.164 (`+821012345678`), or `422 INVALID_PHONE`. */
export function normalizeKoreanMobile(input: string): string {
	const compact = input.normalize("NFKC").replace(/[\s\-().]/g, "");
	let national = compact;
	if (national.startsWith("+82")) national = national.slice(3);
	else if (national.startsWith("0082")) national = national.slice(4);
	else if (national.startsWith("82") && national.length >= 11) national = national.slice(2);
	if (!national.startsWith("0")) national = `0${national}`;
	if (!KOREAN_MOBILE.test(national)) {
		throw new AppError(422, "INVALID_PHONE", "Enter a Korean mobile number, such as 010-1234-5678.");
	}
	return `+82${national.slice(1)}`;
}

/** The national form of an E.164 Korean number, digits only (`01012345678`), as SMS providers take it. */
export function nationalNumber(e164: string): string {
	return `0${e164.replace(/^\+82/, "")}`;
}

/** The masked number the admin sees: `010-****-5678` (prefix and last four only). */
export function maskedPhone(last4: string | null, prefix = "010"): string {
	return last4 ? `${prefix}-****-${last4}` : "—";
}

/** The last four digits of an E.164 number, kept for the masked view. */
export function lastFour(e164: string): string {
	return e164.slice(-4);
}
