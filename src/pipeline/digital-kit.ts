import type { AppConfig } from "../config/settings";
import { type OutsideHttp, outsideHttp } from "../lib/outside-http";
import type { QaCheck } from "../shared/qa";
import { digitalKitContentFit } from "./digital-kit-content";
import { llmGenerator } from "./generators/llm";
import { templateGenerator } from "./generators/template";
import { LANDING_PAGE_PACKAGE, type ProductKindDefinition } from "./kinds";
import { filesOfVersion, languageVersions, parseProductTexts } from "./language-versions";
import { pdfChecks } from "./pdf/checks";
import { PDF_PACKAGE_ENTRIES, pdfEdition } from "./pdf/edition";
import { qa1Checks } from "./qa/qa1-checks";

/**
 * The `digital_kit` line: a landing page, guides and assets written by the LLM generator when an
 * endpoint is configured, else by the offline templates, once per language; QA1 reads each
 * language version's landing page and content. The LLM is reached through `http`, the
 * deployment's outside client (the default is the same client, for tests that build the kind).
 */
export function digitalKitKind(llm: AppConfig["llm"], http: OutsideHttp = outsideHttp()): ProductKindDefinition {
	const generator = llm ? llmGenerator(llm, http) : templateGenerator;
	return {
		kind: "digital_kit",
		generator: () => generator,
		// The PDF edition (guide.pdf, checklist.pdf) is set from each version's Markdown, whoever wrote it.
		derive: async (deps, input, version) =>
			pdfEdition(version.files, { title: input.title, description: version.description, language: input.language }, await deps.pdfFonts()),
		// Every language version passes the same checks on its own files; a further version's checks
		// are named by its folder ("en/landing.present"), so a report says which version failed.
		qa1: async (_deps, product, files) => {
			const checks: QaCheck[] = [];
			for (const { language, folder } of languageVersions(product.languages)) {
				const versionFiles = filesOfVersion(files, language, product.languages);
				const title = parseProductTexts(product.texts)[language]?.title ?? product.title;
				const version = [...(await qa1Checks(versionFiles, product.topic, language)), ...(await pdfChecks(versionFiles, title))];
				checks.push(...version.map((check) => (folder ? { ...check, name: `${folder}${check.name}` } : check)));
			}
			return checks;
		},
		// What the kit says: topic, domain, length, distinctness and, with an LLM, the judge.
		contentFit: (deps, product, files) => digitalKitContentFit(llm, http, deps, product, files),
		packageEntries: [...LANDING_PAGE_PACKAGE, ...PDF_PACKAGE_ENTRIES],
	};
}
