import { and, eq } from "drizzle-orm";
import { chunkRows } from "../../db/chunk";
import { productFiles, productVersions, qaReports } from "../../db/schema";
import { sha256Hex } from "../../lib/hash";
import { findUnsafePaths } from "../../lib/safe-path";
import { productFileKey } from "../../r2/keys";
import type { QaCheck } from "../../shared/qa";
import { angleOfTitle } from "../generators/template/angles";
import type { GeneratedFile } from "../generators/types";
import { languageVersions, type ProductTexts } from "../language-versions";
import type { Stage } from "../stage";
import { productTitle } from "../titles";

/** Largest single generated file; a landing page or guide is far smaller. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

/**
 * generate: asks the kind's generator for the product's files, stores them in R2 under this
 * generation's prefix and records them. A generator that returns unusable output (unsafe or
 * duplicate paths, empty or huge files) makes the stage throw, so it is retried and then
 * dead-lettered with the reason.
 */
export const generateStage: Stage = async (deps, product, msg) => {
	const generation = msg.attempt;
	const kind = deps.kinds.get(product.kind);
	const generator = kind.generator(deps);
	const feedback = generation > 1 ? await previousFeedback(deps, product.id, product.version, generation - 1) : [];
	// One complete version per language: the primary at the package's root, the others in their folders.
	const texts: ProductTexts = {};
	const files: GeneratedFile[] = [];
	let primaryDescription = "";
	const writers = new Set<string>();
	for (const { language, folder } of languageVersions(product.languages)) {
		// The product's title is in the primary language; the other versions get theirs from the topic, with the same format word.
		const title = folder ? productTitle(product.topic, language, angleOfTitle(product.title) ?? "starter") : product.title;
		const input = { productId: product.id, kind: product.kind, topic: product.topic, title, language, generation, feedback };
		const version = await generator.generate(input);
		if (!folder) primaryDescription = version.description;
		writers.add(version.writer ?? generator.name);
		texts[language] = { title, description: version.description.slice(0, 500) };
		const derived = kind.derive ? await kind.derive(deps, input, version) : [];
		files.push(...[...version.files, ...derived].map((file) => ({ ...file, path: `${folder}${file.path}` })));
	}
	const generated = { description: primaryDescription, files };

	const problems = findUnsafePaths(generated.files.map((file) => file.path));
	for (const file of generated.files) {
		if (file.body.byteLength === 0) problems.push(`empty file ${file.path}`);
		if (file.body.byteLength > MAX_FILE_BYTES) problems.push(`file too large ${file.path}`);
	}
	if (generated.files.length === 0) problems.push("no files");
	if (problems.length > 0) throw new Error(`generator ${generator.name} returned unusable output: ${problems.join(", ")}`);

	const rows = await Promise.all(
		generated.files.map(async (file) => {
			const r2Key = productFileKey(product.id, product.version, generation, file.path);
			const sha256 = await sha256Hex(file.body);
			await deps.files.put(r2Key, file.body, { httpMetadata: { contentType: file.contentType }, sha256 });
			return {
				productId: product.id,
				version: product.version,
				generation,
				path: file.path,
				r2Key,
				size: file.body.byteLength,
				sha256,
				contentType: file.contentType,
			};
		}),
	);

	const { db } = deps;
	const now = deps.now().toISOString();
	// Who wrote this version's words ("template", "llm:<model>"); the package's manifest repeats it.
	const writer = [...writers].join(", ");
	return {
		outcome: "succeeded",
		status: "GENERATING",
		next: { stage: "qa1", attempt: generation },
		patch: { description: generated.description.slice(0, 500), texts: JSON.stringify(texts), generationCount: generation },
		writes: [
			// A redelivered generate (after a crash mid-stage) replaces the rows of its own generation.
			db
				.delete(productFiles)
				.where(and(eq(productFiles.productId, product.id), eq(productFiles.version, product.version), eq(productFiles.generation, generation))),
			...chunkRows(rows).map((chunk) => db.insert(productFiles).values(chunk)),
			db
				.insert(productVersions)
				.values({ productId: product.id, version: product.version, generator: writer, generationCount: generation, createdAt: now, updatedAt: now })
				.onConflictDoUpdate({
					target: [productVersions.productId, productVersions.version],
					set: { generator: writer, generationCount: generation, updatedAt: now },
				}),
		],
	};
};

/** The failed checks of the previous generation's QA1 report, as hints for the generator. */
async function previousFeedback(deps: Parameters<Stage>[0], productId: string, version: number, generation: number): Promise<string[]> {
	const report = await deps.db.query.qaReports.findFirst({
		where: and(eq(qaReports.productId, productId), eq(qaReports.version, version), eq(qaReports.stage, 1), eq(qaReports.attempt, generation)),
	});
	if (!report) return [];
	const checks = JSON.parse(report.checks) as QaCheck[];
	return checks.filter((check) => !check.passed).map((check) => `${check.name}: ${check.detail}`);
}
