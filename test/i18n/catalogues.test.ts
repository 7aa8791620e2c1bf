import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en";
import { createI18n } from "../../src/i18n/i18n";
import { ko } from "../../src/i18n/ko";
import { MISSING_MARK } from "../../src/i18n/translator";
import { leaves } from "./english-strings";

type Tree = { readonly [key: string]: string | Tree };
const placeholders = (message: string) => [...message.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe("message catalogues", () => {
	it("have the same keys in Korean and English (the types say so too), and every message the same {{values}}", () => {
		const english = leaves(en as unknown as Tree);
		const korean = leaves(ko as unknown as Tree);
		expect([...korean.keys()].sort()).toEqual([...english.keys()].sort());
		const mismatched = [...english].filter(([key, message]) => placeholders(message).join() !== placeholders(korean.get(key) ?? "").join()).map(([key]) => key);
		expect(mismatched).toEqual([]);
	});

	it("leave no Korean message empty or untranslated prose", () => {
		const english = leaves(en as unknown as Tree);
		const korean = leaves(ko as unknown as Tree);
		expect([...korean].filter(([, message]) => message.trim() === "").map(([key]) => key)).toEqual([]);
		// A message identical in both languages is fine for names and codes, not for sentences.
		const copied = [...korean].filter(([key, message]) => english.get(key) === message && /[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}/i.test(message));
		expect(copied.map(([key]) => key)).toEqual([]);
	});

	it("show a missing message as such with fallback off, and borrow English with it on", () => {
		const strict = createI18n("ko", null, { fallback: false });
		const lenient = createI18n("ko", null, { fallback: true });
		// A key no catalogue has (only reachable by a bug, as keys are typed).
		const key = "nav.noSuchKey" as "nav.signIn";
		expect(strict.t(key)).toBe(`${MISSING_MARK}nav.noSuchKey`);
		expect(strict.t("nav.signIn")).toBe("로그인");
		expect(lenient.t("nav.signIn")).toBe("로그인");
		expect(createI18n("en", null, { fallback: false }).t("nav.signIn")).toBe("Sign in");
	});

	it("interpolate without escaping (the renderer escapes) and pick plural forms", () => {
		const i18n = createI18n("en", null, { fallback: false });
		expect(i18n.t("nav.signedInAs", { name: "Kim & <Lee>" })).toBe("Signed in as Kim & <Lee>");
		expect(i18n.t("nav.notificationsUnread", { count: 1 })).toBe("Notifications, 1 unread");
		expect(createI18n("ko", null, { fallback: false }).t("nav.notificationsUnread", { count: 3 })).toBe("알림, 읽지 않음 3개");
	});
});
