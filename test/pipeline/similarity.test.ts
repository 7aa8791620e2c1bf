import { describe, expect, it } from "vitest";
import {
	decodeSignature,
	encodeSignature,
	estimatedSimilarity,
	jaccard,
	MAX_SIMILARITY,
	minHash,
	paragraphShingles,
	paragraphs,
	SIGNATURE_HASHES,
} from "../../src/pipeline/qa/similarity";

/** A paragraph of distinct words, so shingles of different paragraphs never collide. */
const paragraph = (n: number) => Array.from({ length: 30 }, (_, i) => `w${n}x${i}`).join(" ");
const guide = (ids: number[]) => ids.map(paragraph).join("\n\n");

describe("paragraph similarity", () => {
	it("splits a guide into normalised blank-line paragraphs without Markdown marks", () => {
		expect(paragraphs("# Title\n\n## 1. Knead   the DOUGH\n\n- [ ] Feed the *starter*\n- [x] Bake\n\n\n  \n1. Rest")).toEqual([
			"title",
			"1. knead the dough",
			"feed the starter bake",
			"rest",
		]);
	});

	it("shingles English as word 5-grams inside each paragraph and Korean as 10-syllable runs", () => {
		expect(paragraphShingles("one two three four five six\n\nseven eight", "en")).toEqual([
			"one two three four five",
			"two three four five six",
			"seven eight",
		]);
		// Spacing does not matter in Korean: both spellings give the same shingles.
		expect(paragraphShingles("사워도우 반죽을 천천히 접습니다", "ko")).toEqual(paragraphShingles("사워도우반죽을 천천히접습 니다", "ko"));
		expect(paragraphShingles("사워도우 반죽을 천천히 접습니다", "ko")).toEqual([
			"사워도우반죽을천천히",
			"워도우반죽을천천히접",
			"도우반죽을천천히접습",
			"우반죽을천천히접습니",
			"반죽을천천히접습니다",
		]);
		// A paragraph shorter than one shingle counts whole.
		expect(paragraphShingles("반죽을 접습니다", "ko")).toEqual(["반죽을접습니다"]);
	});

	it("estimates the Jaccard similarity of two guides from their signatures", () => {
		const a = paragraphShingles(guide([1, 2, 3, 4, 5, 6, 7, 8, 9]), "en");
		const same = paragraphShingles(guide([9, 8, 7, 6, 5, 4, 3, 2, 1]), "en");
		const half = paragraphShingles(guide([1, 2, 3, 4, 5, 6, 10, 11, 12]), "en");
		const other = paragraphShingles(guide([20, 21, 22, 23, 24, 25, 26, 27, 28]), "en");
		expect(estimatedSimilarity(minHash(a), minHash(same))).toBe(1);
		expect(estimatedSimilarity(minHash(a), minHash(other))).toBeLessThan(0.05);
		const exact = jaccard(a, half);
		expect(exact).toBeCloseTo(0.5, 1);
		expect(Math.abs(estimatedSimilarity(minHash(a), minHash(half)) - exact)).toBeLessThan(0.12);
		// Two of nine paragraphs shared is under the third; seven of nine is far above it.
		const low = paragraphShingles(guide([1, 2, 30, 31, 32, 33, 34, 35, 36]), "en");
		expect(estimatedSimilarity(minHash(a), minHash(low))).toBeLessThanOrEqual(MAX_SIMILARITY);
		const high = paragraphShingles(guide([1, 2, 3, 4, 5, 6, 7, 40, 41]), "en");
		expect(estimatedSimilarity(minHash(a), minHash(high))).toBeGreaterThan(MAX_SIMILARITY);
	});

	it("stores a signature as 8 hex digits per hash and reads it back", () => {
		const signature = minHash(paragraphShingles(guide([1, 2]), "en"));
		const stored = encodeSignature(signature);
		expect(stored).toMatch(new RegExp(`^[0-9a-f]{${SIGNATURE_HASHES * 8}}$`));
		expect(decodeSignature(stored)).toEqual(signature);
		expect(decodeSignature("zz")).toBeNull();
	});
});
