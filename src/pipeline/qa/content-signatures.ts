import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { contentSignatures, products } from "../../db/schema";
import type { Locale } from "../../shared/locale";
import type { ProductStatus } from "../../shared/product";
import type { QaCheck } from "../../shared/qa";
import { check } from "./score";
import { decodeSignature, encodeSignature, estimatedSimilarity, MAX_SIMILARITY, minHash, paragraphShingles } from "./similarity";

/** A language version's signature, computed by QA1 and stored when it passes. */
export type VersionSignature = { language: Locale; signature: number[]; shingles: number };

/**
 * Products whose signatures a new product must differ from: every product that passed QA1 and
 * did not fail later. A product stopped at QA2_FAILED never reaches the store, so it claims no
 * paragraphs; one being regenerated has its old row replaced when it passes again.
 */
const COMPARED_STATUSES: ProductStatus[] = ["QA1_PASSED", "PACKAGING", "PACKAGED", "QA2_PASSED", "PUBLISHED", "UNPUBLISHED"];

/** The signature of one language version's guide. */
export function versionSignature(guide: string, language: Locale): VersionSignature {
	const shingles = paragraphShingles(guide, language);
	return { language, signature: minHash(shingles), shingles: shingles.length };
}

/**
 * Compares a version's signature with the stored signatures of every OTHER product in the same
 * language (other versions and languages of this product are its own text). One indexed query
 * reads the signatures; nothing of the catalog is re-read or re-hashed.
 */
export async function distinctCheck(db: Db, productId: string, mine: VersionSignature): Promise<QaCheck> {
	if (mine.shingles === 0) return check("content.distinct", "content_fit", false, "the guide has no text to compare", true);
	const rows = await db
		.select({ productId: contentSignatures.productId, signature: contentSignatures.signature, title: products.title })
		.from(contentSignatures)
		.innerJoin(products, eq(products.id, contentSignatures.productId))
		.where(
			and(
				eq(contentSignatures.language, mine.language),
				ne(contentSignatures.productId, productId),
				ne(contentSignatures.shingles, 0),
				inArray(products.status, COMPARED_STATUSES),
			),
		);
	const close = rows
		.map((row) => {
			const theirs = decodeSignature(row.signature);
			return { ...row, similarity: theirs ? estimatedSimilarity(mine.signature, theirs) : 0 };
		})
		.filter((row) => row.similarity > MAX_SIMILARITY)
		.sort((a, b) => b.similarity - a.similarity);
	const percent = (value: number) => `${Math.round(value * 100)}%`;
	return check(
		"content.distinct",
		"content_fit",
		close.length === 0,
		close.length === 0
			? `shares at most ${percent(MAX_SIMILARITY)} of its paragraphs with each of ${rows.length} other products`
			: `shares more than a third of its paragraphs with ${close
					.slice(0, 3)
					.map((row) => `${row.productId} "${row.title}" (${percent(row.similarity)} estimated shingle overlap)`)
					.join(", ")}`,
		true,
	);
}

/**
 * The upsert of a passed version's signature: one row per product and language, so a redelivered
 * QA1 writes the same row again and a new version or generation replaces the old one.
 */
export function upsertSignature(db: Db, product: { id: string; version: number }, generation: number, signature: VersionSignature, now: Date) {
	const values = {
		version: product.version,
		generation,
		signature: encodeSignature(signature.signature),
		shingles: signature.shingles,
		createdAt: now.toISOString(),
	};
	return db
		.insert(contentSignatures)
		.values({ productId: product.id, language: signature.language, ...values })
		.onConflictDoUpdate({ target: [contentSignatures.productId, contentSignatures.language], set: values });
}
