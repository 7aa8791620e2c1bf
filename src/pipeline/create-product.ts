import { products } from "../db/schema";
import { newId } from "../lib/ids";
import type { CreateProductRequest } from "../shared/product";
import type { PipelineDeps } from "./deps";
import type { FactoryMessage } from "./messages";
import type { ProductRow } from "./stage";
import { slugify, titleCandidate } from "./titles";

/** Enough candidates for hundreds of products on one topic before giving up. */
const MAX_TITLE_CANDIDATES = 400;

type NewProduct = CreateProductRequest & { topic: string };

/**
 * Creates products in DRAFT with a unique title and slug and starts their pipelines. The
 * first stage message is sent after the rows exist; should the send fail, the scheduled sweep
 * sends it later, because the product already names generate as its pending stage.
 */
export async function createProducts(deps: PipelineDeps, requests: NewProduct[]): Promise<ProductRow[]> {
	const created: ProductRow[] = [];
	for (const request of requests) created.push(await insertWithUniqueTitle(deps, request));
	const messages: MessageSendRequest<FactoryMessage>[] = created.map((product) => ({
		body: { productId: product.id, version: product.version, stage: "generate", attempt: 1 },
	}));
	for (let i = 0; i < messages.length; i += 100) await deps.queue.sendBatch(messages.slice(i, i + 100));
	return created;
}

async function insertWithUniqueTitle(deps: PipelineDeps, request: NewProduct): Promise<ProductRow> {
	const id = newId("prd");
	const now = deps.now().toISOString();
	for (let n = 0; n < MAX_TITLE_CANDIDATES; n++) {
		const title = titleCandidate(request.topic, n);
		const [row] = await deps.db
			.insert(products)
			.values({
				id,
				slug: slugify(title),
				title,
				topic: request.topic,
				kind: request.kind,
				status: "DRAFT",
				version: 1,
				priceCents: request.price_cents,
				currency: request.currency,
				downloadLimit: request.download_limit,
				linkTtlSeconds: request.link_ttl_seconds,
				accessDays: request.access_days ?? null,
				maxGeneration: 1 + deps.config.maxRegenerations,
				pendingStage: "generate",
				pendingAttempt: 1,
				createdAt: now,
				updatedAt: now,
			})
			// A taken title or slug: try the next candidate.
			.onConflictDoNothing()
			.returning();
		if (row) return row;
	}
	throw new Error(`no free title for topic ${JSON.stringify(request.topic)}`);
}
