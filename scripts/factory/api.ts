/**
 * A small typed client for the admin API (API.md "Admin API"). Response types are declared
 * here rather than imported from src/ so the CLI runs under plain Node with no build step.
 */

/** Pipeline states in order, then the failures and the states after publication. */
export const PIPELINE_STATUSES = ["DRAFT", "GENERATING", "QA1_PASSED", "PACKAGING", "PACKAGED", "QA2_PASSED", "PUBLISHED"] as const;

/** A product as the admin API shows it. `status` stays a string: a newer server may add states. */
export type Product = {
	id: string;
	slug: string;
	title: string;
	kind: string;
	status: string;
	version: number;
	price_cents: number;
	currency: string;
	quality_score: number | null;
	failed_stage: string | null;
	last_error: string | null;
	created_at: string;
	updated_at: string;
	published_at: string | null;
};

/** `GET /api/products`. */
export type ProductPage = { products: Product[]; next_cursor: string | null };

/** One check of a QA gate. */
export type QaCheck = { name: string; passed: boolean; required?: boolean; dimension?: string; detail: string };

/** A QA gate's report. */
export type QaReport = {
	stage: number;
	attempt?: number;
	passed: boolean;
	score: number;
	dimensions: Record<string, number>;
	checks: QaCheck[];
	created_at: string;
};

/** The packaged ZIP of the current version. */
export type PackageInfo = {
	version: number;
	size: number;
	sha256: string;
	r2_key: string;
	manifest: { files: { path: string; size: number; sha256: string }[] };
};

/** One run of a pipeline stage. */
export type StageRun = {
	stage: string;
	attempt: number;
	outcome: string;
	error: string | null;
	started_at: string;
	finished_at: string | null;
};

/** A publish or unpublish event. */
export type PublishEvent = { version: number; action: string; reason: string | null; created_at: string };

/** `GET /api/products/:id`. */
export type ProductDetail = {
	product: Product;
	qa_reports: QaReport[];
	package: PackageInfo | null;
	stage_runs: StageRun[];
	publish_history: PublishEvent[];
};

/** Body of `POST /api/products` and (with `batch`) `POST /api/products/batch`; unset fields take the server's defaults. */
export type CreateProductBody = { topic?: string; kind?: string; price_cents?: number; download_limit?: number };

/** An error the server answered with (`{"error":{"code","message","requestId"}}`). */
export class ApiError extends Error {
	/** HTTP status. */
	readonly status: number;
	/** The envelope's code, or `HTTP_<status>` when the body was not an envelope. */
	readonly code: string;
	readonly requestId: string | undefined;
	/** Seconds from `Retry-After` on a 429. */
	readonly retryAfterSeconds: number | undefined;

	constructor(init: { status: number; code: string; message: string; requestId?: string; retryAfterSeconds?: number }) {
		super(init.message);
		this.name = "ApiError";
		this.status = init.status;
		this.code = init.code;
		this.requestId = init.requestId;
		this.retryAfterSeconds = init.retryAfterSeconds;
	}
}

/** The server could not be reached at all (refused, unknown host, no answer in time). */
export class UnreachableError extends Error {
	/** True when nothing listens there: the server is not running. */
	readonly refused: boolean;

	constructor(message: string, refused: boolean) {
		super(message);
		this.name = "UnreachableError";
		this.refused = refused;
	}
}

/** The admin API operations the CLI needs. */
export type AdminClient = {
	createProduct(body: CreateProductBody & { topic: string }): Promise<Product>;
	createBatch(body: CreateProductBody & { batch: number }): Promise<Product[]>;
	listProducts(limit: number): Promise<ProductPage>;
	getProduct(id: string): Promise<ProductDetail>;
	retryProduct(id: string): Promise<Product>;
};

/** Options of {@link createAdminClient}. */
export type AdminClientOptions = {
	baseUrl: string;
	apiKey: string;
	/** Injected in tests; the global fetch otherwise. */
	fetch?: typeof fetch;
	/** A single request that takes longer than this is abandoned (default 15 s). */
	requestTimeoutMs?: number;
};

/** A client for the admin API at `baseUrl`, authenticating with `Authorization: Bearer <apiKey>`. */
export function createAdminClient(options: AdminClientOptions): AdminClient {
	const fetchImpl = options.fetch ?? fetch;
	const timeoutMs = options.requestTimeoutMs ?? 15_000;

	async function request(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
		const headers: Record<string, string> = { Authorization: `Bearer ${options.apiKey}`, Accept: "application/json" };
		if (body !== undefined) headers["Content-Type"] = "application/json";
		let res: Response;
		let text: string;
		try {
			res = await fetchImpl(`${options.baseUrl}${path}`, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body),
				signal: AbortSignal.timeout(timeoutMs),
			});
			text = await res.text();
		} catch (error) {
			throw unreachable(options.baseUrl, error, timeoutMs);
		}
		let json: unknown;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (!res.ok) throw apiError(res, json);
		if (json === undefined) throw new ApiError({ status: res.status, code: "BAD_RESPONSE", message: `${method} ${path} answered ${res.status} without JSON.` });
		return json;
	}

	function expect<T>(value: unknown, guard: (v: unknown) => v is T, what: string): T {
		if (!guard(value)) throw new ApiError({ status: 200, code: "BAD_RESPONSE", message: `Unexpected response shape from the server (${what}).` });
		return value;
	}

	return {
		async createProduct(body) {
			const json = await request("POST", "/api/products", body);
			return expect(field(json, "product"), isProduct, "POST /api/products");
		},
		async createBatch(body) {
			const json = await request("POST", "/api/products/batch", body);
			return expect(field(json, "products"), isProductArray, "POST /api/products/batch");
		},
		async listProducts(limit) {
			const json = await request("GET", `/api/products?limit=${limit}`);
			return expect(json, isProductPage, "GET /api/products");
		},
		async getProduct(id) {
			const json = await request("GET", `/api/products/${encodeURIComponent(id)}`);
			return expect(json, isProductDetail, "GET /api/products/:id");
		},
		async retryProduct(id) {
			const json = await request("POST", `/api/products/${encodeURIComponent(id)}/retry`);
			return expect(field(json, "product"), isProduct, "POST /api/products/:id/retry");
		},
	};
}

function apiError(res: Response, json: unknown): ApiError {
	const envelope = field(json, "error");
	const code = field(envelope, "code");
	const message = field(envelope, "message");
	const requestId = field(envelope, "requestId");
	const retryAfter = Number(res.headers.get("Retry-After"));
	return new ApiError({
		status: res.status,
		code: typeof code === "string" ? code : `HTTP_${res.status}`,
		message: typeof message === "string" ? message : `The server answered ${res.status} ${res.statusText}.`.replace(" .", "."),
		requestId: typeof requestId === "string" ? requestId : (res.headers.get("X-Request-Id") ?? undefined),
		retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
	});
}

/** Node's fetch hides the socket error in `cause` (`ECONNREFUSED`, `ENOTFOUND`, ...). */
function unreachable(baseUrl: string, error: unknown, timeoutMs: number): UnreachableError {
	if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
		return new UnreachableError(`The server at ${baseUrl} did not answer within ${Math.round(timeoutMs / 1000)} s.`, false);
	}
	const cause = error instanceof Error ? error.cause : undefined;
	const code = field(cause, "code") ?? field(error, "code");
	const causes = field(cause, "errors");
	// With "localhost" both ::1 and 127.0.0.1 are tried: an AggregateError of two refusals.
	const refusedAll = Array.isArray(causes) && causes.length > 0 && causes.every((e) => field(e, "code") === "ECONNREFUSED");
	if (code === "ECONNREFUSED" || refusedAll) return new UnreachableError(`No Edge Factory server at ${baseUrl}. Start it with \`npm start\`.`, true);
	const causeMessage = cause instanceof Error ? cause.message : undefined;
	const detail = typeof code === "string" ? code : (causeMessage ?? (error instanceof Error ? error.message : String(error)));
	return new UnreachableError(`Could not reach the Edge Factory server at ${baseUrl} (${detail}).`, false);
}

function field(value: unknown, key: string): unknown {
	return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function isProduct(value: unknown): value is Product {
	return (
		typeof field(value, "id") === "string" &&
		typeof field(value, "title") === "string" &&
		typeof field(value, "status") === "string" &&
		typeof field(value, "price_cents") === "number"
	);
}

function isProductArray(value: unknown): value is Product[] {
	return Array.isArray(value) && value.every(isProduct);
}

function isProductPage(value: unknown): value is ProductPage {
	return isProductArray(field(value, "products"));
}

function isProductDetail(value: unknown): value is ProductDetail {
	return (
		isProduct(field(value, "product")) &&
		Array.isArray(field(value, "qa_reports")) &&
		Array.isArray(field(value, "stage_runs")) &&
		Array.isArray(field(value, "publish_history"))
	);
}
