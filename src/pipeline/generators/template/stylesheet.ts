import type { FontMood } from "./domains/types";
import type { LayoutId, Look } from "./look";
import { withAlpha } from "./palette";

const SANS = `system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif`;
const MONO = `ui-monospace, "SFMono-Regular", "JetBrains Mono", Menlo, Consolas, monospace`;

const HEADING_FONTS: Record<FontMood, string> = {
	serif: `"Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "Times New Roman", serif`,
	sans: SANS,
	rounded: `ui-rounded, "SF Pro Rounded", Nunito, "Varela Round", ${SANS}`,
	geometric: `"Avenir Next", Avenir, "Century Gothic", Futura, Montserrat, ${SANS}`,
	mono: SANS,
};

/** Rules that differ per layout: the hero arrangement and the feature grid. */
const LAYOUT_RULES: Record<LayoutId, string> = {
	split: `
/* Split: copy beside the illustration, features as a card grid. */
.layout-split .hero { background: linear-gradient(160deg, var(--hero-from), var(--hero-to)); }
@media (min-width: 860px) {
	.layout-split .hero-inner { grid-template-columns: 1.05fr 0.95fr; }
	.layout-split .feature-grid { grid-template-columns: repeat(3, 1fr); }
}`,
	centered: `
/* Centered: a centred headline over a wide illustration, features as a ruled list. */
.layout-centered .hero { text-align: center; background: radial-gradient(ellipse at top, var(--hero-from), var(--bg) 70%); }
.layout-centered .hero-copy { max-width: 46rem; margin-inline: auto; }
.layout-centered .lead { margin-inline: auto; }
.layout-centered .hero-actions, .layout-centered .hero-points { justify-content: center; }
.layout-centered .hero-art { max-width: 44rem; margin-inline: auto; }
.layout-centered .section-head { margin-inline: auto; text-align: center; }
.layout-centered .topics { text-align: center; }
.layout-centered .chips { justify-content: center; }
.layout-centered .feature { background: transparent; border: 0; border-top: 3px solid var(--primary); border-radius: 0; padding: 1.25rem 0 0; box-shadow: none; }
@media (min-width: 760px) {
	.layout-centered .feature-grid { grid-template-columns: repeat(2, 1fr); column-gap: 3rem; }
}`,
	band: `
/* Band: a full-bleed coloured hero with the art first, features as large numbered rows. */
.layout-band .hero { background: linear-gradient(135deg, var(--band-from), var(--band-to)); color: var(--band-text); }
.layout-band .hero .eyebrow { color: var(--band-text); opacity: 0.85; }
.layout-band .hero .lead { color: var(--band-text); opacity: 0.92; }
.layout-band .hero .button { background: var(--band-button-bg); color: var(--band-button-text); }
.layout-band .hero .button-ghost { background: transparent; color: var(--band-text); box-shadow: inset 0 0 0 2px var(--band-text); }
.layout-band .hero-points li { background: transparent; color: var(--band-text); border-color: var(--band-text); }
.layout-band .feature-num { width: auto; height: auto; background: none; font-size: 2.4rem; color: var(--primary); opacity: 0.85; line-height: 1; }
@media (min-width: 560px) {
	.layout-band .feature { display: grid; grid-template-columns: auto 1fr; grid-template-rows: auto 1fr; column-gap: 1.1rem; align-items: start; }
	.layout-band .feature-num { grid-row: span 2; margin-bottom: 0; }
	.layout-band .feature h3 { margin-top: 0.2rem; }
}
@media (min-width: 860px) {
	.layout-band .hero-inner { grid-template-columns: 0.95fr 1.05fr; }
	.layout-band .hero-art { order: -1; }
	.layout-band .feature-grid { grid-template-columns: repeat(2, 1fr); }
}`,
	bento: `
/* Bento: the hero as a set of tiles, features as a mixed-size tile grid. */
.layout-bento .hero { background: var(--bg); }
.layout-bento .hero-copy, .layout-bento .hero-art { background: linear-gradient(150deg, var(--hero-from), var(--hero-to)); border: 1px solid var(--border); border-radius: calc(var(--radius) * 1.4); padding: clamp(1.5rem, 4vw, 3rem); }
.layout-bento .hero-inner { gap: 1rem; align-items: stretch; }
.layout-bento .hero-art { padding: 0.75rem; }
.layout-bento .hero-art img { box-shadow: none; }
.layout-bento .hero-stats { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1rem; }
.layout-bento .stat { margin: 0; background: var(--surface); border: 1px solid var(--border); border-radius: calc(var(--radius) * 1.4); padding: 1rem 1.1rem; display: grid; align-content: center; }
.layout-bento .stat strong { font-family: var(--font-head); font-size: 1.8rem; color: var(--primary); line-height: 1.1; }
.layout-bento .stat span { color: var(--muted); font-size: 0.85rem; }
.layout-bento .feature:nth-child(6n + 1), .layout-bento .feature:nth-child(6n + 5) { background: var(--primary-soft); }
.layout-bento .feature:nth-child(6n + 3) { background: var(--accent-soft); }
@media (min-width: 760px) {
	.layout-bento .feature-grid { grid-template-columns: repeat(2, 1fr); }
}
@media (min-width: 1024px) {
	.layout-bento .hero-inner { grid-template-columns: 1.15fr 0.85fr; }
	.layout-bento .hero-copy { grid-row: span 2; display: flex; flex-direction: column; justify-content: center; }
	.layout-bento .feature-grid { grid-template-columns: repeat(4, 1fr); }
	/* Six tiles fill two rows as 2+1+1 and 1+1+2; with eight, the last two share a third row. */
	.layout-bento .feature:nth-child(6n + 1), .layout-bento .feature:nth-child(6n), .layout-bento .feature:nth-child(8):last-child { grid-column: span 2; }
}`,
};

/**
 * Renders `assets/styles.css`: mobile-first, driven by the palette as custom properties, with
 * the chosen layout's rules appended so each product carries only the CSS it uses.
 */
export function renderStylesheet(look: Look): string {
	const p = look.palette;
	const accentFont = look.font === "mono" ? MONO : "var(--font-head)";
	return `/* Generated stylesheet: palette, typography and the "${look.layout}" layout. */
:root {
	--bg: ${p.bg};
	--surface: ${p.surface};
	--text: ${p.text};
	--muted: ${p.muted};
	--border: ${p.border};
	--primary: ${p.primary};
	--primary-strong: ${p.primaryStrong};
	--primary-soft: ${p.primarySoft};
	--on-primary: ${p.onPrimary};
	--accent: ${p.accent};
	--accent-soft: ${p.accentSoft};
	--hero-from: ${p.heroFrom};
	--hero-to: ${p.heroTo};
	--band-from: ${p.bandFrom};
	--band-to: ${p.bandTo};
	--band-text: ${p.bandText};
	--band-button-bg: ${p.bandButtonBg};
	--band-button-text: ${p.bandButtonText};
	--shadow: 0 18px 50px ${withAlpha(p.dark ? "#000000" : p.ink, p.dark ? 0.45 : 0.14)};
	--radius: ${look.radius}px;
	--font-body: ${SANS};
	--font-head: ${HEADING_FONTS[look.font]};
	--font-accent: ${accentFont};
	color-scheme: ${p.dark ? "dark" : "light"};
}

*, *::before, *::after { box-sizing: border-box; }
html { scroll-behavior: smooth; -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: var(--font-body); font-size: 1.0625rem; line-height: 1.65; color: var(--text); background: var(--bg); }
img { display: block; max-width: 100%; height: auto; }
a { color: var(--primary); text-underline-offset: 0.2em; }
a:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 3px; border-radius: 4px; }
h1, h2, h3 { font-family: var(--font-head); line-height: 1.15; letter-spacing: -0.015em; margin: 0 0 0.6em; text-wrap: balance; }
h1 { font-size: clamp(2.2rem, 4.5vw + 1rem, 3.7rem); }
h2 { font-size: clamp(1.6rem, 2.2vw + 1rem, 2.45rem); }
h3 { font-size: 1.18rem; }
p { margin: 0 0 1em; }
.wrap { width: min(100% - 2.5rem, 1140px); margin-inline: auto; }
.narrow { width: min(100% - 2.5rem, 820px); }
.skip-link { position: absolute; left: -999px; top: 0.5rem; background: var(--surface); padding: 0.5rem 1rem; z-index: 10; }
.skip-link:focus { left: 0.5rem; }

/* Header */
.site-header { position: sticky; top: 0; z-index: 5; background: ${withAlpha(p.bg, 0.88)}; backdrop-filter: saturate(1.4) blur(10px); border-bottom: 1px solid var(--border); }
.header-inner { display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding: 0.7rem 0; }
.brand { display: flex; align-items: center; gap: 0.6rem; min-width: 0; font-family: var(--font-head); font-weight: 700; color: var(--text); text-decoration: none; }
.brand-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 52vw; }
.brand-mark { flex: none; width: 1.6rem; height: 1.6rem; border-radius: calc(var(--radius) / 2); background: linear-gradient(135deg, var(--primary), var(--accent)); }
.site-nav { display: flex; align-items: center; gap: 1.1rem; }
.site-nav a:not(.button) { display: none; color: var(--muted); text-decoration: none; font-weight: 600; }
.site-nav a:not(.button):hover { color: var(--text); }

/* Buttons */
.button { display: inline-flex; align-items: center; justify-content: center; gap: 0.5rem; padding: 0.85rem 1.45rem; border: 0; border-radius: max(8px, calc(var(--radius) * 0.7)); background: var(--primary); color: var(--on-primary); font-weight: 700; white-space: nowrap; text-decoration: none; box-shadow: 0 8px 22px ${withAlpha(p.primary, 0.28)}; transition: transform 0.15s ease, box-shadow 0.15s ease, background 0.15s ease; }
.button:hover { transform: translateY(-1px); background: var(--primary-strong); box-shadow: 0 12px 28px ${withAlpha(p.primary, 0.34)}; }
.button-ghost { background: transparent; color: var(--primary); box-shadow: inset 0 0 0 2px var(--primary); }
.button-ghost:hover { background: var(--primary-soft); color: var(--primary); box-shadow: inset 0 0 0 2px var(--primary); }
.button-small { padding: 0.5rem 1rem; font-size: 0.92rem; }

/* Shared section styles */
section { padding: clamp(3rem, 7vw, 5.5rem) 0; }
.section-head { max-width: 46rem; margin-bottom: 2.25rem; }
.section-head p:last-child { color: var(--muted); font-size: 1.08rem; }
.eyebrow { margin: 0 0 0.8rem; font-family: var(--font-accent); font-size: 0.8rem; font-weight: 700; letter-spacing: 0.12em; text-transform: uppercase; color: var(--primary); }

/* Hero */
.hero { position: relative; overflow: hidden; padding: clamp(2.5rem, 6vw, 5rem) 0; }
.hero-inner { display: grid; gap: 2.5rem; align-items: center; }
.lead { max-width: 38rem; font-size: clamp(1.1rem, 0.6vw + 1rem, 1.3rem); color: var(--muted); }
.hero-actions { display: flex; flex-wrap: wrap; gap: 0.8rem; margin: 1.75rem 0 1.5rem; }
.hero-points { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0; padding: 0; list-style: none; }
.hero-points li { padding: 0.35rem 0.85rem; border: 1px solid var(--border); border-radius: 999px; background: var(--surface); font-size: 0.9rem; font-weight: 600; }
.hero-art { margin: 0; }
.hero-art img { width: 100%; border-radius: calc(var(--radius) * 1.2); box-shadow: var(--shadow); }

/* Features */
.feature-grid { display: grid; gap: 1.25rem; }
.feature { padding: 1.6rem; border: 1px solid var(--border); border-radius: var(--radius); background: var(--surface); box-shadow: 0 1px 2px ${withAlpha(p.ink, 0.05)}; }
.feature p { margin: 0; color: var(--muted); }
.feature-num { display: inline-grid; place-items: center; width: 2.5rem; height: 2.5rem; margin-bottom: 0.9rem; border-radius: calc(var(--radius) * 0.6); background: var(--accent-soft); color: var(--text); font-family: var(--font-accent); font-weight: 800; }
.topics { margin-top: 2.5rem; }
.topics-label { margin-bottom: 0.6rem; font-weight: 700; color: var(--muted); font-size: 0.9rem; }
.chips { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0; padding: 0; list-style: none; }
.chips li { padding: 0.3rem 0.8rem; border-radius: 999px; background: var(--primary-soft); color: var(--text); font-size: 0.88rem; font-family: var(--font-accent); }

/* What's inside */
.inside { background: ${withAlpha(p.primarySoft, 0.55)}; }
.file-list { display: grid; gap: 1rem; margin: 0; padding: 0; list-style: none; }
.file-card a { display: grid; align-content: start; gap: 0.35rem; height: 100%; padding: 1.4rem; border: 1px solid var(--border); border-radius: var(--radius); background: var(--surface); color: var(--text); text-decoration: none; transition: border-color 0.15s ease, transform 0.15s ease; }
.file-card a:hover { border-color: var(--primary); transform: translateY(-2px); }
.file-name { font-family: ${MONO}; font-size: 0.85rem; color: var(--primary); }
.file-blurb { color: var(--muted); }

/* Steps */
.steps-list { display: grid; gap: 1.25rem; margin: 0; padding: 0; list-style: none; counter-reset: step; }
.step { position: relative; padding: 1.5rem 1.5rem 1.5rem 4.6rem; border-radius: var(--radius); background: var(--surface); border: 1px solid var(--border); counter-increment: step; }
.step::before { content: counter(step); position: absolute; left: 1.3rem; top: 1.35rem; display: grid; place-items: center; width: 2.3rem; height: 2.3rem; border-radius: 50%; background: var(--primary); color: var(--on-primary); font-weight: 800; }
.step p { margin: 0; color: var(--muted); }

/* Audience */
.audience-list { display: grid; gap: 0.8rem; margin: 0; padding: 0; list-style: none; }
.audience-list li { position: relative; padding: 1rem 1rem 1rem 3rem; border-radius: var(--radius); background: var(--surface); border: 1px solid var(--border); }
.audience-list li::before { content: ""; position: absolute; left: 1.1rem; top: 1.35rem; width: 0.9rem; height: 0.5rem; border-left: 3px solid var(--primary); border-bottom: 3px solid var(--primary); transform: rotate(-45deg); }

/* Call to action */
.cta-box { padding: clamp(2rem, 6vw, 4rem) clamp(1.5rem, 5vw, 4rem); border-radius: calc(var(--radius) * 1.5); background: linear-gradient(135deg, var(--band-from), var(--band-to)); color: var(--band-text); text-align: center; box-shadow: var(--shadow); }
.cta-box p { max-width: 40rem; margin-inline: auto; opacity: 0.92; font-size: 1.1rem; }
.cta-actions { display: flex; flex-wrap: wrap; justify-content: center; gap: 0.8rem; margin-top: 1.75rem; }
.cta-box .button { background: var(--band-button-bg); color: var(--band-button-text); }
.cta-box .button-ghost { background: transparent; color: var(--band-text); box-shadow: inset 0 0 0 2px var(--band-text); }

/* FAQ */
.faq-list { display: grid; gap: 0.75rem; }
details { padding: 0 1.25rem; border: 1px solid var(--border); border-radius: var(--radius); background: var(--surface); }
details[open] { border-color: var(--primary); }
summary { display: flex; justify-content: space-between; align-items: center; gap: 1rem; padding: 1.1rem 0; cursor: pointer; font-weight: 700; list-style: none; }
summary::-webkit-details-marker { display: none; }
summary::after { content: "+"; flex: none; display: grid; place-items: center; width: 1.8rem; height: 1.8rem; border-radius: 50%; background: var(--primary-soft); color: var(--primary); font-size: 1.25rem; line-height: 1; transition: transform 0.2s ease; }
details[open] summary::after { transform: rotate(45deg); }
details p { margin: 0 0 1.2rem; color: var(--muted); }

/* Footer */
.site-footer { padding: 2.5rem 0; border-top: 1px solid var(--border); color: var(--muted); font-size: 0.95rem; }
.footer-inner { display: grid; gap: 1rem; }
.footer-inner p { margin: 0; }
.footer-nav { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; }
.footer-nav a { color: var(--muted); }
.footer-nav a:hover { color: var(--primary); }

/* Wider screens */
@media (min-width: 760px) {
	.site-nav a:not(.button) { display: inline; }
	.brand-name { max-width: 32rem; }
	.file-list { grid-template-columns: repeat(3, 1fr); }
	.steps-list { grid-template-columns: repeat(3, 1fr); }
	.step { padding: 4.3rem 1.5rem 1.5rem; }
	.step::before { top: 1.4rem; left: 1.5rem; }
	.audience-list { grid-template-columns: repeat(2, 1fr); }
	.footer-inner { grid-template-columns: 1fr auto; align-items: center; }
	.feature-grid { grid-template-columns: repeat(2, 1fr); }
}
${LAYOUT_RULES[look.layout]}

@media (prefers-reduced-motion: reduce) {
	html { scroll-behavior: auto; }
	.button, .file-card a, summary::after { transition: none; }
}

@media print {
	.site-header, .hero-actions, .cta-actions { display: none; }
	body { background: #ffffff; color: #000000; }
}
`;
}
