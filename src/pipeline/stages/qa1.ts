import { and, eq } from "drizzle-orm";
import { productFiles } from "../../db/schema";
import { sha256Hex } from "../../lib/hash";
import { upsertSignature } from "../qa/content-signatures";
import type { ProductFileUnderTest } from "../qa/qa1-checks";
import { insertQaReport } from "../qa/report-row";
import { failureSummary, scoreChecks } from "../qa/score";
import type { Stage } from "../stage";

/**
 * QA1, the generation gate: reads every file of this generation back from R2 and checks the
 * checks of the product's kind over them (src/pipeline/kinds.ts), its content_fit included. Passing moves on to packaging; failing asks for
 * another generation while the budget lasts, then stops at QA1_FAILED with the report kept.
 */
export const qa1Stage: Stage = async (deps, product, msg) => {
	const generation = msg.attempt;
	const rows = await deps.db.query.productFiles.findMany({
		where: and(eq(productFiles.productId, product.id), eq(productFiles.version, product.version), eq(productFiles.generation, generation)),
	});
	const files: ProductFileUnderTest[] = await Promise.all(
		rows.map(async (row) => {
			const object = await deps.files.get(row.r2Key);
			const body = object ? new Uint8Array(await object.arrayBuffer()) : null;
			return { path: row.path, size: row.size, sha256: row.sha256, body, actualSha256: body ? await sha256Hex(body) : null };
		}),
	);
	const threshold = deps.config.qaThreshold;
	const kind = deps.kinds.get(product.kind);
	const content = kind.contentFit ? await kind.contentFit(deps, product, files) : { checks: [], signatures: [], judge: null };
	const checks = [...(await kind.qa1(deps, product, files)), ...content.checks];
	const verdict = scoreChecks(checks, threshold);
	const now = deps.now();
	const report = insertQaReport(deps.db, product, 1, generation, verdict, now, content.judge);
	const patch = { qualityScore: verdict.score };

	if (verdict.passed) {
		// The passed version's signatures join the catalog's, so later products are compared with it.
		const signatures = content.signatures.map((signature) => upsertSignature(deps.db, product, generation, signature, now));
		return {
			outcome: "succeeded",
			status: "QA1_PASSED",
			next: { stage: "package", attempt: product.packageCount + 1 },
			patch,
			writes: [report, ...signatures],
		};
	}
	const summary = failureSummary(verdict, threshold);
	if (generation < product.maxGeneration) {
		return {
			outcome: "failed",
			status: "GENERATING",
			next: { stage: "generate", attempt: generation + 1 },
			error: `QA1 failed on generation ${generation}, regenerating: ${summary}`,
			patch,
			writes: [report],
		};
	}
	return {
		outcome: "failed",
		status: "QA1_FAILED",
		next: null,
		failedStage: "generate",
		error: `QA1 failed on generation ${generation} (last allowed): ${summary}`,
		patch,
		writes: [report],
	};
};
