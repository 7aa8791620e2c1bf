import { type AdminClient, ApiError, type Product, UnreachableError } from "./api.ts";
import type { Tracked } from "./progress.ts";

/** Options of {@link watchProducts}. */
export type WatchOptions = {
	client: AdminClient;
	/** The products as created (or restarted); watched in this order. */
	products: Product[];
	timeoutMs: number;
	/** Pause between polls (default 750 ms: 80 requests a minute, under the 100/min admin limit). */
	intervalMs?: number;
	/** Called with every product after each poll (and once before the first). */
	onUpdate: (tracked: readonly Tracked[], now: number) => void;
	now?: () => number;
	sleep?: (ms: number) => Promise<void>;
};

/** Everything watched, and whether the deadline came first. */
export type WatchResult = { tracked: Tracked[]; timedOut: boolean };

/** How many failed polls in a row (network or 5xx) are ridden out, e.g. over a `wrangler dev` reload. */
const MAX_TRANSIENT_ERRORS = 5;

/** Statuses after which the pipeline does nothing more on its own. */
const STOPPED = new Set(["QA1_FAILED", "QA2_FAILED", "UNPUBLISHED", "ARCHIVED"]);

/**
 * Where a product stands. `failed_stage` is set when a stage stopped (dead-lettered, or the
 * publish gate refused); it only counts once seen unchanged on two polls in a row, so a product
 * that is moving again (retried elsewhere) is not written off.
 */
export function outcomeOf(product: Product, previous: Product | undefined): Tracked["outcome"] {
	if (product.status === "PUBLISHED") return "published";
	if (STOPPED.has(product.status)) return "failed";
	const stuck =
		product.failed_stage !== null &&
		previous !== undefined &&
		previous.failed_stage === product.failed_stage &&
		previous.status === product.status &&
		previous.updated_at === product.updated_at;
	return stuck ? "failed" : "running";
}

/**
 * Polls until every product is published or failed, or the timeout passes. One request per
 * tick, because the admin API allows 100 a minute per key: normally the newest page of the
 * list (which holds a fresh batch), and for watched products missing from that page, one
 * `GET /api/products/:id` per tick before the list is read again.
 */
export async function watchProducts(options: WatchOptions): Promise<WatchResult> {
	const now = options.now ?? Date.now;
	const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const interval = options.intervalMs ?? 750;
	const start = now();
	const deadline = start + options.timeoutMs;
	const tracked: Tracked[] = options.products.map((product) => ({ product, startedAt: start, finishedAt: undefined, outcome: "running" }));
	const byId = new Map(tracked.map((t) => [t.product.id, t]));
	const running = () => tracked.filter((t) => t.outcome === "running");

	const apply = (product: Product) => {
		const t = byId.get(product.id);
		if (t?.outcome !== "running") return;
		const outcome = outcomeOf(product, t.product);
		t.product = product;
		t.outcome = outcome;
		if (outcome !== "running") t.finishedAt = now();
	};

	let missing: string[] = [];
	let transientErrors = 0;
	options.onUpdate(tracked, now());
	while (running().length > 0) {
		const left = deadline - now();
		if (left <= 0) return { tracked, timedOut: true };
		await sleep(Math.min(interval, left));
		try {
			const id = missing.shift();
			if (id !== undefined) {
				apply((await options.client.getProduct(id)).product);
			} else {
				const page = await options.client.listProducts(100);
				const seen = new Set<string>();
				for (const product of page.products) {
					seen.add(product.id);
					apply(product);
				}
				missing = running()
					.map((t) => t.product.id)
					.filter((pid) => !seen.has(pid));
			}
			transientErrors = 0;
		} catch (error) {
			if (error instanceof ApiError && error.status === 429) {
				// Someone else is using the same key too: wait as long as the server asks.
				await sleep(Math.min((error.retryAfterSeconds ?? 5) * 1000, Math.max(0, deadline - now())));
				continue;
			}
			const transient = (error instanceof UnreachableError || (error instanceof ApiError && error.status >= 500)) && transientErrors < MAX_TRANSIENT_ERRORS;
			if (!transient) throw error;
			transientErrors++;
			continue;
		}
		options.onUpdate(tracked, now());
	}
	return { tracked, timedOut: false };
}
