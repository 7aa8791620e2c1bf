import { createRng } from "../../shared/prng";
import { renderChecklist } from "./template/checklist";
import { guideChapterCount, renderGuide } from "./template/guide";
import { renderHeroSvg } from "./template/hero-svg";
import { buildKitContent } from "./template/kit-content";
import { renderLandingPage } from "./template/landing-page";
import { kitLanguage } from "./template/lang";
import { renderLicense } from "./template/license";
import { chooseLook } from "./template/look";
import { renderReadme } from "./template/readme";
import { renderStylesheet } from "./template/stylesheet";
import { profileTopic } from "./template/topic-profile";
import type { GeneratedFile, GeneratedProduct, GenerateInput, ProductGenerator } from "./types";

const encoder = new TextEncoder();

const HTML = "text/html; charset=utf-8";
const CSS = "text/css; charset=utf-8";
const SVG = "image/svg+xml";
const MARKDOWN = "text/markdown; charset=utf-8";

function file(path: string, text: string, contentType: string): GeneratedFile {
	return { path, body: encoder.encode(text), contentType };
}

/**
 * Builds a complete `digital_kit` offline. Everything derives from a profile of the topic
 * (domain, subject, audience, level, keywords) and a PRNG seeded from topic, title and
 * generation, so the same input always yields the same bytes while a new generation varies.
 * `input.language` picks the phrase banks, fixed wording and domain packs (template/lang).
 */
function generateKit(input: GenerateInput): GeneratedProduct {
	const language = kitLanguage(input.language);
	const { ui } = language;
	const profile = profileTopic(input.topic, input.title, input.generation, language, input.productId);
	const rng = createRng(profile.seed);
	// Separate streams per concern, so a change in one renderer does not reshuffle the others.
	const look = chooseLook(profile, rng.fork("look"));
	// After a failed QA pass, include all available material rather than a sample of it.
	const content = buildKitContent(profile, rng.fork("content"), input.feedback.length > 0, language);
	const hero = renderHeroSvg(profile, look, rng.fork("hero"), ui);
	const chapterCount = guideChapterCount(content);

	const html = renderLandingPage({ content, look, domainId: profile.domain.id, heroAlt: hero.alt, chapterCount, ui });
	return {
		description: content.description,
		writer: "template",
		files: [
			file("index.html", html, HTML),
			file("assets/styles.css", renderStylesheet(look), CSS),
			file("assets/hero.svg", hero.svg, SVG),
			file("guide.md", renderGuide(content, ui), MARKDOWN),
			file("checklist.md", renderChecklist(content, ui), MARKDOWN),
			file("README.md", renderReadme(content, chapterCount, input.generation, ui), MARKDOWN),
			file("LICENSE.md", renderLicense(profile.title, ui), MARKDOWN),
		],
	};
}

/** The built-in offline generator for `digital_kit` products. */
export const templateGenerator: ProductGenerator = {
	name: "template",
	async generate(input: GenerateInput): Promise<GeneratedProduct> {
		return generateKit(input);
	},
};
