import { describe, expect, it } from "vitest";
import { unicodeSlug } from "../../src/lib/slug";
import { productSlug, productTitle } from "../../src/pipeline/titles";

describe("unicodeSlug", () => {
	it("keeps Hangul syllables, lowercases Latin, folds accents and joins with single hyphens", () => {
		expect(unicodeSlug("초보자를 위한 사워도우 빵 굽기 스타터 키트", 80)).toBe("초보자를-위한-사워도우-빵-굽기-스타터-키트");
		expect(unicodeSlug("SEO  for 카페 -- Crème", 80)).toBe("seo-for-카페-creme");
	});

	it("recomposes decomposed Hangul (NFD input) to NFC", () => {
		const slug = unicodeSlug("한글 제목".normalize("NFD"), 80);
		expect(slug).toBe("한글-제목");
		expect(slug).toBe(slug.normalize("NFC"));
	});

	it("cuts at maxLength characters (not UTF-16 units or bytes) without a trailing hyphen", () => {
		expect(unicodeSlug("가나다 라마바", 4)).toBe("가나다");
		expect([...unicodeSlug("가".repeat(100), 80)]).toHaveLength(80);
	});

	it("returns an empty string when nothing usable is left", () => {
		expect(unicodeSlug("!!! ★ 🍞", 80)).toBe("");
	});
});

describe("productTitle and productSlug", () => {
	it("builds Korean titles in Korean and English titles in title case", () => {
		expect(productTitle("초보자를 위한 사워도우 빵 굽기", "ko")).toBe("초보자를 위한 사워도우 빵 굽기 스타터 키트");
		expect(productTitle("sourdough baking for beginners", "en")).toBe("Sourdough Baking for Beginners Starter Kit");
	});

	it("keeps the title's slug first, then adds a short part of the id, never changing the title", () => {
		const id = "prd_3f9cab12ffff";
		expect(productSlug("빵 굽기 스타터 키트", id)).toBe("빵-굽기-스타터-키트");
		expect(productSlug("빵 굽기 스타터 키트", id, 1)).toBe("빵-굽기-스타터-키트-3f9cab");
		expect(productSlug("빵 굽기 스타터 키트", id, 2)).toBe("빵-굽기-스타터-키트-3f9cab-2");
	});

	it("falls back to p-<id part> when the title has nothing usable, and stays within 80 characters", () => {
		expect(productSlug("★★★", "prd_abcdef123456")).toBe("p-abcdef");
		expect([...productSlug("가".repeat(200), "prd_abcdef123456", 1)].length).toBeLessThanOrEqual(80);
	});
});
