import { and, asc, eq } from "drizzle-orm";
import { packages, productFiles, productVersions } from "../../db/schema";
import { findUnsafePaths } from "../../lib/safe-path";
import { zipStream } from "../../lib/zip";
import { packageKey } from "../../r2/keys";
import { uploadStream } from "../../r2/upload-stream";
import { MANIFEST_PATH, type PackageManifest } from "../../shared/manifest";
import type { Stage } from "../stage";

const encoder = new TextEncoder();

/**
 * package: streams a ZIP of the passed generation's files plus `manifest.json` into R2 and
 * records its size and SHA-256. The manifest lists the checksums recorded at generation, so QA2
 * can prove the archive holds exactly what QA1 passed.
 */
export const packageStage: Stage = async (deps, product, msg) => {
	const rows = await deps.db.query.productFiles.findMany({
		where: and(eq(productFiles.productId, product.id), eq(productFiles.version, product.version), eq(productFiles.generation, product.generationCount)),
		orderBy: asc(productFiles.path),
	});
	if (rows.length === 0) throw new Error(`no files recorded for generation ${product.generationCount}`);
	const problems = findUnsafePaths([...rows.map((row) => row.path), MANIFEST_PATH]);
	if (problems.length > 0) throw new Error(`cannot package: ${problems.join(", ")}`);

	const versionRow = await deps.db.query.productVersions.findFirst({
		where: and(eq(productVersions.productId, product.id), eq(productVersions.version, product.version)),
	});
	const createdAt = deps.now();
	const manifest: PackageManifest = {
		product_id: product.id,
		title: product.title,
		version: product.version,
		created_at: createdAt.toISOString(),
		// The buyer and the admin can see whether a model or the offline templates wrote this version.
		...(versionRow?.generator ? { writer: versionRow.generator } : {}),
		files: rows.map((row) => ({ path: row.path, size: row.size, sha256: row.sha256 })),
	};
	const entries = [
		...rows.map((row) => ({
			path: row.path,
			open: async () => {
				const object = await deps.files.get(row.r2Key);
				if (!object) throw new Error(`file missing in storage: ${row.path}`);
				return object.body;
			},
		})),
		{ path: MANIFEST_PATH, open: async () => encoder.encode(`${JSON.stringify(manifest, null, "\t")}\n`) },
	];

	const r2Key = packageKey(product.id, product.version, msg.attempt);
	const stored = await uploadStream(deps.files, r2Key, zipStream(entries, createdAt), "application/zip");
	const values = { r2Key, size: stored.size, sha256: stored.sha256, manifest: JSON.stringify(manifest), createdAt: createdAt.toISOString() };
	return {
		outcome: "succeeded",
		status: "PACKAGED",
		next: { stage: "qa2", attempt: msg.attempt },
		patch: { packageCount: msg.attempt },
		writes: [
			deps.db
				.insert(packages)
				.values({ productId: product.id, version: product.version, ...values })
				.onConflictDoUpdate({ target: [packages.productId, packages.version], set: values }),
		],
	};
};
