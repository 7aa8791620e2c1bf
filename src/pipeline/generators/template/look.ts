import type { Rng } from "../../../shared/prng";
import type { FontMood } from "./domains/types";
import { createPalette, type Palette } from "./palette";
import type { TopicProfile } from "./topic-profile";

/** Visibly different page structures; each has its own hero and feature arrangement. */
export type LayoutId = "split" | "centered" | "band" | "bento";

/** Landing-page sections; the renderer marks each with `data-section`. */
export type SectionId = "hero" | "features" | "audience" | "inside" | "steps" | "cta" | "faq";

/** Background texture of the hero illustration. */
export type PatternId = "dots" | "rings" | "grid" | "waves";

/** Everything about how a product looks, decided once per product. */
export type Look = {
	layout: LayoutId;
	/** Section order after the hero (the hero always comes first). */
	order: SectionId[];
	font: FontMood;
	/** Corner radius in pixels: from crisp to soft. */
	radius: number;
	pattern: PatternId;
	palette: Palette;
};

/** Section orders per layout; all include features, cta and faq, which the QA gate requires. */
const ORDERS: Record<LayoutId, readonly (readonly SectionId[])[]> = {
	split: [
		["features", "steps", "inside", "cta", "faq"],
		["features", "inside", "audience", "faq", "cta"],
	],
	centered: [
		["inside", "features", "audience", "cta", "faq"],
		["audience", "features", "steps", "faq", "cta"],
	],
	band: [
		["steps", "features", "faq", "inside", "cta"],
		["features", "audience", "steps", "cta", "faq"],
	],
	bento: [
		["features", "audience", "cta", "inside", "faq"],
		["features", "steps", "faq", "inside", "cta"],
	],
};

const LAYOUTS: readonly LayoutId[] = ["split", "centered", "band", "bento"];

/** Picks layout, order, type, shape and colour for a topic from its seeded generator. */
export function chooseLook(profile: TopicProfile, rng: Rng): Look {
	const layout = rng.pick(LAYOUTS);
	return {
		layout,
		order: [...rng.pick(ORDERS[layout])],
		font: rng.pick(profile.domain.fonts),
		radius: rng.pick([6, 12, 18, 26]),
		pattern: rng.pick(["dots", "rings", "grid", "waves"] as const),
		palette: createPalette(profile.domain, rng.fork("palette")),
	};
}
