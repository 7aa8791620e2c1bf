import { and, eq } from "drizzle-orm";
import { packages, productFiles } from "../../db/schema";
import { qa2Checks } from "../qa/qa2-checks";
import { insertQaReport } from "../qa/report-row";
import { failureSummary, scoreChecks } from "../qa/score";
import type { Stage } from "../stage";

/**
 * QA2, the shipment gate: reopens the stored ZIP and proves it is what was recorded and what
 * QA1 passed. Failing stops at QA2_FAILED (a retry repackages); the product is never published.
 */
export const qa2Stage: Stage = async (deps, product, msg) => {
	const [pkg, files] = await Promise.all([
		deps.db.query.packages.findFirst({ where: and(eq(packages.productId, product.id), eq(packages.version, product.version)) }),
		deps.db.query.productFiles.findMany({
			where: and(eq(productFiles.productId, product.id), eq(productFiles.version, product.version), eq(productFiles.generation, product.generationCount)),
		}),
	]);
	const threshold = deps.config.qaThreshold;
	const verdict = scoreChecks(await qa2Checks(deps.files, pkg, files, product), threshold);
	const report = insertQaReport(deps.db, product, 2, msg.attempt, verdict, deps.now());
	if (verdict.passed) {
		return { outcome: "succeeded", status: "QA2_PASSED", next: { stage: "publish", attempt: msg.attempt }, writes: [report] };
	}
	return {
		outcome: "failed",
		status: "QA2_FAILED",
		next: null,
		failedStage: "package",
		error: `QA2 failed: ${failureSummary(verdict, threshold)}`,
		writes: [report],
	};
};
