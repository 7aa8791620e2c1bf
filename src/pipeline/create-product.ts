import type { BatchItem } from "drizzle-orm/batch";
import { products } from "../db/schema";
import { newId } from "../lib/ids";
import type { CreateBatchRequest, CreateProductRequest, ProductKind } from "../shared/product";
import type { PipelineDeps } from "./deps";
import type { FactoryMessage } from "./messages";
import type { ProductRow } from "./stage";
import { productSlug, TOPIC_IDEAS, titleCandidate } from "./titles";

/** Enough candidates for hundreds of products on one topic before giving up. */
const MAX_TITLE_CANDIDATES = 400;

type NewProduct = Omit<CreateProductRequest, "kind"> & { topic: string; kind: ProductKind; description?: string };

/** How {@link createProduct} names a product and what it writes with it. */
export type CreateProductOptions = {
	/** The n-th title to try (n from 0) until one is free; by default the topic's kit names. */
	titleCandidate?: (n: number) => string;
	/**
	 * Rows that belong to the product, written in the same D1 batch as its row. A taken title
	 * inserts no product row, so each statement must write only when the product row exists
	 * (an `INSERT ... SELECT ... FROM products WHERE id = ?`).
	 */
	relatedWrites?: (productId: string) => BatchItem<"sqlite">[];
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
	for (const request of requests) created.push(await insertWithUniqueTitle(deps, request, {}));
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
	const candidate = options.titleCandidate ?? ((n: number) => titleCandidate(request.topic, n));
	const related = options.relatedWrites?.(id) ?? [];
	for (let n = 0; n < MAX_TITLE_CANDIDATES; n++) {
		const title = candidate(n);
		const insert = deps.db
			.insert(products)
			.values({
				id,
				slug: productSlug(title),
				title,
				topic: request.topic,
				description: request.description ?? "",
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
			// A taken title or slug: try the next candidate.
			.onConflictDoNothing()
			.returning();
		const [row] = related.length === 0 ? await insert : (await deps.db.batch([insert, ...related]))[0];
		if (row) return row;
	}
	throw new Error(`no free title for topic ${JSON.stringify(request.topic)}`);
}
