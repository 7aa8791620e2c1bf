import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/hash";
import { analyseLandingPage } from "../../src/pipeline/qa/landing-page";
import { type ProductFileUnderTest, qa1Checks } from "../../src/pipeline/qa/qa1-checks";
import { scoreChecks } from "../../src/pipeline/qa/score";
import { fakeKitProduct } from "../support/fake-kit-files";

const encoder = new TextEncoder();

async function filesOf(product: { files: { path: string; content: string }[] }): Promise<ProductFileUnderTest[]> {
	return Promise.all(
		product.files.map(async (file) => {
			const body = encoder.encode(file.content);
			const sha256 = await sha256Hex(body);
			return { path: file.path, size: body.byteLength, sha256, body, actualSha256: sha256 };
		}),
	);
}

describe("analyseLandingPage", () => {
	it("finds sections, counts, references and document facts", async () => {
		const facts = await analyseLandingPage(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title> Kit </title>
			<link rel="stylesheet" href="a.css"><style>body { color: red }</style></head>
			<body><section data-section="hero" id="top"><h1>Kit</h1><img src="h.svg" alt="x"><img src="i.png"></section>
			<section data-section="features"><article><h3>a</h3></article><article><h3>b</h3></article></section>
			<section data-section="faq"><details><summary>q</summary><p>a</p></details><dl><dt>q2</dt><dd>a2</dd></dl></section>
			<div data-section="cta"><a href="#top">go</a><button>buy</button></div>
			<svg viewBox="0 0 1 1"><path d="M0 0"/></svg><p id="top">one two three</p></body></html>`);
		expect(facts.doctype).toBe(true);
		expect(facts.lang).toBe("en");
		expect(facts.title).toBe("Kit");
		expect(facts.charset).toBe(true);
		expect(facts.viewport).toBe(false);
		expect([...facts.sections].sort()).toEqual(["cta", "faq", "features", "hero"]);
		expect(facts.featureItems).toBe(2);
		expect(facts.faqItems).toBe(2);
		expect(facts.ctaActions).toBe(2);
		expect(facts.images).toBe(2);
		expect(facts.imagesWithoutAlt).toBe(1);
		expect(facts.stylesheets).toBe(1);
		expect(facts.ids).toEqual(["top", "top"]);
		expect(facts.references.map((r) => r.url)).toEqual(["a.css", "h.svg", "i.png", "#top"]);
		// Words of the body text only; the style sheet's text does not count.
		expect(facts.wordCount).toBeGreaterThan(5);
		expect(facts.wordCount).toBeLessThan(20);
	});
});

describe("qa1Checks", () => {
	it("passes a complete product", async () => {
		const verdict = scoreChecks(await qa1Checks(await filesOf(fakeKitProduct("urban beekeeping")), "urban beekeeping"), 80);
		expect(verdict.checks.filter((c) => !c.passed)).toEqual([]);
		expect(verdict.passed).toBe(true);
		expect(verdict.score).toBe(100);
	});

	it("fails a file missing from storage or changed since generation", async () => {
		const files = await filesOf(fakeKitProduct("urban beekeeping"));
		const [first, second] = files;
		if (!first || !second) throw new Error("setup");
		first.body = null;
		first.actualSha256 = null;
		second.actualSha256 = "f".repeat(64);
		const verdict = scoreChecks(await qa1Checks(files, "urban beekeeping"), 80);
		const readable = verdict.checks.find((c) => c.name === "files.readable");
		expect(readable?.passed).toBe(false);
		expect(readable?.detail).toContain(`missing in storage: ${first.path}`);
		expect(readable?.detail).toContain(`changed since generation: ${second.path}`);
		expect(verdict.passed).toBe(false);
	});

	it("fails without README, LICENSE or enough content", async () => {
		const product = fakeKitProduct("urban beekeeping");
		product.files = product.files.filter((f) => !["README.md", "LICENSE.md", "checklist.md"].includes(f.path));
		const verdict = scoreChecks(await qa1Checks(await filesOf(product), "urban beekeeping"), 80);
		const failed = verdict.checks.filter((c) => !c.passed).map((c) => c.name);
		expect(failed).toEqual(expect.arrayContaining(["files.readme", "files.license", "files.content"]));
		expect(verdict.dimensions.productization).toBeLessThan(100);
		expect(verdict.passed).toBe(false);
	});

	it("fails a page with a javascript: link and a fragment to nowhere", async () => {
		const product = fakeKitProduct("urban beekeeping");
		const index = product.files[0];
		if (!index) throw new Error("setup");
		index.content = index.content.replace('<a href="#faq">FAQ</a>', '<a href="javascript:alert(1)">x</a><a href="#pricing">p</a>');
		const verdict = scoreChecks(await qa1Checks(await filesOf(product), "urban beekeeping"), 80);
		const links = verdict.checks.find((c) => c.name === "links.internal");
		expect(links?.passed).toBe(false);
		expect(links?.detail).toContain("javascript:alert(1)");
		expect(links?.detail).toContain("#pricing");
	});
});
