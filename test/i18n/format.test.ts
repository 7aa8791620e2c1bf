import { describe, expect, it } from "vitest";
import { createFormatter } from "../../src/i18n/format";
import { createI18n } from "../../src/i18n/i18n";

const at = "2026-12-04T15:30:00.000Z";

describe("formatting for the reader", () => {
	it("shows KRW without decimals and USD with two, in each language's way", () => {
		const ko = createFormatter("ko", "Asia/Seoul");
		const en = createFormatter("en", "UTC");
		expect(ko.money(9900, "krw")).toBe("₩9,900");
		expect(en.money(9900, "KRW")).toBe("₩9,900");
		expect(en.money(1900, "usd")).toBe("$19.00");
		expect(ko.money(1900, "usd")).toBe("US$19.00");
		expect(en.money(1234567, "usd")).toBe("$12,345.67");
		// An unknown currency still renders.
		expect(en.money(1900, "zzz")).toMatch(/ZZZ/);
		expect(ko.number(1234567)).toBe("1,234,567");
	});

	it("shows stored UTC times in the reader's zone with the zone named", () => {
		const seoul = createFormatter("ko", "Asia/Seoul").dateTime(at);
		// 15:30 UTC is 00:30 the next day in Seoul (UTC+9).
		expect(seoul).toContain("2026년 12월 5일");
		expect(seoul).toMatch(/오전 12:30/);
		expect(seoul).toMatch(/GMT\+9|KST|한국/);
		const utc = createFormatter("en", "UTC").dateTime(at);
		expect(utc).toBe("Dec 4, 2026, 3:30 PM UTC");
		const newYork = createFormatter("en", "America/New_York").dateTime(at);
		expect(newYork).toBe("Dec 4, 2026, 10:30 AM EST");
		expect(createFormatter("ko", "Asia/Seoul").date(at)).toBe("2026년 12월 5일");
	});

	it("defaults the zone by language: Asia/Seoul for Korean, UTC for English", () => {
		expect(createI18n("ko", null, { fallback: false }).timeZone).toBe("Asia/Seoul");
		expect(createI18n("en", null, { fallback: false }).timeZone).toBe("UTC");
		expect(createI18n("en", "Asia/Tokyo", { fallback: false }).timeZone).toBe("Asia/Tokyo");
	});

	it("formats sizes and lists", () => {
		expect(createFormatter("en", "UTC").bytes(1_234_567)).toBe("1.2 MB");
		expect(createFormatter("ko", "UTC").bytes(512)).toBe("512 B");
		expect(createFormatter("en", "UTC").list(["English", "Korean"])).toBe("English and Korean");
		expect(createFormatter("ko", "UTC").list(["영어", "한국어"])).toBe("영어 및 한국어");
	});
});
