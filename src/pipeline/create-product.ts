import type { BatchItem } from "drizzle-orm/batch";
import { products } from "../db/schema";
import { newId } from "../lib/ids";
import type { CreateBatchRequest, CreateProductRequest, ProductKind } from "../shared/product";
import type { PipelineDeps } from "./deps";
import { type AngleId, angleForIndex } from "./generators/template/angles";
import type { FactoryMessage } from "./messages";
import type { ProductRow } from "./stage";
import { productSlug, productTitle, TOPIC_IDEAS } from "./titles";

/**
 * Inserts tried for a product named by its topic: its title's slug, then the slug with a part of
 * the product id (unique in practice), then two more for the astronomically unlikely clash.
 */
const SLUG_ATTEMPTS = 4;
/** Titles tried for a caller that wants distinct titles ({@link CreateProductOptions.titleCandidate}). */
const MAX_TITLE_CANDIDATES = 50;

type NewProduct = Omit<CreateProductRequest, "kind" | "languages"> & {
	topic: string;
	kind: ProductKind;
	description?: string;
	languages?: CreateProductRequest["languages"];
};

/** How {@link createProduct} names a product and what it writes with it. */
export type CreateProductOptions = {
	/**
	 * The n-th title to try (n from 0) until its slug is free, for callers that want distinct
	 * titles (style packs: "Title (2)"). By default the title is the topic's kit title in the
	 * primary language, never changed by a collision: the slug gets a short unique part instead.
	 */
	titleCandidate?: (n: number) => string;
	/**
	 * Rows that belong to the product, written in the same D1 batch as its row. A taken title
	 * slug inserts no product row, so each statement must write only when the product row exists
	 * (an `INSERT ... SELECT ... FROM products WHERE id = ?`).
	 */
	relatedWrites?: (productId: string) => BatchItem<"sqlite">[];
	/** The format word of a title named by its topic ("Starter Kit" by default); a batch gives each product on one topic its own. */
	angle?: AngleId;
	/** How many more generations QA1 may ask for after a failed one; by default the pipeline's setting. */
	regenerations?: number;
};

/**
 * The products of a batch request: `batch` of the given topic, or of varied topic ideas
 * (from a random starting point) when none is given.
 */
export function expandBatch({ batch, topic, ...rest }: CreateBatchRequest, random: () => number = Math.random): CreateProductRequest[] {
	const offset = Math.floor(random() * TOPIC_IDEAS.length);
	return Array.from({ length: batch }, (_, i) => ({ ...rest, topic: topic ?? TOPIC_IDEAS[(offset + i) % TOPIC_IDEAS.length] ?? "digital products" }));
}

/**
 * Creates products in DRAFT with a unique title and slug and starts their pipelines. The
 * first stage message is sent after the rows exist; should the send fail, the scheduled sweep
 * sends it later, because the product already names generate as its pending stage.
 */
export async function createProducts(deps: PipelineDeps, requests: NewProduct[]): Promise<ProductRow[]> {
	const created: ProductRow[] = [];
	// The n-th product on a topic takes the n-th angle, so a batch on one topic is distinct products, not one text under one title.
	const perTopic = new Map<string, number>();
	for (const request of requests) {
		const index = perTopic.get(request.topic) ?? 0;
		perTopic.set(request.topic, index + 1);
		created.push(await insertWithUniqueTitle(deps, request, { angle: angleForIndex(index) }));
	}
	await startPipelines(deps, created);
	return created;
}

/** Creates one product as {@link createProducts} does, with its own titles and related rows. */
export async function createProduct(deps: PipelineDeps, request: NewProduct, options: CreateProductOptions): Promise<ProductRow> {
	const product = await insertWithUniqueTitle(deps, request, options);
	await startPipelines(deps, [product]);
	return product;
}

async function startPipelines(deps: PipelineDeps, created: ProductRow[]): Promise<void> {
	const messages: MessageSendRequest<FactoryMessage>[] = created.map((product) => ({
		body: { productId: product.id, version: product.version, stage: "generate", attempt: 1 },
	}));
	for (let i = 0; i < messages.length; i += 100) await deps.queue.sendBatch(messages.slice(i, i + 100));
}

async function insertWithUniqueTitle(deps: PipelineDeps, request: NewProduct, options: CreateProductOptions): Promise<ProductRow> {
	const id = newId("prd");
	const now = deps.now().toISOString();
	const languages = request.languages ?? ["en"];
	const primary = languages[0] ?? "en";
	const custom = options.titleCandidate;
	const attempts = custom ? MAX_TITLE_CANDIDATES + 1 : SLUG_ATTEMPTS;
	const related = options.relatedWrites?.(id) ?? [];
	for (let n = 0; n < attempts; n++) {
		// A custom candidate list changes the title while its own slug is taken; the last try (and
		// every product named by its topic) keeps the title and varies only the slug.
		const title = custom ? custom(Math.min(n, MAX_TITLE_CANDIDATES - 1)) : productTitle(request.topic, primary, options.angle);
		const slugAttempt = custom ? (n < MAX_TITLE_CANDIDATES ? 0 : 1) : n;
		const insert = deps.db
			.insert(products)
			.values({
				id,
				slug: productSlug(title, id, slugAttempt),
				title,
				topic: request.topic,
				description: request.description ?? "",
				languages: languages.join(","),
				kind: request.kind,
				status: "DRAFT",
				version: 1,
				priceCents: request.price_cents,
				currency: request.currency,
				downloadLimit: request.download_limit,
				linkTtlSeconds: request.link_ttl_seconds,
				accessDays: request.access_days ?? null,
				maxGeneration: 1 + (options.regenerations ?? deps.config.maxRegenerations),
				pendingStage: "generate",
				pendingAttempt: 1,
				createdAt: now,
				updatedAt: now,
			})
			// A taken slug: try the next one.
			.onConflictDoNothing()
			.returning();
		const [row] = related.length === 0 ? await insert : (await deps.db.batch([insert, ...related]))[0];
		if (row) return row;
	}
	throw new Error(`no free slug for topic ${JSON.stringify(request.topic)} after ${attempts} attempts`);
}
