import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { packageFileName } from "../commerce/file-name";
import type { Db } from "../db/client";
import { afterCursor, encodeCursor } from "../db/cursor";
import { packages, productFiles, products, productVersions, publishHistory, qaReports, stageRuns } from "../db/schema";
import { AppError } from "../lib/errors";
import type { ProductStatus } from "../shared/product";
import { packageView, productView, publishEventView, qaReportView, stageRunView } from "./views";

/** `text` as a LIKE pattern that matches it anywhere, its own `%`, `_` and `\` taken literally. */
function containsPattern(text: string): string {
	return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Newest first, `limit` per page, optionally one status and products whose title, topic or
 * description contains `search` (ASCII case-insensitive, as SQLite's LIKE; Hangul has no case).
 * The search is NFC, as stored titles are, so a decomposed Hangul query still matches.
 */
export async function listProducts(db: Db, query: { status?: ProductStatus; cursor?: string; limit: number; search?: string }) {
	const conditions: SQL[] = [];
	if (query.status) conditions.push(eq(products.status, query.status));
	// drizzle's like() has no ESCAPE clause, and SQLite has no default escape character.
	if (query.search) {
		const pattern = containsPattern(query.search.normalize("NFC"));
		conditions.push(
			sql`(${products.title} LIKE ${pattern} ESCAPE '\\' OR ${products.topic} LIKE ${pattern} ESCAPE '\\' OR ${products.description} LIKE ${pattern} ESCAPE '\\')`,
		);
	}
	if (query.cursor) {
		const after = afterCursor(query.cursor, products.createdAt, products.id);
		if (after) conditions.push(after);
	}
	const rows = await db.query.products.findMany({
		where: and(...conditions),
		orderBy: [desc(products.createdAt), desc(products.id)],
		limit: query.limit + 1,
	});
	const page = rows.slice(0, query.limit);
	const last = page.at(-1);
	return {
		products: page.map(productView),
		next_cursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
	};
}

/** A product with everything the pipeline recorded about it. */
export async function productDetail(db: Db, id: string) {
	const product = await db.query.products.findFirst({ where: eq(products.id, id) });
	if (!product) throw new AppError(404, "NOT_FOUND", "No such product.");
	const ofProduct = (table: { productId: AnySQLiteColumn }) => eq(table.productId, id);
	const [reports, pkg, runs, history, files, versionRow] = await Promise.all([
		db.query.qaReports.findMany({ where: ofProduct(qaReports), orderBy: [asc(qaReports.createdAt), asc(qaReports.stage)] }),
		db.query.packages.findFirst({ where: and(ofProduct(packages), eq(packages.version, product.version)) }),
		db.query.stageRuns.findMany({ where: ofProduct(stageRuns), orderBy: [asc(stageRuns.startedAt)] }),
		db.query.publishHistory.findMany({ where: ofProduct(publishHistory), orderBy: [asc(publishHistory.createdAt)] }),
		db.query.productFiles.findMany({
			where: and(ofProduct(productFiles), eq(productFiles.version, product.version), eq(productFiles.generation, product.generationCount)),
			orderBy: [asc(productFiles.path)],
		}),
		db.query.productVersions.findFirst({ where: and(ofProduct(productVersions), eq(productVersions.version, product.version)) }),
	]);
	return {
		product: productView(product),
		// Who wrote the current version's words: "template" or "llm:<model>"; null before its first generation.
		writer: versionRow?.generator ?? null,
		qa_reports: reports.map(qaReportView),
		package: pkg ? packageView(pkg) : null,
		stage_runs: runs.map(stageRunView),
		publish_history: history.map(publishEventView),
		files: files.map((file) => ({ path: file.path, size: file.size, sha256: file.sha256, content_type: file.contentType })),
	};
}

/** The package of a product's current version, with a download file name from its slug. */
export async function currentPackage(db: Db, id: string) {
	const product = await db.query.products.findFirst({ where: eq(products.id, id) });
	if (!product) throw new AppError(404, "NOT_FOUND", "No such product.");
	const pkg = await db.query.packages.findFirst({ where: and(eq(packages.productId, id), eq(packages.version, product.version)) });
	if (!pkg) throw new AppError(404, "NOT_FOUND", "This product has no package yet.");
	return { ...pkg, fileName: packageFileName(product.title, product.version) };
}
