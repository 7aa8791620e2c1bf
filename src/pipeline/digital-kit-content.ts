import type { AppConfig } from "../config/settings";
import type { OutsideHttp } from "../lib/outside-http";
import type { QaCheck } from "../shared/qa";
import type { PipelineDeps } from "./deps";
import type { ContentFitOutcome } from "./kinds";
import { filesOfVersion, languageVersions } from "./language-versions";
import { contentFitChecks } from "./qa/content-fit";
import { distinctCheck, type VersionSignature, versionSignature } from "./qa/content-signatures";
import { faqAnswers } from "./qa/guide-structure";
import { judgeChecks, judgeContent } from "./qa/llm-judge";
import type { ProductFileUnderTest } from "./qa/qa1-checks";
import type { ProductRow } from "./stage";

const decoder = new TextDecoder();

/**
 * QA1's content_fit for a `digital_kit`, per language version: the file rules (topic, domain,
 * structure), distinctness from every other product's stored signature, and with an LLM
 * configured the judge (reached through `http`). A further version's checks carry its folder ("en/content.distinct").
 */
export async function digitalKitContentFit(
	llm: AppConfig["llm"],
	http: OutsideHttp,
	deps: PipelineDeps,
	product: ProductRow,
	files: ProductFileUnderTest[],
): Promise<ContentFitOutcome> {
	const checks: QaCheck[] = [];
	const signatures: VersionSignature[] = [];
	const judge: Record<string, unknown> = {};
	for (const { language, folder } of languageVersions(product.languages)) {
		const version = filesOfVersion(files, language, product.languages);
		const text = (path: string) => {
			const body = version.find((file) => file.path === path)?.body;
			return body ? decoder.decode(body) : "";
		};
		const guide = text("guide.md");
		const signature = versionSignature(guide, language);
		signatures.push(signature);
		const found = [...contentFitChecks(version, product.topic, language), await distinctCheck(deps.db, product.id, signature)];
		if (llm) {
			const faq = faqAnswers(text("index.html"))
				.map((entry) => `Q: ${entry.question}\nA: ${entry.answer}`)
				.join("\n\n");
			const answer = await judgeContent(llm, { topic: product.topic, language, guide, checklist: text("checklist.md"), faq }, http);
			judge[language] = answer;
			found.push(...judgeChecks(answer));
		}
		checks.push(...found.map((check) => (folder ? { ...check, name: `${folder}${check.name}` } : check)));
	}
	return { checks, signatures, judge: llm ? judge : null };
}
