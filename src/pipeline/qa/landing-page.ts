/** What QA1 learns about a landing page from one pass of HTMLRewriter. */
export type LandingPageFacts = {
	doctype: boolean;
	elements: Record<"html" | "head" | "body", number>;
	lang: string | null;
	title: string;
	charset: boolean;
	viewport: boolean;
	description: string | null;
	h1Count: number;
	sections: Set<string>;
	featureItems: number;
	faqItems: number;
	ctaActions: number;
	ids: string[];
	/** Every URL the page references, with where it came from (`a`, `link`, `img`, ...). */
	references: { tag: string; attribute: string; url: string }[];
	stylesheets: number;
	images: number;
	imagesWithoutAlt: number;
	wordCount: number;
};

/** Parses a landing page with HTMLRewriter (a streaming HTML parser, not regular expressions). */
export async function analyseLandingPage(html: string): Promise<LandingPageFacts> {
	const facts: LandingPageFacts = {
		doctype: false,
		elements: { html: 0, head: 0, body: 0 },
		lang: null,
		title: "",
		charset: false,
		viewport: false,
		description: null,
		h1Count: 0,
		sections: new Set(),
		featureItems: 0,
		faqItems: 0,
		ctaActions: 0,
		ids: [],
		references: [],
		stylesheets: 0,
		images: 0,
		imagesWithoutAlt: 0,
		wordCount: 0,
	};
	let inIgnoredText = 0;
	const reference = (tag: string, attribute: string) => ({
		element(el: Element) {
			const url = el.getAttribute(attribute);
			if (url !== null) facts.references.push({ tag, attribute, url: url.trim() });
		},
	});
	const count = (apply: () => void) => ({ element: apply });

	const rewriter = new HTMLRewriter()
		.onDocument({
			doctype(doctype) {
				if (doctype.name?.toLowerCase() === "html") facts.doctype = true;
			},
		})
		.on("html", {
			element(el) {
				facts.elements.html++;
				facts.lang = el.getAttribute("lang");
			},
		})
		.on(
			"head",
			count(() => facts.elements.head++),
		)
		.on(
			"body",
			count(() => facts.elements.body++),
		)
		.on("title", {
			text(text) {
				facts.title += text.text;
			},
		})
		.on("meta", {
			element(el) {
				const name = el.getAttribute("name")?.toLowerCase();
				if (el.hasAttribute("charset") || el.getAttribute("http-equiv")?.toLowerCase() === "content-type") facts.charset = true;
				if (name === "viewport") facts.viewport = true;
				if (name === "description") facts.description = el.getAttribute("content");
			},
		})
		.on(
			"h1",
			count(() => facts.h1Count++),
		)
		.on("[data-section]", {
			element(el) {
				const section = el.getAttribute("data-section");
				if (section) facts.sections.add(section.toLowerCase());
			},
		})
		.on(
			'[data-section="features"] h3',
			count(() => facts.featureItems++),
		)
		.on(
			'[data-section="faq"] details',
			count(() => facts.faqItems++),
		)
		.on(
			'[data-section="faq"] dt',
			count(() => facts.faqItems++),
		)
		.on(
			'[data-section="cta"] a[href]',
			count(() => facts.ctaActions++),
		)
		.on(
			'[data-section="cta"] button',
			count(() => facts.ctaActions++),
		)
		.on("[id]", {
			element(el) {
				const id = el.getAttribute("id");
				if (id) facts.ids.push(id);
			},
		})
		.on("a[href]", reference("a", "href"))
		.on("link[href]", {
			element(el) {
				const href = el.getAttribute("href");
				if (href === null) return;
				facts.references.push({ tag: "link", attribute: "href", url: href.trim() });
				if (el.getAttribute("rel")?.toLowerCase().split(/\s+/).includes("stylesheet")) facts.stylesheets++;
			},
		})
		.on("img", {
			element(el) {
				facts.images++;
				if (!el.getAttribute("alt")?.trim()) facts.imagesWithoutAlt++;
				const src = el.getAttribute("src");
				if (src !== null) facts.references.push({ tag: "img", attribute: "src", url: src.trim() });
			},
		})
		.on("script[src]", reference("script", "src"))
		.on("source[src]", reference("source", "src"))
		.on("script, style", {
			element(el) {
				inIgnoredText++;
				el.onEndTag(() => {
					inIgnoredText--;
				});
			},
		})
		.on("body", {
			text(text) {
				if (inIgnoredText === 0) facts.wordCount += text.text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
			},
		});

	await rewriter.transform(new Response(html)).arrayBuffer();
	facts.title = facts.title.trim();
	return facts;
}
