import { and, eq } from "drizzle-orm";
import { packageFileName } from "../../commerce/file-name";
import { packages, productFiles } from "../../db/schema";
import { qa2Checks } from "../qa/qa2-checks";
import { insertQaReport } from "../qa/report-row";
import { check, failureSummary, scoreChecks } from "../qa/score";
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
	const kind = deps.kinds.get(product.kind);
	const checks = await qa2Checks(deps.files, pkg, files, product, kind.packageEntries);
	// Only an archive that passed every check is worth the kind's own checks and a real download through the buyer's path.
	if (pkg && kind.qa2 && checks.every((item) => item.passed)) checks.push(...(await kind.qa2(deps, product, pkg)));
	if (pkg && checks.every((item) => item.passed)) {
		const probe = await deps.probeDelivery({
			productId: product.id,
			version: product.version,
			r2Key: pkg.r2Key,
			size: pkg.size,
			sha256: pkg.sha256,
			fileName: packageFileName(product.title, product.version),
		});
		checks.push(check("delivery.download", "functional", probe.ok, probe.detail, true));
	}
	const verdict = scoreChecks(checks, threshold);
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
