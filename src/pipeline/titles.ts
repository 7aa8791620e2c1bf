import { slugify } from "../lib/slug";

/** Small words that stay lowercase inside a title. */
const MINOR_WORDS = new Set(["a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with"]);
const KIT_NAMES = ["Starter Kit", "Toolkit", "Field Guide", "Playbook", "Essentials Kit", "Blueprint", "Handbook", "Workbook"];

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
 * The n-th title candidate for a topic (n from 0): "Sourdough Baking Starter Kit", then the
 * other kit names, then numbered volumes. Creation walks these until one is free.
 */
export function titleCandidate(topic: string, n: number): string {
	const base = titleCase(topic).slice(0, 120);
	const name = KIT_NAMES[n % KIT_NAMES.length] ?? "Kit";
	const round = Math.floor(n / KIT_NAMES.length);
	return round === 0 ? `${base} ${name}` : `${base} ${name} Vol. ${round + 1}`;
}

/** A product's URL slug, at most 80 characters; "kit" when the title has no ASCII letters or digits. */
export function productSlug(title: string): string {
	return slugify(title, 80, "kit");
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
