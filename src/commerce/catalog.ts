import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { packages, products } from "../db/schema";
import { parseProductTexts, versionFolder } from "../pipeline/language-versions";
import { productLanguages } from "../pipeline/languages";
import type { Locale } from "../shared/locale";
import type { PackageManifest } from "../shared/manifest";

/** A product as the public sees it: never storage keys, pipeline states or anything internal. */
export type PublicProduct = {
	id: string;
	slug: string;
	title: string;
	description: string;
	/** The languages the package holds, primary first. */
	languages: Locale[];
	/** The language of `title` and `description`: the reader's when the product has it, else its primary one. */
	language: Locale;
	/** Where that language's version sits in the package: "" (the root) or its folder ("en/"). */
	version_folder: string;
	kind: string;
	version: number;
	price_cents: number;
	currency: string;
	published_at: string | null;
	files: { path: string; size: number }[];
	package_size: number;
};

type Row = { product: typeof products.$inferSelect; pkg: typeof packages.$inferSelect };

function publicProduct({ product, pkg }: Row, reader?: Locale): PublicProduct {
	const manifest = JSON.parse(pkg.manifest) as PackageManifest;
	const languages = productLanguages(product.languages);
	const language = reader && languages.includes(reader) ? reader : (languages[0] ?? "en");
	const text = parseProductTexts(product.texts)[language];
	return {
		id: product.id,
		slug: product.slug,
		title: text?.title ?? product.title,
		description: text?.description ?? product.description,
		languages,
		language,
		version_folder: versionFolder(language, product.languages),
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

/** Every published product, newest first, each in the reader's language where it has it. */
export async function listPublishedProducts(db: Db, reader?: Locale): Promise<PublicProduct[]> {
	const rows = await published(db).orderBy(desc(products.publishedAt)).limit(200);
	return rows.map((row) => publicProduct(row, reader));
}

/** One published product by slug or id, in the reader's language where it has it, or null. */
export async function findPublishedProduct(db: Db, by: { slug: string } | { id: string }, reader?: Locale): Promise<(PublicProduct & { row: Row }) | null> {
	// Slugs are stored NFC; a client may send the Hangul of a percent-encoded slug decomposed.
	const condition = "slug" in by ? eq(products.slug, by.slug.normalize("NFC")) : eq(products.id, by.id);
	const [row] = await published(db, condition).limit(1);
	return row ? { ...publicProduct(row, reader), row } : null;
}
