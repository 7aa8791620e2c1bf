/**
 * How the pipeline benchmark watches a batch: one `GET /api/products` list per tick (not one
 * request per product, which a batch of 30 turns into 7,200 a minute), and every refusal counted
 * and reported. A 429 waits out its `Retry-After`; it is never dropped as "a failed poll", which
 * is what made products look 35–48 s late before: the admin rate limit refused the polls for the
 * rest of its window and the benchmark kept the last status it had seen.
 */

/** A product as the list route shows it. */
export type ListedProduct = { id: string; status: string; created_at: string; published_at: string | null };

/** What watching a batch saw. */
export type PollResult = {
	/** The last view of each watched product. */
	views: Map<string, ListedProduct>;
	/** Wall clock (ms) of the poll that first showed each product terminal. */
	seenAt: Map<string, number>;
	stopped: "done" | "timeout" | "stalled";
	/** How long each successful list request took. */
	pollMs: number[];
	/** 429 answers (each waited out), and other failed requests. */
	rateLimited: number;
	failedPolls: number;
};

export type PollOptions = {
	ids: string[];
	/** One list request (`GET /api/products?limit=…`). */
	list: () => Promise<Response>;
	terminal: ReadonlySet<string>;
	timeoutMs: number;
	/** Give up when no product moved for this long (a hung consumer). */
	stallMs: number;
	intervalMs: number;
	now?: () => number;
	sleep?: (ms: number) => Promise<void>;
	/** Called every few seconds with the products as last seen, to print progress. */
	report?: (products: ListedProduct[]) => void;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls the product list until every id is terminal, time runs out, or nothing moves for `stallMs`. */
export async function pollUntilTerminal(options: PollOptions): Promise<PollResult> {
	const now = options.now ?? Date.now;
	const sleep = options.sleep ?? defaultSleep;
	const watched = new Set(options.ids);
	const result: PollResult = { views: new Map(), seenAt: new Map(), stopped: "done", pollMs: [], rateLimited: 0, failedPolls: 0 };
	const deadline = now() + options.timeoutMs;
	let lastProgress = now();
	let lastReport = now();
	let mark = "";
	while (result.seenAt.size < watched.size) {
		if (now() >= deadline) return { ...result, stopped: "timeout" };
		if (now() - lastProgress >= options.stallMs) return { ...result, stopped: "stalled" };
		await sleep(options.intervalMs);
		const started = now();
		let res: Response;
		try {
			res = await options.list();
		} catch {
			result.failedPolls++;
			continue;
		}
		if (res.status === 429) {
			result.rateLimited++;
			await sleep(Math.max(1, Number(res.headers.get("Retry-After")) || 1) * 1000);
			continue;
		}
		if (!res.ok) {
			result.failedPolls++;
			continue;
		}
		const { products } = (await res.json()) as { products: ListedProduct[] };
		// When the answer arrived: the latest a product could have become visible (a lag never flatters).
		const answered = now();
		result.pollMs.push(answered - started);
		for (const product of products) {
			if (!watched.has(product.id)) continue;
			result.views.set(product.id, product);
			if (options.terminal.has(product.status) && !result.seenAt.has(product.id)) result.seenAt.set(product.id, answered);
		}
		const moved = [...result.views.values()].map((p) => `${p.id}:${p.status}`).join("|");
		if (moved !== mark) {
			mark = moved;
			lastProgress = now();
		}
		if (options.report && now() - lastReport > 5000) {
			lastReport = now();
			options.report([...result.views.values()]);
		}
	}
	return result;
}
