import { escapeHtml as esc } from "./escape";
import type { KitContent } from "./kit-content";
import type { KitUi } from "./lang";
import type { Look, SectionId } from "./look";

/** What the landing page needs besides the kit text. */
export type LandingPageInput = {
	content: KitContent;
	look: Look;
	domainId: string;
	heroAlt: string;
	/** Number of chapters the guide has (for the bento hero's stats). */
	chapterCount: number;
	/** Fixed wording in the kit's language. */
	ui: KitUi;
};

const pad = (n: number): string => String(n).padStart(2, "0");

function hero({ content, look, heroAlt, chapterCount, ui }: LandingPageInput): string {
	// The bento layout shows the numbers as a tile of their own beside the art; others list them under the copy.
	const stats =
		look.layout === "bento"
			? `
			<div class="hero-stats">
				<p class="stat"><strong>${chapterCount}</strong> <span>${esc(ui.landing.statChapters)}</span></p>
				<p class="stat"><strong>${content.checklistCount}</strong> <span>${esc(ui.landing.statItems)}</span></p>
				<p class="stat"><strong>${content.faqs.length}</strong> <span>${esc(ui.landing.statAnswers)}</span></p>
			</div>`
			: "";
	const points =
		look.layout === "bento"
			? ""
			: `
				<ul class="hero-points">
					${content.heroPoints.map((point) => `<li>${esc(point)}</li>`).join("\n\t\t\t\t\t")}
				</ul>`;
	return `<section class="hero" id="top" data-section="hero" aria-labelledby="hero-heading">
		<div class="wrap hero-inner">
			<div class="hero-copy">
				<p class="eyebrow">${esc(content.domainLabel)} · ${esc(content.levelLabel)}</p>
				<h1 id="hero-heading">${esc(content.title)}</h1>
				<p class="lead">${esc(content.subtitle)}</p>
				<div class="hero-actions">
					<a class="button" href="#cta">${esc(ui.landing.getStarted)}</a>
					<a class="button button-ghost" href="#faq">${esc(ui.landing.readFaq)}</a>
				</div>${points}
			</div>
			<figure class="hero-art">
				<img src="assets/hero.svg" alt="${esc(heroAlt)}" width="640" height="480">
			</figure>${stats}
		</div>
	</section>`;
}

function sectionHead(id: string, eyebrow: string, heading: string, intro?: string): string {
	const introHtml = intro ? `\n\t\t\t\t<p>${esc(intro)}</p>` : "";
	return `<div class="section-head">
				<p class="eyebrow">${esc(eyebrow)}</p>
				<h2 id="${id}-heading">${esc(heading)}</h2>${introHtml}
			</div>`;
}

function features({ content, ui }: LandingPageInput): string {
	const cards = content.features
		.map(
			(feature, i) => `<article class="feature">
					<span class="feature-num" aria-hidden="true">${pad(i + 1)}</span>
					<h3>${esc(feature.title)}</h3>
					<p>${esc(feature.body)}</p>
				</article>`,
		)
		.join("\n\t\t\t\t");
	const chips = content.chips.map((chip) => `<li>${esc(chip)}</li>`).join("");
	return `<section class="features" id="features" data-section="features" aria-labelledby="features-heading">
		<div class="wrap">
			${sectionHead("features", ui.landing.whatYouGet, content.featuresHeading, content.featuresIntro)}
			<div class="feature-grid">
				${cards}
			</div>
			<div class="topics">
				<p class="topics-label">${esc(ui.landing.topicsCovered)}</p>
				<ul class="chips">${chips}</ul>
			</div>
		</div>
	</section>`;
}

function inside({ content, ui }: LandingPageInput): string {
	const items = content.files
		.map(
			(file) => `<li class="file-card">
					<a href="${esc(file.path)}">
						<span class="file-name">${esc(file.path)}</span>
						<strong>${esc(file.label)}</strong>
						<span class="file-blurb">${esc(file.blurb)}</span>
					</a>
				</li>`,
		)
		.join("\n\t\t\t\t");
	return `<section class="inside" id="inside" data-section="inside" aria-labelledby="inside-heading">
		<div class="wrap">
			${sectionHead("inside", ui.landing.theKit, content.insideHeading, content.insideIntro)}
			<ul class="file-list">
				${items}
			</ul>
		</div>
	</section>`;
}

function steps({ content, ui }: LandingPageInput): string {
	const items = content.steps.map((step) => `<li class="step"><h3>${esc(step.title)}</h3><p>${esc(step.body)}</p></li>`).join("\n\t\t\t\t");
	return `<section class="steps" id="steps" data-section="steps" aria-labelledby="steps-heading">
		<div class="wrap">
			${sectionHead("steps", ui.landing.gettingStarted, content.stepsHeading)}
			<ol class="steps-list">
				${items}
			</ol>
		</div>
	</section>`;
}

function audience({ content, ui }: LandingPageInput): string {
	const items = content.audienceItems.map((item) => `<li>${esc(item)}</li>`).join("\n\t\t\t\t");
	return `<section class="audience" id="audience" data-section="audience" aria-labelledby="audience-heading">
		<div class="wrap audience-inner">
			${sectionHead("audience", ui.landing.whoFor, content.audienceHeading)}
			<ul class="audience-list">
				${items}
			</ul>
		</div>
	</section>`;
}

function cta({ content, ui }: LandingPageInput): string {
	return `<section class="cta" id="cta" data-section="cta" aria-labelledby="cta-heading">
		<div class="wrap">
			<div class="cta-box">
				<h2 id="cta-heading">${esc(content.ctaHeading)}</h2>
				<p>${esc(content.ctaBody)}</p>
				<div class="cta-actions">
					<a class="button" href="guide.md">${esc(content.ctaButton)}</a>
					<a class="button button-ghost" href="checklist.md">${esc(ui.landing.openChecklist)}</a>
				</div>
			</div>
		</div>
	</section>`;
}

function faq({ content, ui }: LandingPageInput): string {
	const items = content.faqs
		.map(
			(entry) => `<details>
					<summary>${esc(entry.question)}</summary>
					<p>${esc(entry.answer)}</p>
				</details>`,
		)
		.join("\n\t\t\t\t");
	return `<section class="faq" id="faq" data-section="faq" aria-labelledby="faq-heading">
		<div class="wrap narrow">
			${sectionHead("faq", ui.landing.faq, content.faqHeading)}
			<div class="faq-list">
				${items}
			</div>
		</div>
	</section>`;
}

const SECTIONS: Record<Exclude<SectionId, "hero">, (input: LandingPageInput) => string> = {
	features,
	inside,
	steps,
	audience,
	cta,
	faq,
};

/**
 * Renders `index.html`. Every piece of text goes through `escapeHtml`, since the topic and title
 * are user input; every link targets a file of the kit or an id on this page.
 */
export function renderLandingPage(input: LandingPageInput): string {
	const { content, look, domainId, ui } = input;
	const body = look.order
		.filter((id): id is Exclude<SectionId, "hero"> => id !== "hero")
		.map((id) => SECTIONS[id](input))
		.join("\n\t");
	const theme = look.palette.dark ? "dark" : "light";
	return `<!doctype html>
<html lang="${esc(ui.htmlLang)}">
<head>
	<meta charset="utf-8">
	<meta name="viewport" content="width=device-width, initial-scale=1">
	<title>${esc(content.title)} | ${esc(ui.landing.titleSuffix(content.domainLabel))}</title>
	<meta name="description" content="${esc(content.description)}">
	<meta name="color-scheme" content="${theme}">
	<link rel="stylesheet" href="assets/styles.css">
</head>
<body class="layout-${look.layout} theme-${theme} domain-${esc(domainId)}">
<a class="skip-link" href="#main">${esc(ui.landing.skipToContent)}</a>
<header class="site-header">
	<div class="wrap header-inner">
		<a class="brand" href="#top"><span class="brand-mark" aria-hidden="true"></span><span class="brand-name">${esc(content.title)}</span></a>
		<nav class="site-nav" aria-label="${esc(ui.landing.pageSections)}">
			<a href="#features">${esc(ui.landing.features)}</a>
			<a href="#faq">${esc(ui.landing.faq)}</a>
			<a class="button button-small" href="#cta">${esc(ui.landing.getStarted)}</a>
		</nav>
	</div>
</header>
<main id="main">
	${hero(input)}
	${body}
</main>
<footer class="site-footer" data-section="footer">
	<div class="wrap footer-inner">
		<p><strong>${esc(content.title)}</strong><br>${ui.landing.footer(esc(content.domainLabel), esc(content.subject))}</p>
		<nav class="footer-nav" aria-label="${esc(ui.landing.kitFiles)}">
			<a href="guide.md">${esc(ui.landing.guide)}</a>
			<a href="checklist.md">${esc(ui.landing.checklist)}</a>
			<a href="README.md">${esc(ui.landing.readMe)}</a>
			<a href="LICENSE.md">${esc(ui.landing.license)}</a>
			<a href="#top">${esc(ui.landing.backToTop)}</a>
		</nav>
	</div>
</footer>
</body>
</html>
`;
}
