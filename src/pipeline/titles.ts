import { unicodeSlug } from "../lib/slug";
import type { Locale } from "../shared/locale";
import { ANGLE_TITLE_NAMES, type AngleId } from "./generators/template/angles";

/** Small words that stay lowercase inside a title. */
const MINOR_WORDS = new Set(["a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with"]);

/** Title case that keeps acronyms (`SEO`, `AI`) and lowercases minor words. */
export function titleCase(topic: string): string {
	return topic
		.trim()
		.split(/\s+/)
		.map((word, i) => {
			if (word.length > 1 && word === word.toUpperCase()) return word;
			const lower = word.toLowerCase();
			if (i > 0 && MINOR_WORDS.has(lower)) return lower;
			return lower.charAt(0).toUpperCase() + lower.slice(1);
		})
		.join(" ");
}

/**
 * A product's title in `language`: "Sourdough Baking Starter Kit" in English, the topic as
 * written plus "스타터 키트" in Korean (Korean has no title case). The format word names the
 * kit's angle ("Project Workbook", "30-Day Challenge" …), which the template generator reads
 * back, so products of one batch on one topic are different products. Titles need not be
 * unique: a product with a taken title gets a distinct slug instead, never another title.
 */
export function productTitle(topic: string, language: Locale, angle: AngleId = "starter"): string {
	const base = language === "en" ? titleCase(topic) : topic.trim().replace(/\s+/g, " ").normalize("NFC");
	return `${base.slice(0, 120)} ${ANGLE_TITLE_NAMES[angle][language]}`;
}

/**
 * A product's URL slug, at most 80 characters, Hangul kept. Attempt 0 is the title's own slug;
 * later attempts (after a collision) add a short part of the product id, so a taken slug costs
 * one more insert, never a changed title. A title with nothing usable gets `p-<id part>`.
 */
export function productSlug(title: string, productId: string, attempt = 0): string {
	const idPart = productId
		.replace(/^[a-z]+_/, "")
		.slice(0, 6)
		.toLowerCase();
	const base = unicodeSlug(title, 80);
	if (!base) return attempt === 0 ? `p-${idPart}` : `p-${idPart}-${attempt + 1}`;
	if (attempt === 0) return base;
	const suffix = attempt === 1 ? idPart : `${idPart}-${attempt}`;
	return `${[...base]
		.slice(0, 80 - suffix.length - 1)
		.join("")
		.replace(/-+$/g, "")}-${suffix}`;
}

/** Topics for a batch created without one: varied on purpose, so a demo catalog looks real. */
export const TOPIC_IDEAS = [
	"sourdough baking for beginners",
	"marathon training for busy parents",
	"personal budgeting in your twenties",
	"Kubernetes cost optimization",
	"Instagram marketing for local cafes",
	"container gardening on a balcony",
	"street photography at night",
	"deep work for remote teams",
	"teaching fractions with games",
	"brand identity for freelancers",
	"launching an Etsy shop",
	"meal prep for vegetarian athletes",
	"TypeScript testing strategies",
	"backpacking Southeast Asia on a budget",
	"newsletter growth with zero ad spend",
	"home espresso dialing in",
	"strength training after forty",
	"retirement savings with index funds",
	"UX writing for mobile apps",
	"podcast production from home",
];
