import { templateGenerator } from "../../src/pipeline/generators/template";
import type { DomainPack } from "../../src/pipeline/generators/template/domains/types";
import { kitLanguage } from "../../src/pipeline/generators/template/lang";
import { detectDomain } from "../../src/pipeline/generators/template/topic-profile";
import type { GeneratedFile, GenerateInput, ProductGenerator } from "../../src/pipeline/generators/types";
import { hash32 } from "../../src/shared/prng";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Words a padded chapter reaches, above QA1's 250. */
const CHAPTER_WORDS = 270;

/** A pack's guide paragraphs and tips with placeholders filled, as sentences a kit of that domain writes. */
export function packParagraphs(pack: DomainPack, subject: string): string[] {
	const fill = (text: string) =>
		text.replace(/\{(\w+)(?::([^}]*))?\}/g, (_, name: string, particle: string | undefined) =>
			/subject/i.test(name) ? `${subject}${particle ?? ""}` : /audience/i.test(name) ? `learners${particle ?? ""}` : "",
		);
	return pack.chapters.flatMap((chapter) => [...chapter.paragraphs, chapter.tips.join(" ")]).map(fill);
}

function words(text: string): number {
	return text.split(/\s+/).filter(Boolean).length;
}

/** The pool's paragraphs in an order fixed by `seed`. */
function shuffled(pool: readonly string[], seed: string): string[] {
	let state = hash32(seed) || 1;
	const next = () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
	const out = [...pool];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[out[i], out[j]] = [out[j] as string, out[i] as string];
	}
	return out;
}

/**
 * A kit the size of a paid guide: the template generator's kit with every numbered chapter of
 * guide.md padded to 270+ words from its own domain pack, in an order fixed by `seed` (two kits
 * with one seed are near-identical). `paste` replaces one chapter's text with another pack's
 * chapter, as a generator that mixed up its domains would. `frozen` ignores product, title,
 * generation and feedback.
 */
export function paidGuideGenerator(
	options: { seed?: string; paste?: { chapter: number; from: DomainPack }; frozen?: boolean } = {},
	calls: GenerateInput[] = [],
): ProductGenerator {
	return {
		name: "test-paid-guide",
		async generate(input) {
			calls.push(input);
			// A frozen generator writes the same kit for every product and generation of a topic, as a
			// generator that ignores QA's feedback would.
			const kit = await templateGenerator.generate(
				options.frozen ? { ...input, productId: "prd_frozen", title: options.seed ?? input.topic, generation: 1, feedback: [] } : input,
			);
			const domainId = detectDomain(input.topic).id;
			const language = kitLanguage(input.language);
			const pack = [...language.domains, language.generic].find((candidate) => candidate.id === domainId) ?? language.generic;
			const pool = shuffled(packParagraphs(pack, input.topic), options.seed ?? input.title);
			let cursor = 0;
			const files: GeneratedFile[] = kit.files.map((file) => {
				if (file.path !== "guide.md") return file;
				const sections = decoder.decode(file.body).split(/^(?=## )/m);
				const guide = sections
					.map((section) => {
						const heading = /^## (\d+)\. /.exec(section);
						if (!heading) return section;
						const [title = "", ...rest] = section.split("\n");
						let body = rest.join("\n").trim();
						if (options.paste && Number(heading[1]) === options.paste.chapter) {
							const foreign = packParagraphs(options.paste.from, input.topic);
							body = "";
							for (let i = 0; words(body) < CHAPTER_WORDS; i++) body += `${foreign[i % foreign.length]}\n\n`;
							return `${title}\n\n${body}`;
						}
						while (words(body) < CHAPTER_WORDS) body += `\n\n${pool[cursor++ % pool.length]}`;
						return `${title}\n\n${body}\n\n`;
					})
					.join("");
				return { ...file, body: encoder.encode(guide) };
			});
			return { ...kit, files };
		},
	};
}
