/** The few words the fake writes besides the topic, in each language the prompt can ask for. */
const WORDS = {
	en: {
		features: ["One", "Two", "Three"],
		faq: "FAQ",
		question: "Question",
		about: "about",
		answer: "Answer",
		start: "Start",
		read: "Read the guide",
		kit: "A kit about",
		guide: "Guide",
		checklist: "Checklist",
		word: "word",
		open: "Open index.html.",
		license: "Personal and commercial use.",
	},
	ko: {
		features: ["하나", "둘", "셋"],
		faq: "자주 묻는 질문",
		question: "질문",
		about: "관련",
		answer: "답변",
		start: "시작하기",
		read: "안내서 읽기",
		kit: "주제 키트:",
		guide: "안내서",
		checklist: "체크리스트",
		word: "단어",
		open: "index.html을 여세요.",
		license: "개인 및 상업적 이용 가능.",
	},
} as const;

/**
 * The product the fake model writes, in the language the prompt asks for (`en` or `ko`). A topic
 * containing "no-faq" drops the FAQ section, "broken-link" links a missing page, "missing-asset"
 * references a missing image: the tests' way to make the generation gate fail through the real LLM path.
 */
export function fakeProduct(topic: string, language: keyof typeof WORDS = "en") {
	const w = WORDS[language];
	const faq = topic.includes("no-faq")
		? ""
		: `<section data-section="faq" id="faq"><h2>${w.faq}</h2>${[1, 2, 3, 4].map((n) => `<details><summary>${w.question} ${n} ${w.about} ${topic}?</summary><p>${w.answer} ${n} ${w.about} ${topic}.</p></details>`).join("")}</section>`;
	const extraLink = topic.includes("broken-link") ? `<p><a href="pricing.html">Pricing</a></p>` : "";
	const extraImage = topic.includes("missing-asset") ? `<img src="assets/missing.png" alt="missing">` : "";
	const words = Array.from({ length: 260 }, (_, i) => `${topic.split(" ")[i % topic.split(" ").length]}`).join(" ");
	const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${topic}</title><meta name="description" content="${w.kit} ${topic}"><link rel="stylesheet" href="assets/styles.css"></head><body>
<section data-section="hero"><h1>${topic}</h1><img src="assets/hero.svg" alt="hero">${extraImage}<a href="#faq">${w.faq}</a></section>
<section data-section="features"><article><h3>${w.features[0]}</h3><p>${words}</p></article><article><h3>${w.features[1]}</h3><p>${topic}</p></article><article><h3>${w.features[2]}</h3><p>${topic}</p></article></section>
<section data-section="cta" id="cta"><h2>${w.start}</h2><a href="guide.md">${w.read}</a>${extraLink}</section>
${faq}</body></html>`;
	const long = (title: string) => `# ${title}\n\n${Array.from({ length: 200 }, (_, i) => `${w.word}${i}`).join(" ")}\n`;
	// "bench-1mb" adds an incompressible texture, so the package weighs about 1 MB (bench/download).
	const texture = topic.includes("bench-1mb") ? [{ path: "assets/texture.svg", content: textureSvg(1_350_000) }] : [];
	return {
		description: `${w.kit} ${topic}.`,
		files: [
			...texture,
			{ path: "index.html", content: html },
			{ path: "assets/styles.css", content: "body { font-family: sans-serif; }" },
			{
				path: "assets/hero.svg",
				content: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>hero</title><rect width="10" height="10"/></svg>',
			},
			{ path: "guide.md", content: long(w.guide) },
			{ path: "checklist.md", content: long(w.checklist) },
			{ path: "README.md", content: `# README\n\n${w.open}` },
			{ path: "LICENSE.md", content: `# LICENSE\n\n${w.license}` },
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
