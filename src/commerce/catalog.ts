import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { packages, products } from "../db/schema";
import { productLanguages } from "../pipeline/languages";
import type { Locale } from "../shared/locale";
import type { PackageManifest } from "../shared/manifest";

/** A product as the public sees it: never storage keys, pipeline states or anything internal. */
export type PublicProduct = {
	id: string;
	slug: string;
	title: string;
	description: string;
	/** The languages the package holds, primary first; title and description are in the first. */
	languages: Locale[];
	kind: string;
	version: number;
	price_cents: number;
	currency: string;
	published_at: string | null;
	files: { path: string; size: number }[];
	package_size: number;
};

type Row = { product: typeof products.$inferSelect; pkg: typeof packages.$inferSelect };

function publicProduct({ product, pkg }: Row): PublicProduct {
	const manifest = JSON.parse(pkg.manifest) as PackageManifest;
	return {
		id: product.id,
		slug: product.slug,
		title: product.title,
		description: product.description,
		languages: productLanguages(product.languages),
		kind: product.kind,
		version: product.version,
		price_cents: product.priceCents,
		currency: product.currency,
		published_at: product.publishedAt,
		files: manifest.files.map((file) => ({ path: file.path, size: file.size })),
		package_size: pkg.size,
	};
}

/** Published products joined with the package of their current version. */
const published = (db: Db, condition?: SQL) =>
	db
		.select({ product: products, pkg: packages })
		.from(products)
		.innerJoin(packages, and(eq(packages.productId, products.id), eq(packages.version, products.version)))
		.where(and(eq(products.status, "PUBLISHED"), condition));

/** Every published product, newest first. */
export async function listPublishedProducts(db: Db): Promise<PublicProduct[]> {
	const rows = await published(db).orderBy(desc(products.publishedAt)).limit(200);
	return rows.map(publicProduct);
}

/** One published product by slug or id, or null. */
export async function findPublishedProduct(db: Db, by: { slug: string } | { id: string }): Promise<(PublicProduct & { row: Row }) | null> {
	// Slugs are stored NFC; a client may send the Hangul of a percent-encoded slug decomposed.
	const condition = "slug" in by ? eq(products.slug, by.slug.normalize("NFC")) : eq(products.id, by.id);
	const [row] = await published(db, condition).limit(1);
	return row ? { ...publicProduct(row), row } : null;
}
