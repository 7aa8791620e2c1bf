import type { Rng } from "../../../shared/prng";
import type { MotifId } from "./domains/types";
import type { Palette } from "./palette";

/** SVG markup of a central illustration (640×480 canvas) and a few words describing it for alt text. */
export type Motif = { svg: string; description: string };

type MotifDrawer = (p: Palette, rng: Rng) => Motif;

const round = (value: number): number => Math.round(value * 10) / 10;

/** Three wavy steam or scent lines rising from (x, y). */
function steam(x: number, y: number, color: string): string {
	return [-40, 0, 40]
		.map(
			(dx, i) =>
				`<path d="M${x + dx} ${y} q-14 -22 0 -44 q14 -22 0 -44" fill="none" stroke="${color}" stroke-width="7" stroke-linecap="round" opacity="${0.45 + i * 0.15}"/>`,
		)
		.join("");
}

/** A sun: a disc with short rays. */
function sun(x: number, y: number, r: number, color: string): string {
	const rays = Array.from({ length: 10 }, (_, i) => {
		const a = (i / 10) * Math.PI * 2;
		const x1 = round(x + Math.cos(a) * (r + 10));
		const y1 = round(y + Math.sin(a) * (r + 10));
		const x2 = round(x + Math.cos(a) * (r + 24));
		const y2 = round(y + Math.sin(a) * (r + 24));
		return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${color}" stroke-width="6" stroke-linecap="round"/>`;
	}).join("");
	return `<g>${rays}<circle cx="${x}" cy="${y}" r="${r}" fill="${color}"/></g>`;
}

const cooking: MotifDrawer = (p, rng) => {
	if (rng.chance(0.5)) {
		const scores = [-50, 0, 50]
			.map((dx) => `<path d="M${300 + dx} 200 q22 -14 44 6" fill="none" stroke="${p.paper}" stroke-width="7" stroke-linecap="round" opacity="0.8"/>`)
			.join("");
		return {
			description: "a mixing bowl holding a freshly baked loaf with steam rising",
			svg: `<ellipse cx="320" cy="392" rx="210" ry="24" fill="${p.ink}" opacity="0.12"/>
<ellipse cx="320" cy="222" rx="132" ry="70" fill="${p.accent}"/>${scores}
<path d="M160 262 Q320 470 480 262 Z" fill="${p.primary}"/>
<ellipse cx="320" cy="262" rx="160" ry="22" fill="${p.primaryStrong}"/>
${steam(320, 140, p.muted)}`,
		};
	}
	return {
		description: "a cooking pot with a lid, a wooden spoon and rising steam",
		svg: `<ellipse cx="320" cy="398" rx="210" ry="22" fill="${p.ink}" opacity="0.12"/>
<rect x="170" y="250" width="40" height="22" rx="11" fill="${p.primaryStrong}"/><rect x="430" y="250" width="40" height="22" rx="11" fill="${p.primaryStrong}"/>
<rect x="196" y="226" width="248" height="168" rx="30" fill="${p.primary}"/>
<rect x="196" y="300" width="248" height="16" fill="${p.accent}" opacity="0.8"/>
<ellipse cx="320" cy="226" rx="136" ry="20" fill="${p.primaryStrong}"/><rect x="304" y="196" width="32" height="20" rx="8" fill="${p.accent}"/>
<path d="M452 130 L520 60" stroke="${p.accent}" stroke-width="14" stroke-linecap="round"/><ellipse cx="447" cy="138" rx="16" ry="24" transform="rotate(42 447 138)" fill="${p.accent}"/>
${steam(300, 170, p.muted)}`,
	};
};

const fitness: MotifDrawer = (p, rng) => {
	const pulse = `<polyline points="110,260 220,260 250,196 282,328 314,228 338,260 530,260" fill="none" stroke="${p.primary}" stroke-width="11" stroke-linejoin="round" stroke-linecap="round"/>`;
	const watch = `<g><rect x="452" y="78" width="30" height="22" rx="6" fill="${p.primaryStrong}"/><circle cx="467" cy="150" r="54" fill="${p.paper}" stroke="${p.primaryStrong}" stroke-width="9"/><line x1="467" y1="150" x2="467" y2="116" stroke="${p.ink}" stroke-width="7" stroke-linecap="round"/><line x1="467" y1="150" x2="492" y2="162" stroke="${p.accent}" stroke-width="7" stroke-linecap="round"/></g>`;
	if (rng.chance(0.5)) {
		return {
			description: "a running track with a heart-rate line and a stopwatch",
			svg: `<ellipse cx="320" cy="290" rx="236" ry="112" fill="none" stroke="${p.accent}" stroke-width="22"/>
<ellipse cx="320" cy="290" rx="236" ry="112" fill="none" stroke="${p.paper}" stroke-width="3" stroke-dasharray="14 12"/>
${pulse}${watch}`,
		};
	}
	return {
		description: "a dumbbell, a heart-rate line and a stopwatch",
		svg: `<g transform="rotate(-12 300 360)"><rect x="180" y="350" width="240" height="18" rx="9" fill="${p.line}"/>
<rect x="150" y="318" width="40" height="82" rx="10" fill="${p.accent}"/><rect x="410" y="318" width="40" height="82" rx="10" fill="${p.accent}"/>
<rect x="120" y="330" width="30" height="58" rx="8" fill="${p.primaryStrong}"/><rect x="450" y="330" width="30" height="58" rx="8" fill="${p.primaryStrong}"/></g>
${pulse}${watch}`,
	};
};

const finance: MotifDrawer = (p, rng) => {
	const bars: string[] = [];
	const tops: string[] = [];
	let height = rng.int(50, 80);
	for (let i = 0; i < 5; i++) {
		const x = 150 + i * 62;
		const y = 380 - height;
		bars.push(`<rect x="${x}" y="${y}" width="44" height="${height}" rx="8" fill="${i % 2 === 0 ? p.primary : p.primaryStrong}"/>`);
		tops.push(`${x + 22},${y - 24}`);
		height += rng.int(28, 52);
	}
	const last = tops[tops.length - 1] ?? "420,120";
	const [lx = "420", ly = "120"] = last.split(",");
	const coins = Array.from(
		{ length: rng.int(3, 5) },
		(_, i) => `<ellipse cx="500" cy="${372 - i * 18}" rx="44" ry="14" fill="${p.accent}" stroke="${p.ink}" stroke-opacity="0.25" stroke-width="3"/>`,
	).join("");
	return {
		description: "a rising bar chart with a growth trend line and a stack of coins",
		svg: `<line x1="130" y1="382" x2="540" y2="382" stroke="${p.line}" stroke-width="6" stroke-linecap="round"/>
${bars.join("")}
<polyline points="${tops.join(" ")}" fill="none" stroke="${p.accent}" stroke-width="8" stroke-linejoin="round" stroke-linecap="round"/>
<circle cx="${lx}" cy="${ly}" r="13" fill="${p.accent}"/>${coins}`,
	};
};

const programming: MotifDrawer = (p, rng) => {
	const colours = [p.primary, p.accent, p.tertiary, p.muted];
	const lines = Array.from({ length: 8 }, (_, i) => {
		const indent = [0, 1, 2, 2, 1, 2, 1, 0][i] ?? 0;
		const width = rng.int(60, 210 - indent * 24);
		return `<rect x="${170 + indent * 26}" y="${164 + i * 24}" width="${width}" height="11" rx="5.5" fill="${rng.pick(colours)}"/>`;
	}).join("");
	const window = `<rect x="140" y="110" width="350" height="266" rx="18" fill="${p.ink}"/>
<rect x="140" y="110" width="350" height="36" rx="18" fill="${p.primaryStrong}"/><rect x="140" y="128" width="350" height="18" fill="${p.primaryStrong}"/>
<circle cx="164" cy="128" r="6" fill="${p.accent}"/><circle cx="184" cy="128" r="6" fill="${p.tertiary}"/><circle cx="204" cy="128" r="6" fill="${p.paper}"/>${lines}`;
	const hex = (cx: number, cy: number, r: number, fill: string): string => {
		const points = Array.from({ length: 6 }, (_, i) => {
			const a = Math.PI / 6 + (i * Math.PI) / 3;
			return `${round(cx + Math.cos(a) * r)},${round(cy + Math.sin(a) * r)}`;
		}).join(" ");
		return `<polygon points="${points}" fill="${fill}"/>`;
	};
	const nodes: [number, number][] = [
		[520, 300],
		[470, 388],
		[560, 396],
	];
	const links = nodes
		.slice(1)
		.map(([x, y]) => `<line x1="520" y1="300" x2="${x}" y2="${y}" stroke="${p.accent}" stroke-width="6"/>`)
		.join("");
	return {
		description: "a code editor window with a small cluster of connected service nodes",
		svg: `${window}${links}${nodes.map(([x, y], i) => hex(x, y, i === 0 ? 44 : 28, i === 0 ? p.accent : p.primary)).join("")}
<circle cx="520" cy="300" r="14" fill="${p.paper}"/>`,
	};
};

const marketing: MotifDrawer = (p, rng) => {
	const likes = rng.int(2, 4);
	const dots = Array.from({ length: 3 }, (_, i) => `<circle cx="${430 + i * 26}" cy="330" r="7" fill="${p.paper}"/>`).join("");
	return {
		description: "a megaphone with speech bubbles, a heart and a rising growth arrow",
		svg: `<path d="M168 232 L330 164 L330 340 L168 276 Z" fill="${p.primary}"/>
<rect x="140" y="226" width="40" height="56" rx="10" fill="${p.primaryStrong}"/>
<path d="M196 282 L220 356 L250 350 L236 292 Z" fill="${p.primaryStrong}"/>
<ellipse cx="330" cy="252" rx="20" ry="88" fill="${p.accent}"/>
<g><rect x="376" y="96" width="156" height="104" rx="24" fill="${p.paper}" stroke="${p.border}" stroke-width="3"/><path d="M404 198 L396 232 L436 198 Z" fill="${p.paper}"/>
<path d="M454 170 C420 146 424 118 446 118 C456 118 454 126 454 130 C454 126 452 118 462 118 C484 118 488 146 454 170 Z" fill="${p.accent}"/>
<text x="500" y="156" font-family="system-ui, sans-serif" font-size="22" font-weight="700" fill="${p.ink}">+${likes}k</text></g>
<g><rect x="400" y="300" width="120" height="60" rx="20" fill="${p.primaryStrong}"/>${dots}</g>
<polyline points="370,420 430,392 470,404 540,356" fill="none" stroke="${p.accent}" stroke-width="9" stroke-linecap="round" stroke-linejoin="round"/>
<path d="M524 346 L548 350 L540 374 Z" fill="${p.accent}"/>`,
	};
};

const travel: MotifDrawer = (p, rng) => {
	const planeX = rng.int(380, 420);
	return {
		description: "mountains under the sun with a dashed flight path, a plane and a map pin",
		svg: `${sun(500, 112, 36, p.accent)}
<polygon points="100,390 250,190 400,390" fill="${p.primary}"/><polygon points="250,190 286,238 268,232 250,252 232,232 214,238" fill="${p.paper}" opacity="0.9"/>
<polygon points="290,390 420,230 550,390" fill="${p.primaryStrong}"/>
<path d="M110 170 Q250 50 ${planeX} 178" fill="none" stroke="${p.line}" stroke-width="5" stroke-dasharray="12 12" stroke-linecap="round" opacity="0.7"/>
<g transform="translate(${planeX} 178) rotate(40)"><path d="M-26 0 L26 0 M0 0 L-12 -18 M0 0 L-12 18 M-22 0 L-28 -9 M-22 0 L-28 9" stroke="${p.line}" stroke-width="8" stroke-linecap="round"/></g>
<path d="M180 300 c0 -28 40 -28 40 0 c0 22 -20 40 -20 52 c0 -12 -20 -30 -20 -52 Z" fill="${p.accent}"/><circle cx="200" cy="300" r="8" fill="${p.paper}"/>
<rect x="80" y="388" width="480" height="10" rx="5" fill="${p.line}" opacity="0.15"/>`,
	};
};

const gardening: MotifDrawer = (p, rng) => {
	const leafCount = rng.int(4, 6);
	const leaves = Array.from({ length: leafCount }, (_, i) => {
		const y = 292 - i * 36;
		const side = i % 2 === 0 ? -1 : 1;
		const cx = 320 + side * 34;
		const angle = side * -35;
		const fill = i % 2 === 0 ? p.primary : p.primaryStrong;
		return `<ellipse cx="${cx}" cy="${y}" rx="40" ry="17" transform="rotate(${angle} ${cx} ${y})" fill="${fill}"/>`;
	}).join("");
	const top = 292 - leafCount * 36;
	return {
		description: "a young plant with fresh leaves growing from a pot under the sun",
		svg: `${sun(150, 130, 34, p.accent)}
<path d="M320 330 C316 280 326 ${top + 60} 320 ${top + 8}" fill="none" stroke="${p.primaryStrong}" stroke-width="9" stroke-linecap="round"/>
${leaves}<circle cx="320" cy="${top}" r="16" fill="${p.accent}"/>
<polygon points="236,330 404,330 384,420 256,420" fill="${p.tertiary}"/><rect x="222" y="318" width="196" height="28" rx="8" fill="${p.accent}"/>
<rect x="120" y="418" width="400" height="10" rx="5" fill="${p.line}" opacity="0.15"/>`,
	};
};

const photography: MotifDrawer = (p, rng) => {
	const blades = rng.chance(0.5);
	const aperture = blades
		? Array.from({ length: 6 }, (_, i) => {
				const a = (i * Math.PI) / 3;
				const x = round(320 + Math.cos(a) * 30);
				const y = round(276 + Math.sin(a) * 30);
				return `<line x1="320" y1="276" x2="${x}" y2="${y}" stroke="${p.paper}" stroke-width="3" opacity="0.6"/>`;
			}).join("")
		: "";
	return {
		description: "a camera with a large lens and a glinting aperture",
		svg: `<ellipse cx="320" cy="410" rx="200" ry="18" fill="${p.ink}" opacity="0.15"/>
<rect x="214" y="140" width="104" height="46" rx="12" fill="${p.ink}"/>
<rect x="160" y="170" width="320" height="214" rx="30" fill="${p.ink}"/>
<rect x="160" y="210" width="320" height="20" fill="${p.primaryStrong}"/>
<rect x="404" y="190" width="48" height="24" rx="6" fill="${p.accent}"/>
<circle cx="320" cy="276" r="88" fill="${p.paper}"/><circle cx="320" cy="276" r="74" fill="${p.primary}"/>
<circle cx="320" cy="276" r="50" fill="${p.primaryStrong}"/><circle cx="320" cy="276" r="26" fill="${p.ink}"/>${aperture}
<circle cx="300" cy="254" r="10" fill="${p.paper}" opacity="0.75"/>`,
	};
};

const productivity: MotifDrawer = (p, rng) => {
	const rows = Array.from({ length: 5 }, (_, i) => {
		const y = 170 + i * 42;
		const done = i < rng.int(2, 4);
		const box = `<rect x="196" y="${y}" width="24" height="24" rx="6" fill="${done ? p.primary : p.paper}" stroke="${p.primary}" stroke-width="3"/>`;
		const tick = done
			? `<path d="M201 ${y + 12} l6 6 l10 -12" fill="none" stroke="${p.onPrimary}" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>`
			: "";
		const line = `<rect x="234" y="${y + 7}" width="${rng.int(90, 150)}" height="10" rx="5" fill="${done ? p.border : p.muted}"/>`;
		return box + tick + line;
	}).join("");
	return {
		description: "a checklist card with ticked items next to a clock",
		svg: `<rect x="170" y="100" width="250" height="310" rx="22" fill="${p.paper}" stroke="${p.border}" stroke-width="3"/>
<rect x="170" y="100" width="250" height="46" rx="22" fill="${p.primaryStrong}"/><rect x="170" y="124" width="250" height="22" fill="${p.primaryStrong}"/>
${rows}
<circle cx="470" cy="318" r="70" fill="${p.accent}"/><circle cx="470" cy="318" r="56" fill="${p.paper}"/>
<line x1="470" y1="318" x2="470" y2="280" stroke="${p.ink}" stroke-width="7" stroke-linecap="round"/><line x1="470" y1="318" x2="498" y2="330" stroke="${p.primary}" stroke-width="7" stroke-linecap="round"/>
<circle cx="470" cy="318" r="6" fill="${p.ink}"/>`,
	};
};

const education: MotifDrawer = (p, rng) => {
	const textLines = Array.from({ length: 4 }, (_, i) => {
		const y = 250 + i * 22;
		return `<line x1="196" y1="${y}" x2="${290 - rng.int(0, 30)}" y2="${y + 8}" stroke="${p.border}" stroke-width="6" stroke-linecap="round"/><line x1="350" y1="${y + 8}" x2="${444 - rng.int(0, 30)}" y2="${y}" stroke="${p.border}" stroke-width="6" stroke-linecap="round"/>`;
	}).join("");
	return {
		description: "an open book beneath a graduation cap with a tassel",
		svg: `<ellipse cx="320" cy="410" rx="200" ry="16" fill="${p.ink}" opacity="0.14"/>
<path d="M320 232 Q250 196 166 214 L166 384 Q250 366 320 402 Z" fill="${p.paper}" stroke="${p.primary}" stroke-width="6" stroke-linejoin="round"/>
<path d="M320 232 Q390 196 474 214 L474 384 Q390 366 320 402 Z" fill="${p.paper}" stroke="${p.primary}" stroke-width="6" stroke-linejoin="round"/>
<line x1="320" y1="232" x2="320" y2="402" stroke="${p.primaryStrong}" stroke-width="6"/>${textLines}
<polygon points="320,84 440,126 320,168 200,126" fill="${p.line}"/><path d="M254 146 L254 184 Q320 214 386 184 L386 146 L320 168 Z" fill="${p.primaryStrong}"/>
<line x1="440" y1="126" x2="440" y2="186" stroke="${p.accent}" stroke-width="5"/><circle cx="440" cy="192" r="10" fill="${p.accent}"/>`,
	};
};

const design: MotifDrawer = (p, rng) => {
	const swatches = [p.primary, p.accent, p.tertiary, p.primaryStrong]
		.map((c, i) => `<circle cx="${220 + i * 66}" cy="404" r="22" fill="${c}" stroke="${p.paper}" stroke-width="5"/>`)
		.join("");
	const tilt = rng.int(-14, 14);
	return {
		description: "an artboard with geometric shapes, a pen-tool curve and colour swatches",
		svg: `<rect x="140" y="90" width="360" height="280" rx="16" fill="${p.paper}" stroke="${p.border}" stroke-width="3"/>
<path d="M140 183 H500 M140 276 H500 M260 90 V370 M380 90 V370" stroke="${p.border}" stroke-width="2"/>
<circle cx="230" cy="170" r="52" fill="${p.accent}" opacity="0.9"/>
<rect x="330" y="140" width="110" height="110" rx="12" transform="rotate(${tilt} 385 195)" fill="${p.primary}" opacity="0.9"/>
<polygon points="300,330 360,230 420,330" fill="${p.tertiary}" opacity="0.9"/>
<path d="M170 320 C230 180 410 180 470 320" fill="none" stroke="${p.ink}" stroke-width="5"/>
<line x1="170" y1="320" x2="230" y2="180" stroke="${p.ink}" stroke-width="2"/><line x1="470" y1="320" x2="410" y2="180" stroke="${p.ink}" stroke-width="2"/>
<rect x="162" y="312" width="16" height="16" fill="${p.paper}" stroke="${p.ink}" stroke-width="3"/><rect x="462" y="312" width="16" height="16" fill="${p.paper}" stroke="${p.ink}" stroke-width="3"/>
<circle cx="230" cy="180" r="8" fill="${p.ink}"/><circle cx="410" cy="180" r="8" fill="${p.ink}"/>${swatches}`,
	};
};

const business: MotifDrawer = (p, rng) => {
	const stripes = Array.from(
		{ length: 8 },
		(_, i) => `<rect x="${150 + i * 42}" y="140" width="42" height="56" fill="${i % 2 === 0 ? p.primary : p.paper}"/>`,
	).join("");
	const scallops = Array.from({ length: 8 }, (_, i) => `<circle cx="${171 + i * 42}" cy="196" r="21" fill="${i % 2 === 0 ? p.primary : p.paper}"/>`).join("");
	const tagAngle = rng.int(-20, 10);
	return {
		description: "a small shopfront with a striped awning, an open sign and a price tag",
		svg: `<rect x="170" y="190" width="296" height="210" fill="${p.paper}" stroke="${p.ink}" stroke-width="5"/>
${stripes}${scallops}<rect x="146" y="128" width="344" height="16" rx="8" fill="${p.primaryStrong}"/>
<rect x="196" y="246" width="130" height="96" rx="8" fill="${p.primarySoft}" stroke="${p.ink}" stroke-width="4"/>
<rect x="350" y="250" width="86" height="150" rx="6" fill="${p.primaryStrong}"/><circle cx="424" cy="330" r="6" fill="${p.accent}"/>
<rect x="218" y="268" width="86" height="30" rx="6" fill="${p.accent}"/><text x="261" y="290" text-anchor="middle" font-family="system-ui, sans-serif" font-size="18" font-weight="800" fill="${p.ink}">OPEN</text>
<g transform="rotate(${tagAngle} 520 330)"><path d="M480 300 H560 V360 H480 L456 330 Z" fill="${p.accent}"/><circle cx="476" cy="330" r="7" fill="${p.paper}"/></g>
<rect x="120" y="398" width="400" height="10" rx="5" fill="${p.line}" opacity="0.18"/>`,
	};
};

const art: MotifDrawer = (p, rng) => {
	const strokes = [p.primary, p.accent, p.tertiary]
		.map(
			(c, i) =>
				`<path d="M${214 + i * 8} ${150 + i * 58} Q${300 + rng.int(-20, 20)} ${120 + i * 58} ${396 - i * 10} ${170 + i * 52}" fill="none" stroke="${c}" stroke-width="${18 - i * 3}" stroke-linecap="round" opacity="0.85"/>`,
		)
		.join("");
	const wells = [p.primary, p.accent, p.tertiary, p.primaryStrong]
		.map((c, i) => `<circle cx="${452 + (i % 2) * 40}" cy="${318 + Math.floor(i / 2) * 36}" r="13" fill="${c}"/>`)
		.join("");
	return {
		description: "an easel holding a painted canvas, with a paint palette and a brush",
		svg: `<ellipse cx="320" cy="420" rx="210" ry="14" fill="${p.ink}" opacity="0.14"/>
<line x1="230" y1="110" x2="178" y2="414" stroke="${p.ink}" stroke-width="9" stroke-linecap="round"/><line x1="370" y1="110" x2="412" y2="414" stroke="${p.ink}" stroke-width="9" stroke-linecap="round"/><line x1="300" y1="96" x2="300" y2="414" stroke="${p.ink}" stroke-width="7" stroke-linecap="round"/>
<rect x="188" y="122" width="230" height="200" rx="6" fill="${p.paper}" stroke="${p.ink}" stroke-width="5"/>${strokes}
<rect x="176" y="322" width="254" height="14" rx="5" fill="${p.primaryStrong}"/>
<path d="M430 300 C470 270 548 284 556 334 C562 372 520 396 482 388 C462 384 468 362 450 360 C426 358 410 330 430 300 Z" fill="${p.paper}" stroke="${p.ink}" stroke-width="4"/>${wells}
<g transform="rotate(${rng.int(-40, -20)} 500 250)"><rect x="494" y="170" width="12" height="110" rx="5" fill="${p.line}"/><path d="M494 170 Q500 138 506 170 Z" fill="${p.accent}"/></g>`,
	};
};

const generic: MotifDrawer = (p, rng) => {
	const peaks = [
		[120, 390],
		[210, rng.int(300, 330)],
		[280, rng.int(330, 350)],
		[380, rng.int(220, 250)],
		[440, rng.int(260, 280)],
		[510, 170],
	] as const;
	const path = peaks.map(([x, y]) => `${x},${y}`).join(" ");
	const stops = peaks
		.slice(1, -1)
		.map(([x, y]) => `<circle cx="${x}" cy="${y}" r="11" fill="${p.paper}" stroke="${p.primary}" stroke-width="5"/>`)
		.join("");
	return {
		description: "a winding path with milestones climbing to a flag on the summit",
		svg: `<polygon points="${path} 560,390" fill="${p.primarySoft}"/>
<polyline points="${path}" fill="none" stroke="${p.primary}" stroke-width="10" stroke-linejoin="round" stroke-linecap="round"/>${stops}
<line x1="510" y1="170" x2="510" y2="92" stroke="${p.line}" stroke-width="6" stroke-linecap="round"/><path d="M512 94 L566 110 L512 128 Z" fill="${p.accent}"/>
<circle cx="170" cy="150" r="30" fill="${p.accent}" opacity="0.85"/><circle cx="236" cy="118" r="12" fill="${p.tertiary}"/>`,
	};
};

const DRAWERS: Record<MotifId, MotifDrawer> = {
	cooking,
	fitness,
	finance,
	programming,
	marketing,
	travel,
	gardening,
	photography,
	productivity,
	education,
	design,
	business,
	art,
	generic,
};

/** Draws the central illustration of a domain; the seed varies shapes, counts and angles. */
export function drawMotif(id: MotifId, palette: Palette, rng: Rng): Motif {
	return DRAWERS[id](palette, rng);
}
