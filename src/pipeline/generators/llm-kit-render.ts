import { createRng } from "../../shared/prng";
import type { LlmKit } from "./llm-kit";
import { llmKitContent } from "./llm-kit-content";
import { renderChecklist } from "./template/checklist";
import { guideChapterCount, renderGuide } from "./template/guide";
import { renderHeroSvg } from "./template/hero-svg";
import { renderLandingPage } from "./template/landing-page";
import { kitLanguage } from "./template/lang";
import { renderLicense } from "./template/license";
import { chooseLook } from "./template/look";
import { renderReadme } from "./template/readme";
import { renderStylesheet } from "./template/stylesheet";
import { profileTopic } from "./template/topic-profile";
import type { GeneratedFile, GeneratedProduct, GenerateInput } from "./types";

const encoder = new TextEncoder();

function file(path: string, text: string, contentType: string): GeneratedFile {
	return { path, body: encoder.encode(text), contentType };
}

/**
 * Renders the files of one language version from the model's content with the template
 * generator's renderers: the same landing page, guide, checklist, README, LICENSE, stylesheet and
 * hero, so an LLM product is laid out and linked exactly like an offline one. The look and hero
 * come from the topic's seeded profile, as in the template generator.
 */
export function renderLlmKit(kit: LlmKit, input: GenerateInput, writer: string): GeneratedProduct {
	const language = kitLanguage(input.language);
	const { ui } = language;
	const profile = profileTopic(input.topic, input.title, input.generation, language);
	const rng = createRng(profile.seed);
	const chosen = chooseLook(profile, rng.fork("look"));
	// An answer without FAQ entries gets no empty FAQ section: the page then lacks one, and QA1 says so.
	const look = kit.faq.length > 0 ? chosen : { ...chosen, order: chosen.order.filter((section) => section !== "faq") };
	const content = llmKitContent(kit, profile, rng.fork("content"), language);
	const hero = renderHeroSvg(profile, look, rng.fork("hero"), ui);
	const chapterCount = guideChapterCount(content);
	const html = renderLandingPage({ content, look, domainId: profile.domain.id, heroAlt: hero.alt, chapterCount, ui });
	return {
		description: content.description,
		writer,
		files: [
			file("index.html", html, "text/html; charset=utf-8"),
			file("assets/styles.css", renderStylesheet(look), "text/css; charset=utf-8"),
			file("assets/hero.svg", hero.svg, "image/svg+xml"),
			file("guide.md", renderGuide(content, ui), "text/markdown; charset=utf-8"),
			file("checklist.md", renderChecklist(content, ui), "text/markdown; charset=utf-8"),
			file("README.md", renderReadme(content, chapterCount, input.generation, ui), "text/markdown; charset=utf-8"),
			file("LICENSE.md", renderLicense(profile.title, ui), "text/markdown; charset=utf-8"),
		],
	};
}
