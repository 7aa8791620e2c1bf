import type { Rng } from "../../../shared/prng";
import { escapeXml } from "./escape";
import { drawMotif } from "./hero-motifs";
import type { KitUi } from "./lang";
import type { Look } from "./look";
import { truncate } from "./text";
import type { TopicProfile } from "./topic-profile";

/** The hero illustration and its alt text. */
export type HeroArt = { svg: string; alt: string };

const WIDTH = 640;
const HEIGHT = 480;

function pattern(look: Look): string {
	const p = look.palette;
	switch (look.pattern) {
		case "dots":
			return `<pattern id="texture" width="22" height="22" patternUnits="userSpaceOnUse"><circle cx="3" cy="3" r="2.2" fill="${p.primary}" opacity="0.22"/></pattern>`;
		case "grid":
			return `<pattern id="texture" width="32" height="32" patternUnits="userSpaceOnUse"><path d="M32 0 H0 V32" fill="none" stroke="${p.primary}" stroke-width="1" opacity="0.16"/></pattern>`;
		case "waves":
			return `<pattern id="texture" width="48" height="24" patternUnits="userSpaceOnUse"><path d="M0 12 Q12 2 24 12 T48 12" fill="none" stroke="${p.primary}" stroke-width="1.6" opacity="0.2"/></pattern>`;
		default:
			return `<pattern id="texture" width="60" height="60" patternUnits="userSpaceOnUse"><circle cx="30" cy="30" r="18" fill="none" stroke="${p.primary}" stroke-width="1.4" opacity="0.16"/></pattern>`;
	}
}

function blobs(look: Look, rng: Rng): string {
	const p = look.palette;
	const colours = [p.primarySoft, p.accentSoft, p.primarySoft];
	return colours
		.map((fill, i) => {
			const cx = i === 0 ? rng.int(60, 200) : i === 1 ? rng.int(440, 590) : rng.int(240, 400);
			const cy = i === 2 ? rng.int(380, 460) : rng.int(40, 200);
			return `<circle cx="${cx}" cy="${cy}" r="${rng.int(70, 130)}" fill="${fill}" opacity="0.85"/>`;
		})
		.join("");
}

function sparkles(look: Look, rng: Rng): string {
	const spots = rng.sample(
		[
			[96, 96],
			[560, 70],
			[586, 250],
			[70, 300],
			[540, 420],
			[110, 430],
		] as const,
		3,
	);
	return spots
		.map(([x, y]) => {
			const s = rng.int(8, 14);
			return `<path d="M${x} ${y - s} Q${x} ${y} ${x + s} ${y} Q${x} ${y} ${x} ${y + s} Q${x} ${y} ${x - s} ${y} Q${x} ${y} ${x} ${y - s} Z" fill="${look.palette.accent}"/>`;
		})
		.join("");
}

/** A rounded label; the width is estimated from the character count since SVG cannot measure text. */
function chip(x: number, y: number, label: string, look: Look, anchorRight: boolean): string {
	const p = look.palette;
	const text = truncate(label, 22);
	// Hangul and other full-width characters are about 1.7 times as wide as Latin letters.
	const units = [...text].reduce((sum, ch) => sum + (/[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7a3\uff00-\uffdc]/.test(ch) ? 1.7 : 1), 0);
	const width = Math.round(units * 8.6 + 34);
	const left = anchorRight ? x - width : x;
	return `<g><rect x="${left}" y="${y}" width="${width}" height="34" rx="17" fill="${p.surface}" stroke="${p.border}" stroke-width="2"/><circle cx="${left + 17}" cy="${y + 17}" r="5" fill="${p.accent}"/><text x="${left + 28}" y="${y + 22}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="14" font-weight="600" fill="${p.text}">${escapeXml(text)}</text></g>`;
}

/**
 * Draws the hero illustration: a textured, tinted card with soft shapes, the domain motif and
 * chips naming the topic's own keywords, all in the product palette.
 */
export function renderHeroSvg(profile: TopicProfile, look: Look, rng: Rng, ui: KitUi): HeroArt {
	const p = look.palette;
	const motif = drawMotif(profile.domain.id, p, rng.fork("motif"));
	const [first = profile.subject, second] = profile.keywords;
	const chips = [chip(28, 26, first, look, false)];
	if (second) chips.push(chip(WIDTH - 28, HEIGHT - 60, second, look, true));
	const title = escapeXml(profile.title);
	const alt = ui.heroAlt(profile.subject, motif.description);
	// The SVG description is a sentence; the alt text is a label.
	const description = escapeXml(`${alt}.`);
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="hero-title hero-desc">
<title id="hero-title">${title}</title>
<desc id="hero-desc">${description}</desc>
<defs>
<linearGradient id="backdrop" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${p.heroFrom}"/><stop offset="1" stop-color="${p.heroTo}"/></linearGradient>
${pattern(look)}
<clipPath id="frame"><rect width="${WIDTH}" height="${HEIGHT}" rx="${Math.min(look.radius * 1.5, 36)}"/></clipPath>
</defs>
<g clip-path="url(#frame)">
<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#backdrop)"/>
${blobs(look, rng)}
<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#texture)"/>
${sparkles(look, rng)}
${motif.svg}
${chips.join("\n")}
</g>
</svg>
`;
	return { svg, alt };
}
