import { type AdminClient, PIPELINE_STATUSES, type Product, type ProductDetail } from "./api.ts";
import type { CreateCommand, RetryCommand, StatusCommand } from "./args.ts";
import { formatBytes, formatDuration, formatPrice, renderTable, truncate } from "./format.ts";
import { type ProgressOutput, type ProgressRenderer, plainRenderer, type Tracked, ttyRenderer } from "./progress.ts";
import { watchProducts } from "./watch.ts";

/** Where a command writes, and the environment it may look at. */
export type Io = {
	stdout: ProgressOutput;
	stderr: { write(text: string): unknown };
	env: Record<string, string | undefined>;
};

/** Create products (one, or a batch) and watch them to the end. Returns the exit code. */
export async function runCreate(command: CreateCommand, client: AdminClient, io: Io): Promise<number> {
	const settings = { kind: command.kind, price_cents: command.priceCents, languages: command.languages, download_limit: command.downloadLimit };
	// A single product with a topic goes through the plain create route (201); the batch route
	// is the only one that can pick a topic when none is given.
	const products =
		command.batch === 1 && command.topic !== undefined
			? [await client.createProduct({ topic: command.topic, ...settings })]
			: await client.createBatch({ topic: command.topic, batch: command.batch, ...settings });
	if (!command.json) {
		io.stdout.write(`Created ${plural(products.length, "product")} at ${command.url}; watching the pipeline (Ctrl-C stops watching, not the pipeline).\n`);
	}
	return watchAndReport(products, command, client, io);
}

/** Restart a stopped pipeline and watch the product to the end. */
export async function runRetry(command: RetryCommand, client: AdminClient, io: Io): Promise<number> {
	const product = await client.retryProduct(command.id);
	if (!command.json) io.stdout.write(`Restarted ${product.title} (${product.id}) from its failed stage; watching it.\n`);
	return watchAndReport([product], command, client, io);
}

/** The latest products with counts per status, or one product's detail. */
export async function runStatus(command: StatusCommand, client: AdminClient, io: Io): Promise<number> {
	if (command.id !== undefined) {
		const detail = await client.getProduct(command.id);
		io.stdout.write(command.json ? `${JSON.stringify(detail, null, 2)}\n` : renderDetail(detail));
		return 0;
	}
	const page = await client.listProducts(20);
	io.stdout.write(command.json ? `${JSON.stringify(page, null, 2)}\n` : renderList(page.products, command.url));
	return 0;
}

async function watchAndReport(products: Product[], command: { json: boolean; timeoutSeconds: number }, client: AdminClient, io: Io): Promise<number> {
	const renderer = command.json ? undefined : pickRenderer(io, products.length);
	// Ctrl-C stops watching; the products carry on in the server's queue, so say where to look.
	const onInterrupt = () => {
		renderer?.finish();
		io.stderr.write("\nStopped watching; the pipeline keeps going on the server. See `npm run factory -- status`.\n");
		process.exit(130);
	};
	process.once("SIGINT", onInterrupt);
	const started = Date.now();
	let result: Awaited<ReturnType<typeof watchProducts>>;
	try {
		result = await watchProducts({
			client,
			products,
			timeoutMs: command.timeoutSeconds * 1000,
			onUpdate: (tracked, now) => renderer?.update(tracked, now),
		});
	} finally {
		renderer?.finish();
		process.off("SIGINT", onInterrupt);
	}
	const ok = !result.timedOut && result.tracked.every((t) => t.outcome === "published");
	if (command.json) {
		io.stdout.write(`${JSON.stringify(jsonDocument(result.tracked, ok), null, 2)}\n`);
	} else {
		io.stdout.write(`\n${renderSummary(result.tracked, Date.now() - started)}`);
	}
	if (result.timedOut) {
		const left = result.tracked.filter((t) => t.outcome === "running").length;
		io.stderr.write(
			`Timed out after ${command.timeoutSeconds} s with ${plural(left, "product")} still in the pipeline. They keep going on the server: see \`npm run factory -- status\`, or raise --timeout.\n`,
		);
	}
	return ok ? 0 : 1;
}

function pickRenderer(io: Io, count: number): ProgressRenderer {
	// Cursor movement cannot reach lines scrolled off the top: more products than the terminal
	// has rows get appended lines instead.
	const tooTall = io.stdout.rows !== undefined && io.stdout.rows > 0 && count >= io.stdout.rows - 1;
	if (!io.stdout.isTTY || io.env.TERM === "dumb" || tooTall) return plainRenderer(io.stdout);
	return ttyRenderer(io.stdout, io.env.NO_COLOR === undefined || io.env.NO_COLOR === "");
}

/** The `--json` document of a watch: what scripts need to pick up the products. */
export function jsonDocument(tracked: readonly Tracked[], ok: boolean) {
	return {
		products: tracked.map(({ product: p }) => ({
			id: p.id,
			title: p.title,
			slug: p.slug,
			status: p.status,
			quality_score: p.quality_score,
			published_at: p.published_at,
			last_error: p.last_error,
		})),
		ok,
	};
}

/** The table after a watch: one row per product, failures with their last error underneath. */
export function renderSummary(tracked: readonly Tracked[], elapsedMs: number): string {
	const rows = tracked.map(({ product: p, outcome }) => ({
		cells: [truncate(p.title, 48), p.status, p.quality_score === null ? "-" : String(p.quality_score), formatPrice(p.price_cents, p.currency), p.id],
		notes: outcome === "published" ? [] : [failureNote(p, outcome)],
	}));
	const published = tracked.filter((t) => t.outcome === "published").length;
	const failed = tracked.filter((t) => t.outcome === "failed").length;
	const running = tracked.length - published - failed;
	const counts = [`${published} published`, failed > 0 ? `${failed} failed` : "", running > 0 ? `${running} unfinished` : ""].filter(Boolean).join(", ");
	return `${renderTable(["Title", "Status", "Score", "Price", "ID"], rows)}\n${counts} in ${formatDuration(elapsedMs)}.\n`;
}

function failureNote(p: Product, outcome: Tracked["outcome"]): string {
	if (outcome === "running") return "still in the pipeline";
	const stage = p.failed_stage ? `stopped at ${p.failed_stage}: ` : "";
	return `${stage}${p.last_error ?? "no error recorded"} (retry: npm run factory -- retry ${p.id})`;
}

function renderList(products: Product[], url: string): string {
	if (products.length === 0) return `No products yet at ${url}. Make some: npm run factory -- --topic "..." --batch 3\n`;
	const rows = products.map((p) => ({
		cells: [
			p.status,
			p.quality_score === null ? "-" : String(p.quality_score),
			formatPrice(p.price_cents, p.currency),
			p.updated_at.slice(0, 19).replace("T", " "),
			p.id,
			truncate(p.title, 48),
		],
	}));
	const counts = new Map<string, number>();
	for (const p of products) counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
	// Pipeline order first, then failures and anything else as they come.
	const order = [...PIPELINE_STATUSES, ...counts.keys()].filter((s, i, all) => all.indexOf(s) === i && counts.has(s));
	const summary = order.map((s) => `${s} ${counts.get(s)}`).join(" · ");
	return `${renderTable(["Status", "Score", "Price", "Updated (UTC)", "ID", "Title"], rows)}\nLatest ${products.length}: ${summary}\n`;
}

function renderDetail(detail: ProductDetail): string {
	const p = detail.product;
	const lines = [
		p.title,
		`  id         ${p.id}`,
		`  slug       ${p.slug}`,
		`  status     ${p.status} (version ${p.version})`,
		`  score      ${p.quality_score ?? "-"}`,
		`  price      ${formatPrice(p.price_cents, p.currency)}`,
		`  created    ${p.created_at}`,
	];
	if (p.published_at) lines.push(`  published  ${p.published_at}`);
	// failed_stage means stopped; a last_error alone is a stage still being retried.
	if (p.failed_stage) lines.push(`  stopped    at ${p.failed_stage}: ${p.last_error ?? "no error recorded"} (npm run factory -- retry ${p.id})`);
	else if (p.last_error) lines.push(`  last error ${p.last_error}`);

	lines.push("", "QA reports");
	if (detail.qa_reports.length === 0) lines.push("  none yet");
	for (const report of detail.qa_reports) {
		const dimensions = Object.entries(report.dimensions)
			.map(([name, score]) => `${name} ${score}`)
			.join(", ");
		const attempt = report.attempt === undefined ? "" : ` attempt ${report.attempt}`;
		lines.push(`  QA${report.stage}${attempt}: ${report.passed ? "passed" : "FAILED"}, score ${report.score} (${dimensions})`);
		const failed = report.checks.filter((check) => !check.passed);
		for (const check of failed) lines.push(`    ✗ ${check.name}${check.required ? " (required)" : ""}: ${check.detail}`);
		if (failed.length === 0) lines.push(`    all ${report.checks.length} checks passed`);
	}

	lines.push("", "Stage runs");
	if (detail.stage_runs.length === 0) lines.push("  none yet");
	else {
		const rows = detail.stage_runs.map((run) => ({
			cells: [run.stage, String(run.attempt), run.outcome, run.started_at, took(run.started_at, run.finished_at)],
			notes: run.error ? [run.error] : [],
		}));
		lines.push(indent(renderTable(["Stage", "Attempt", "Outcome", "Started", "Took"], rows)));
	}

	lines.push("", "Package");
	if (!detail.package) lines.push("  none yet");
	else {
		const pkg = detail.package;
		lines.push(`  version ${pkg.version}, ${formatBytes(pkg.size)} (${pkg.size} bytes), ${pkg.manifest.files.length} files`, `  sha256  ${pkg.sha256}`);
	}

	if (detail.publish_history.length > 0) {
		lines.push("", "Publish history");
		for (const event of detail.publish_history)
			lines.push(`  ${event.created_at}  ${event.action} v${event.version}${event.reason ? `: ${event.reason}` : ""}`);
	}
	return `${lines.join("\n").trimEnd()}\n`;
}

function took(startedAt: string, finishedAt: string | null): string {
	if (!finishedAt) return "-";
	const ms = Date.parse(finishedAt) - Date.parse(startedAt);
	return Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : "-";
}

function indent(text: string): string {
	return text
		.trimEnd()
		.split("\n")
		.map((line) => `  ${line}`)
		.join("\n");
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? "" : "s"}`;
}
