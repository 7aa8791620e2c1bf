/**
 * The product the fake model writes. A topic containing "no-faq" drops the FAQ section,
 * "broken-link" links a missing page, "missing-asset" references a missing image: the tests'
 * way to make the generation gate fail through the real LLM path.
 */
export function fakeProduct(topic: string) {
	const faq = topic.includes("no-faq")
		? ""
		: `<section data-section="faq" id="faq"><h2>FAQ</h2>${[1, 2, 3, 4].map((n) => `<details><summary>Question ${n} about ${topic}?</summary><p>Answer ${n} about ${topic}.</p></details>`).join("")}</section>`;
	const extraLink = topic.includes("broken-link") ? `<p><a href="pricing.html">Pricing</a></p>` : "";
	const extraImage = topic.includes("missing-asset") ? `<img src="assets/missing.png" alt="missing">` : "";
	const words = Array.from({ length: 260 }, (_, i) => `${topic.split(" ")[i % topic.split(" ").length]}`).join(" ");
	const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${topic}</title><meta name="description" content="All about ${topic}"><link rel="stylesheet" href="assets/styles.css"></head><body>
<section data-section="hero"><h1>${topic}</h1><img src="assets/hero.svg" alt="hero">${extraImage}<a href="#faq">FAQ</a></section>
<section data-section="features"><article><h3>One</h3><p>${words}</p></article><article><h3>Two</h3><p>x</p></article><article><h3>Three</h3><p>y</p></article></section>
<section data-section="cta" id="cta"><h2>Start</h2><a href="guide.md">Read the guide</a>${extraLink}</section>
${faq}</body></html>`;
	const long = (title: string) => `# ${title}\n\n${Array.from({ length: 200 }, (_, i) => `word${i}`).join(" ")}\n`;
	// "bench-1mb" adds an incompressible texture, so the package weighs about 1 MB (bench/download).
	const texture = topic.includes("bench-1mb") ? [{ path: "assets/texture.svg", content: textureSvg(1_350_000) }] : [];
	return {
		description: `A kit about ${topic}.`,
		files: [
			...texture,
			{ path: "index.html", content: html },
			{ path: "assets/styles.css", content: "body { font-family: sans-serif; }" },
			{
				path: "assets/hero.svg",
				content: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>hero</title><rect width="10" height="10"/></svg>',
			},
			{ path: "guide.md", content: long("Guide") },
			{ path: "checklist.md", content: long("Checklist") },
			{ path: "README.md", content: "# Readme\n\nOpen index.html." },
			{ path: "LICENSE.md", content: "# License\n\nPersonal and commercial use." },
		],
	};
}

/** An SVG carrying `bytes` of seeded pseudo-random base64 (deflate can barely shrink it). */
function textureSvg(bytes: number): string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	let seed = 0x2545f491;
	let data = "";
	for (let i = 0; i < bytes; i++) {
		seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
		data += alphabet[(seed >>> 16) & 63];
	}
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><title>texture</title><desc>${data}</desc></svg>`;
}
