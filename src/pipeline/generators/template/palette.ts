import type { Rng } from "../../../shared/prng";
import type { DomainPack } from "./domains";

/** Colours of one product, as `#rrggbb`. Roles rather than hues, so every renderer can share it. */
export type Palette = {
	dark: boolean;
	bg: string;
	surface: string;
	text: string;
	muted: string;
	border: string;
	primary: string;
	/** A deeper primary for gradients, hovers and SVG shading. */
	primaryStrong: string;
	primarySoft: string;
	/** Text/icon colour on a `primary` background. */
	onPrimary: string;
	accent: string;
	accentSoft: string;
	/** A third, quieter hue for illustrations. */
	tertiary: string;
	heroFrom: string;
	heroTo: string;
	/** The strong band used for the CTA (and the hero of the "band" layout). */
	bandFrom: string;
	bandTo: string;
	bandText: string;
	bandButtonBg: string;
	bandButtonText: string;
	/** Near-black in the primary hue for illustration outlines and screens. */
	ink: string;
	/** Light fill for illustrated objects (pages, cards, dials); light even on dark pages. */
	paper: string;
	/** Stroke colour for lines drawn straight onto the illustration backdrop. */
	line: string;
};

function hslToHex(hue: number, saturation: number, lightness: number): string {
	const h = (((hue % 360) + 360) % 360) / 360;
	const s = Math.min(1, Math.max(0, saturation / 100));
	const l = Math.min(1, Math.max(0, lightness / 100));
	const channel = (offset: number): number => {
		const k = (offset + h * 12) % 12;
		const a = s * Math.min(l, 1 - l);
		return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
	};
	return `#${[channel(0), channel(8), channel(4)]
		.map((value) =>
			Math.round(value * 255)
				.toString(16)
				.padStart(2, "0"),
		)
		.join("")}`;
}

function luminance(hex: string): number {
	const values = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
	const [r = 0, g = 0, b = 0] = values.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
	const la = luminance(a);
	const lb = luminance(b);
	return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * Moves lightness step by step until `against` has at least `ratio` contrast, so buttons stay
 * readable whatever hue the seed picked (yellows need much darker tones than blues).
 */
function readable(hue: number, saturation: number, lightness: number, against: string, ratio: number, step: number): string {
	let l = lightness;
	let hex = hslToHex(hue, saturation, l);
	while (contrast(hex, against) < ratio && l > 4 && l < 96) {
		l += step;
		hex = hslToHex(hue, saturation, l);
	}
	return hex;
}

/** Hue offsets of the accent relative to the primary: complementary, split, triadic, analogous. */
const ACCENT_OFFSETS = [180, 150, 210, 120, 240, 40, -40] as const;

/**
 * Derives a palette from the domain's base hues, nudged by the seed so two products of one
 * domain still look different, and checked for text contrast.
 */
export function createPalette(domain: DomainPack, rng: Rng): Palette {
	const hue = rng.pick(domain.hues) + rng.int(-10, 10);
	const accentHue = hue + rng.pick(ACCENT_OFFSETS);
	const tertiaryHue = hue + rng.pick([60, -60, 90]);
	const saturation = rng.int(58, 78);
	const dark = rng.chance(domain.prefersDark ? 0.65 : 0.12);

	if (!dark) {
		const bg = hslToHex(hue, rng.int(30, 55), rng.int(97, 99));
		const surface = hslToHex(hue, 60, 99.6);
		const text = hslToHex(hue, 30, 13);
		const primary = readable(hue, saturation, 44, "#ffffff", 4.8, -2);
		const primaryStrong = readable(hue, saturation, 30, "#ffffff", 8, -2);
		return {
			dark,
			bg,
			surface,
			text,
			muted: readable(hue, 14, 40, bg, 5.5, -2),
			border: hslToHex(hue, 24, 88),
			primary,
			primaryStrong,
			primarySoft: hslToHex(hue, 70, 94),
			onPrimary: "#ffffff",
			accent: hslToHex(accentHue, rng.int(72, 90), rng.int(54, 62)),
			accentSoft: hslToHex(accentHue, 80, 92),
			tertiary: hslToHex(tertiaryHue, 55, 70),
			heroFrom: hslToHex(hue, 60, 95),
			heroTo: hslToHex(accentHue, 60, 96),
			bandFrom: primary,
			bandTo: primaryStrong,
			bandText: "#ffffff",
			bandButtonBg: "#ffffff",
			bandButtonText: primaryStrong,
			ink: hslToHex(hue, 30, 17),
			paper: surface,
			line: hslToHex(hue, 30, 17),
		};
	}

	const bg = hslToHex(hue, 28, 8);
	const onPrimary = hslToHex(hue, 50, 9);
	const primary = readable(hue, saturation + 10, 64, onPrimary, 6, 2);
	const text = hslToHex(hue, 25, 94);
	return {
		dark,
		bg,
		surface: hslToHex(hue, 24, 12),
		text,
		muted: readable(hue, 14, 70, bg, 6, 2),
		border: hslToHex(hue, 18, 22),
		primary,
		primaryStrong: hslToHex(hue, saturation, 50),
		primarySoft: hslToHex(hue, 40, 18),
		onPrimary,
		accent: hslToHex(accentHue, rng.int(75, 92), rng.int(60, 66)),
		accentSoft: hslToHex(accentHue, 40, 20),
		tertiary: hslToHex(tertiaryHue, 50, 55),
		heroFrom: hslToHex(hue, 35, 12),
		heroTo: hslToHex(accentHue, 30, 11),
		bandFrom: hslToHex(hue, 45, 20),
		bandTo: hslToHex(accentHue, 40, 15),
		bandText: text,
		bandButtonBg: primary,
		bandButtonText: onPrimary,
		ink: hslToHex(hue, 30, 20),
		paper: hslToHex(hue, 30, 92),
		line: text,
	};
}

/** `#rrggbb` plus an alpha channel, for translucent shadows and overlays. */
export function withAlpha(hex: string, alpha: number): string {
	const value = Math.round(Math.min(1, Math.max(0, alpha)) * 255);
	return `${hex}${value.toString(16).padStart(2, "0")}`;
}
