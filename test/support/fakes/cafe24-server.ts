import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fake of the parts of Cafe24's Admin API the Cafe24 adapter uses, for several malls at once:
 * each mall lives under `/{mall_id}` (the adapter's `apiBase` is `<url>/{mall_id}`). It speaks
 * Cafe24's protocol: OAuth authorize/token/revoke (HTTP Basic client authentication, single-use
 * codes valid one minute, exact redirect URI, rotating refresh tokens, KST times without a zone),
 * Admin API errors as `{error: {code, message}}`, OAuth errors as `{error, error_description}`,
 * and the call limit: a leaky bucket per mall (40 deep, draining 2 calls a second) reported as
 * `X-Api-Call-Limit: used/max` on every Admin API answer, 429 when full.
 *
 * Test control (no auth) under `/__control/`:
 * - `POST /__control/apps` `{clientId, clientSecret}`: registers an app (any mall may authorize it).
 * - `POST /__control/malls` `{mallId, callLimit?}`: opens a mall.
 * - `POST /__control/malls/:mall/advance` `{ms}`: moves the mall's bucket clock on (it drains, as if that time passed).
 * - `POST /__control/malls/:mall/expire-tokens`: every access token of the mall expires now.
 * - `POST /__control/malls/:mall/fail-next` `{status?, method?}`: the next Admin API request (of that method) answers a 5xx, undone.
 * - `POST /__control/malls/:mall/lose-next-create` `{mode: "500" | "close" | "cut"}`: the next product
 *   create is stored, then answered with a 500, a closed socket, or a 201 whose body is cut off (a lost response).
 * - `POST /__control/malls/:mall/products/:no/variants` `{count}`: adds option variants.
 * - `POST /__control/malls/:mall/orders` `{orders}`: adds orders (Cafe24's order shape).
 * - `GET /__control/malls/:mall`: the mall's products, requests and revoked tokens.
 */

type Variant = { variant_code: string; use_inventory: "T" | "F"; quantity: number };
type Product = {
	product_no: number;
	product_name: string;
	price: string;
	supply_price: string;
	display: "T" | "F";
	selling: "T" | "F";
	description: string;
	custom_product_code: string;
	variants: Variant[];
};
type Order = {
	order_id: string;
	order_date: string;
	currency: string;
	items: { product_no: number; quantity: number; product_price: string; option_price: string }[];
};
type FakeRequest = { method: string; path: string; status: number; apiVersion: string | null };
type Mall = {
	id: string;
	products: Map<number, Product>;
	orders: Order[];
	requests: FakeRequest[];
	revoked: string[];
	bucket: { level: number; at: number; max: number };
	/** How far the bucket's clock is ahead of the real one (a test's sleep moves it). */
	clockOffsetMs: number;
	failNext: { status: number; method: string | null } | null;
	loseNextCreate: "500" | "close" | "cut" | null;
};
type Grant = { clientId: string; mallId: string; scopes: string[] };
type State = {
	apps: Map<string, string>;
	malls: Map<string, Mall>;
	codes: Map<string, Grant & { redirectUri: string; expiresAt: number; used: boolean }>;
	accessTokens: Map<string, Grant & { expiresAt: number; refreshToken: string }>;
	refreshTokens: Map<string, Grant & { expiresAt: number; used: boolean }>;
};

type Reply = { status: number; body: unknown; headers?: Record<string, string>; redirect?: string; closeSocket?: "before-headers" | "mid-body" };

const DRAIN_PER_SECOND = 2;
const ACCESS_TTL_MS = 2 * 3_600_000;
const REFRESH_TTL_MS = 14 * 86_400_000;
const CODE_TTL_MS = 60_000;
const KST_OFFSET_MS = 9 * 3_600_000;

const token = () => randomBytes(16).toString("base64url");
const now = () => Date.now();
/** Cafe24's way of writing a time: KST, milliseconds, no zone. */
const kst = (at: number) => new Date(at + KST_OFFSET_MS).toISOString().replace("Z", "");

const apiError = (status: number, message: string): Reply => ({ status, body: { error: { code: status, message } } });
const oauthError = (status: number, error: string, description: string): Reply => ({ status, body: { error, error_description: description } });

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString("utf8");
}

function jsonBody(raw: string): Record<string, unknown> {
	try {
		const parsed: unknown = JSON.parse(raw);
		return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

function basicClient(state: State, req: IncomingMessage): string | null {
	const header = req.headers.authorization ?? "";
	if (!header.startsWith("Basic ")) return null;
	const [clientId, ...rest] = Buffer.from(header.slice(6), "base64").toString("utf8").split(":");
	return clientId && state.apps.get(clientId) === rest.join(":") ? clientId : null;
}

function tokenAnswer(state: State, grant: Grant): Reply {
	const issued = now();
	const accessToken = token();
	const refreshToken = token();
	state.accessTokens.set(accessToken, { ...grant, expiresAt: issued + ACCESS_TTL_MS, refreshToken });
	state.refreshTokens.set(refreshToken, { ...grant, expiresAt: issued + REFRESH_TTL_MS, used: false });
	return {
		status: 200,
		body: {
			access_token: accessToken,
			expires_at: kst(issued + ACCESS_TTL_MS),
			refresh_token: refreshToken,
			refresh_token_expires_at: kst(issued + REFRESH_TTL_MS),
			client_id: grant.clientId,
			mall_id: grant.mallId,
			user_id: grant.mallId,
			scopes: grant.scopes,
			issued_at: kst(issued),
		},
	};
}

function authorize(state: State, mall: Mall, url: URL): Reply {
	const q = url.searchParams;
	const clientId = q.get("client_id") ?? "";
	const redirectUri = q.get("redirect_uri") ?? "";
	if (q.get("response_type") !== "code" || !state.apps.has(clientId)) return oauthError(400, "invalid_request", "response_type or client_id is invalid");
	if (!redirectUri || !q.get("state")) return oauthError(400, "invalid_request", "redirect_uri and state are required");
	// The merchant signs in and consents: the code goes back to the redirect URI with the state.
	const code = token();
	const scopes = (q.get("scope") ?? "").split(",").filter(Boolean);
	state.codes.set(code, { clientId, mallId: mall.id, scopes, redirectUri, expiresAt: now() + CODE_TTL_MS, used: false });
	const target = new URL(redirectUri);
	target.searchParams.set("code", code);
	target.searchParams.set("state", q.get("state") ?? "");
	return { status: 302, body: null, redirect: target.toString() };
}

function issueToken(state: State, mall: Mall, req: IncomingMessage, raw: string): Reply {
	const clientId = basicClient(state, req);
	if (!clientId) return oauthError(401, "invalid_client", "client authentication failed");
	const form = new URLSearchParams(raw);
	if (form.get("grant_type") === "authorization_code") {
		const code = state.codes.get(form.get("code") ?? "");
		if (!code || code.used || code.clientId !== clientId || code.mallId !== mall.id || code.expiresAt < now())
			return oauthError(400, "invalid_grant", "Validation error: code is invalid or expired.");
		if (code.redirectUri !== form.get("redirect_uri")) return oauthError(400, "invalid_grant", "Validation error: redirect_uri does not match.");
		code.used = true;
		return tokenAnswer(state, code);
	}
	if (form.get("grant_type") === "refresh_token") {
		const refresh = state.refreshTokens.get(form.get("refresh_token") ?? "");
		if (!refresh || refresh.used || refresh.clientId !== clientId || refresh.mallId !== mall.id || refresh.expiresAt < now())
			return oauthError(400, "invalid_grant", "Validation error: refresh_token is invalid or expired.");
		// Rotation: the old refresh token stops working the moment a new one is issued.
		refresh.used = true;
		return tokenAnswer(state, refresh);
	}
	return oauthError(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
}

function revoke(state: State, mall: Mall, req: IncomingMessage, raw: string): Reply {
	const form = new URLSearchParams(raw);
	const clientId = basicClient(state, req) ?? (state.apps.get(form.get("client_id") ?? "") === form.get("client_secret") ? form.get("client_id") : null);
	if (!clientId) return oauthError(401, "invalid_client", "client authentication failed");
	const value = form.get("token") ?? "";
	const access = state.accessTokens.get(value);
	const refresh = state.refreshTokens.get(value);
	if ((access && access.mallId === mall.id) || (refresh && refresh.mallId === mall.id)) {
		mall.revoked.push(value);
		state.accessTokens.delete(value);
		if (refresh) {
			state.refreshTokens.delete(value);
			// Revoking the grant's refresh token ends its access tokens too.
			for (const [key, entry] of state.accessTokens) if (entry.refreshToken === value) state.accessTokens.delete(key);
		}
	}
	return { status: 200, body: { result: "success" } };
}

/** The leaky bucket: drains since the last call, then takes this one or answers 429. */
function takeFromBucket(mall: Mall): { allowed: boolean; header: string } {
	const at = now() + mall.clockOffsetMs;
	const bucket = mall.bucket;
	bucket.level = Math.max(0, bucket.level - ((at - bucket.at) / 1000) * DRAIN_PER_SECOND);
	bucket.at = at;
	const allowed = bucket.level + 1 <= bucket.max;
	if (allowed) bucket.level += 1;
	return { allowed, header: `${Math.ceil(bucket.level)}/${bucket.max}` };
}

function productView(product: Product) {
	const { variants: _variants, ...rest } = product;
	return { shop_no: 1, ...rest };
}

function writeProduct(product: Product, request: Record<string, unknown>): Reply | null {
	for (const key of ["product_name", "price", "supply_price", "description", "custom_product_code"] as const) {
		if (key in request) {
			if (typeof request[key] !== "string") return apiError(422, `${key} must be a string`);
			product[key] = request[key] as string;
		}
	}
	for (const key of ["price", "supply_price"] as const) if (!/^\d+(\.\d{1,2})?$/.test(product[key])) return apiError(422, `${key} is not a valid price`);
	for (const key of ["display", "selling"] as const) {
		if (key in request) {
			if (request[key] !== "T" && request[key] !== "F") return apiError(422, `${key} must be T or F`);
			product[key] = request[key] as "T" | "F";
		}
	}
	if (product.custom_product_code.length > 40) return apiError(422, "custom_product_code is longer than 40 characters");
	return null;
}

function products(mall: Mall, method: string, segments: string[], url: URL, body: Record<string, unknown>): Reply {
	const request = (body.request ?? {}) as Record<string, unknown>;
	if (method !== "GET" && body.shop_no !== 1) return apiError(422, "shop_no is required");
	if (segments.length === 0 && method === "GET") {
		const code = url.searchParams.get("custom_product_code");
		const found = [...mall.products.values()].filter((product) => code === null || product.custom_product_code === code);
		return { status: 200, body: { products: found.map(productView) } };
	}
	if (segments.length === 0 && method === "POST") {
		if (typeof request.product_name !== "string" || typeof request.price !== "string" || typeof request.supply_price !== "string")
			return apiError(422, "product_name, price and supply_price are required");
		const no = mall.products.size + 10;
		const product: Product = {
			product_no: no,
			product_name: "",
			price: "0",
			supply_price: "0",
			display: "F",
			selling: "F",
			description: "",
			custom_product_code: "",
			variants: [{ variant_code: `P${String(no).padStart(7, "0")}000A`, use_inventory: "F", quantity: 0 }],
		};
		const invalid = writeProduct(product, request);
		if (invalid) return invalid;
		mall.products.set(no, product);
		return { status: 201, body: { product: productView(product) } };
	}
	const product = mall.products.get(Number(segments[0]));
	if (!product) return apiError(404, "No product found.");
	if (segments.length === 1 && method === "PUT") {
		const draft = { ...product };
		const invalid = writeProduct(draft, request);
		if (invalid) return invalid;
		Object.assign(product, draft);
		return { status: 200, body: { product: productView(product) } };
	}
	if (segments[1] === "variants" && segments.length === 2 && method === "GET")
		return { status: 200, body: { variants: product.variants.map((v) => ({ shop_no: 1, ...v })) } };
	if (segments[1] === "variants" && segments[3] === "inventories" && method === "PUT") {
		const variant = product.variants.find((v) => v.variant_code === segments[2]);
		if (!variant) return apiError(404, "No variant found.");
		if (request.use_inventory !== "T" && request.use_inventory !== "F") return apiError(422, "use_inventory must be T or F");
		if (request.use_inventory === "T" && (!Number.isInteger(request.quantity) || (request.quantity as number) < 0))
			return apiError(422, "quantity must be a whole number");
		variant.use_inventory = request.use_inventory;
		if (request.use_inventory === "T") variant.quantity = request.quantity as number;
		return {
			status: 200,
			body: { inventory: { shop_no: 1, variant_code: variant.variant_code, use_inventory: variant.use_inventory, quantity: variant.quantity } },
		};
	}
	return apiError(404, "No such resource.");
}

function orders(mall: Mall, url: URL): Reply {
	const q = url.searchParams;
	const start = q.get("start_date");
	const end = q.get("end_date");
	if (!start || !end || !/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end))
		return apiError(422, "start_date and end_date (YYYY-MM-DD) are required");
	if (Date.parse(end) - Date.parse(start) > 92 * 86_400_000) return apiError(422, "the search period may not exceed three months");
	const limit = Number(q.get("limit") ?? "10");
	const offset = Number(q.get("offset") ?? "0");
	if (!(limit >= 1 && limit <= 1000) || !(offset >= 0 && offset <= 15_000)) return apiError(422, "limit or offset out of range");
	const inRange = mall.orders.filter((order) => {
		const day = order.order_date.slice(0, 10);
		return day >= start && day <= end;
	});
	const embed = q.get("embed") === "items";
	return { status: 200, body: { orders: inRange.slice(offset, offset + limit).map((order) => (embed ? order : { ...order, items: undefined })) } };
}

function admin(state: State, mall: Mall, req: IncomingMessage, url: URL, segments: string[], raw: string): Reply {
	const header = req.headers.authorization ?? "";
	const entry = header.startsWith("Bearer ") ? state.accessTokens.get(header.slice(7)) : undefined;
	if (!entry || entry.mallId !== mall.id) return apiError(401, "Invalid access_token (invalid_token)");
	if (entry.expiresAt < now()) return apiError(401, "access_token time expired. (invalid_token)");
	const method = req.method ?? "GET";
	const scope = segments[0] === "orders" ? "mall.read_order" : method === "GET" ? "mall.read_product" : "mall.write_product";
	if (!entry.scopes.includes(scope)) return apiError(403, `Insufficient scope: ${scope} is required`);
	if (segments[0] === "products") return products(mall, method, segments.slice(1), url, jsonBody(raw));
	if (segments[0] === "orders" && method === "GET") return orders(mall, url);
	return apiError(404, "No such resource.");
}

async function control(state: State, req: IncomingMessage, url: URL): Promise<Reply> {
	const segments = url.pathname.split("/").filter(Boolean).slice(1);
	const body = jsonBody(await readBody(req));
	const method = req.method ?? "GET";
	if (method === "POST" && segments[0] === "apps" && segments.length === 1) {
		if (typeof body.clientId !== "string" || typeof body.clientSecret !== "string") return { status: 400, body: { error: "clientId and clientSecret" } };
		state.apps.set(body.clientId, body.clientSecret);
		return { status: 200, body: { ok: true } };
	}
	if (method === "POST" && segments[0] === "malls" && segments.length === 1) {
		if (typeof body.mallId !== "string") return { status: 400, body: { error: "mallId" } };
		const max = typeof body.callLimit === "number" ? body.callLimit : 40;
		state.malls.set(body.mallId, {
			id: body.mallId,
			products: new Map(),
			orders: [],
			requests: [],
			revoked: [],
			bucket: { level: 0, at: now(), max },
			clockOffsetMs: 0,
			failNext: null,
			loseNextCreate: null,
		});
		return { status: 200, body: { ok: true } };
	}
	const mall = state.malls.get(segments[1] ?? "");
	if (segments[0] !== "malls" || !mall) return { status: 404, body: { error: "no such mall" } };
	const action = segments.slice(2).join("/");
	if (method === "GET" && action === "") {
		return { status: 200, body: { products: [...mall.products.values()], requests: mall.requests, revoked: mall.revoked, bucket: mall.bucket } };
	}
	if (method === "POST" && action === "advance") {
		mall.clockOffsetMs += typeof body.ms === "number" && body.ms > 0 ? body.ms : 0;
		return { status: 200, body: { offsetMs: mall.clockOffsetMs } };
	}
	if (method === "POST" && action === "expire-tokens") {
		for (const entry of state.accessTokens.values()) if (entry.mallId === mall.id) entry.expiresAt = now() - 1;
		return { status: 200, body: { ok: true } };
	}
	if (method === "POST" && action === "fail-next") {
		mall.failNext = { status: typeof body.status === "number" ? body.status : 503, method: typeof body.method === "string" ? body.method : null };
		return { status: 200, body: { ok: true } };
	}
	if (method === "POST" && action === "lose-next-create") {
		mall.loseNextCreate = body.mode === "close" || body.mode === "cut" ? body.mode : "500";
		return { status: 200, body: { ok: true } };
	}
	if (method === "POST" && action === "orders" && Array.isArray(body.orders)) {
		mall.orders.push(...(body.orders as Order[]));
		return { status: 200, body: { ok: true } };
	}
	const variants = action.match(/^products\/(\d+)\/variants$/);
	const product = variants ? mall.products.get(Number(variants[1])) : undefined;
	if (method === "POST" && product && typeof body.count === "number") {
		for (let i = 0; i < body.count; i++) {
			product.variants.push({
				variant_code: `P${String(product.product_no).padStart(7, "0")}00${String.fromCharCode(66 + product.variants.length - 1)}`,
				use_inventory: "F",
				quantity: 0,
			});
		}
		return { status: 200, body: { variants: product.variants } };
	}
	return { status: 404, body: { error: "no such control" } };
}

async function handle(state: State, req: IncomingMessage): Promise<Reply> {
	const url = new URL(req.url ?? "/", "http://fake");
	if (url.pathname.startsWith("/__control/")) return control(state, req, url);
	const [mallId, api, version, area, ...rest] = url.pathname.split("/").filter(Boolean);
	const mall = state.malls.get(mallId ?? "");
	if (!mall || api !== "api" || version !== "v2") return apiError(404, "No such mall or resource.");
	const raw = await readBody(req);
	if (area === "oauth") {
		if (rest[0] === "authorize" && req.method === "GET") return authorize(state, mall, url);
		if (rest[0] === "token" && req.method === "POST") return issueToken(state, mall, req, raw);
		if (rest[0] === "revoke" && req.method === "POST") return revoke(state, mall, req, raw);
		return oauthError(404, "not_found", "no such OAuth endpoint");
	}
	if (area !== "admin") return apiError(404, "No such resource.");
	const record: FakeRequest = {
		method: req.method ?? "GET",
		path: url.pathname.slice((mallId ?? "").length + 1),
		status: 0,
		apiVersion: (req.headers["x-cafe24-api-version"] as string | undefined) ?? null,
	};
	mall.requests.push(record);
	const bucket = takeFromBucket(mall);
	const headers = { "X-Api-Call-Limit": bucket.header };
	let reply: Reply;
	if (!bucket.allowed) reply = apiError(429, "Too Many Requests: the API call limit was exceeded.");
	else if (mall.failNext !== null && (mall.failNext.method === null || mall.failNext.method === req.method)) {
		reply = apiError(mall.failNext.status, "Temporary server error.");
		mall.failNext = null;
	} else {
		reply = admin(state, mall, req, url, rest, raw);
		const created = req.method === "POST" && rest.length === 1 && rest[0] === "products" && reply.status === 201;
		if (created && mall.loseNextCreate) {
			// Stored, but the answer never reaches the caller.
			if (mall.loseNextCreate === "500") reply = apiError(500, "Internal server error.");
			else reply = { ...reply, closeSocket: mall.loseNextCreate === "close" ? "before-headers" : "mid-body" };
			mall.loseNextCreate = null;
		}
	}
	record.status = reply.closeSocket ? 0 : reply.status;
	return { ...reply, headers };
}

function send(res: ServerResponse, reply: Reply): void {
	if (reply.closeSocket === "before-headers") {
		res.socket?.destroy();
		return;
	}
	if (reply.closeSocket === "mid-body") {
		const body = JSON.stringify(reply.body);
		res.writeHead(reply.status, { "Content-Type": "application/json", "Content-Length": String(body.length + 100), ...reply.headers });
		res.write(body.slice(0, 5), () => res.socket?.destroy());
		return;
	}
	if (reply.redirect) {
		res.writeHead(302, { Location: reply.redirect });
		res.end();
		return;
	}
	res.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers });
	res.end(JSON.stringify(reply.body));
}

/** The running fake: `apiBase` is the adapter's `apiBase` (`<url>/{mall_id}`). */
export type FakeCafe24 = { url: string; apiBase: string; close: () => Promise<void> };

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeCafe24(): Promise<FakeCafe24> {
	const state: State = { apps: new Map(), malls: new Map(), codes: new Map(), accessTokens: new Map(), refreshTokens: new Map() };
	const server: Server = createServer((req, res) => {
		handle(state, req).then(
			(reply) => send(res, reply),
			(err: unknown) => send(res, apiError(500, err instanceof Error ? err.message : String(err))),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		apiBase: `${url}/{mall_id}`,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
