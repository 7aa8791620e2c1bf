import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fake of the parts of Stripe's API the shop uses, speaking its protocol: form-encoded bodies
 * in bracket notation, Bearer `sk_test_...` keys, `Idempotency-Key` replay and mismatch errors,
 * Stripe's error JSON. Test-control endpoints (no auth) live under `/__control/`:
 * `POST /__control/complete/:id`, `POST /__control/expire/:id`, `GET /__control/requests`.
 */

/** A value of a form-encoded body in Stripe's bracket notation, after nesting. */
export type FormValue = string | FormValue[] | FormObject;
/** An object of a form-encoded body. */
export type FormObject = { [key: string]: FormValue };

/** One API request as the fake received it. */
export type FakeStripeRequest = { method: string; path: string; apiKey: string | null; idempotencyKey: string | null; params: FormObject; status: number };

/** A Checkout Session as the fake keeps it (a subset of Stripe's object, same field names). */
export type FakeCheckoutSession = {
	id: string;
	object: "checkout.session";
	amount_subtotal: number;
	amount_total: number;
	cancel_url: string | null;
	client_reference_id: string | null;
	created: number;
	currency: string;
	customer_email: string | null;
	expires_at: number;
	livemode: false;
	metadata: Record<string, string>;
	mode: "payment" | "subscription";
	payment_intent: string | null;
	/** Subscription mode: the subscription a paid session started (`sub_…`), else null. */
	subscription: string | null;
	payment_status: "unpaid" | "paid";
	status: "open" | "complete" | "expired";
	success_url: string | null;
	url: string | null;
};

/** A Stripe-shaped event for a session change, for tests to sign and post to the webhook. */
export type FakeStripeEvent = {
	id: string;
	object: "event";
	api_version: string;
	created: number;
	livemode: false;
	pending_webhooks: number;
	request: { id: null; idempotency_key: null };
	type: string;
	data: { object: FakeCheckoutSession };
};

/** The running fake. `url` is the API base to give the SDK (`apiBase`). */
export type FakeStripe = {
	url: string;
	port: number;
	requests: FakeStripeRequest[];
	/** Marks an open session paid, as a buyer finishing checkout would; returns its `checkout.session.completed` event. */
	completeSession: (id: string) => FakeStripeEvent;
	/** Expires an open session; returns its `checkout.session.expired` event. */
	expireSession: (id: string) => FakeStripeEvent;
	close: () => Promise<void>;
};

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
type PaymentIntent = { id: string; charge: string; amount: number; currency: string; refunded: number; metadata: Record<string, string> };
type Stored = { fingerprint: string; reply: Reply };
type State = {
	port: number;
	sessions: Map<string, FakeCheckoutSession>;
	intentMetadata: Map<string, Record<string, string>>;
	intents: Map<string, PaymentIntent>;
	idempotency: Map<string, Stored>;
	requests: FakeStripeRequest[];
	/** Subscriptions canceled through `DELETE /v1/subscriptions/:id`. */
	canceled: Set<string>;
};

const API_VERSION = "2025-11-17.clover";
// Stripe accepts expires_at from 30 minutes to 24 hours after creation.
const MIN_EXPIRY_SECONDS = 30 * 60;
const MAX_EXPIRY_SECONDS = 24 * 60 * 60;

const nowSeconds = () => Math.floor(Date.now() / 1000);
const newId = (prefix: string) => `${prefix}_${randomUUID().replaceAll("-", "")}`;

/** A request Stripe refuses, with its error JSON and the parameter at fault. */
class StripeParamError extends Error {
	readonly param: string | undefined;
	readonly status: number;
	readonly code: string | undefined;
	constructor(message: string, param?: string, status = 400, code?: string) {
		super(message);
		this.param = param;
		this.status = status;
		this.code = code;
	}
}

function stripeError(status: number, message: string, extra: Record<string, unknown> = {}, type = "invalid_request_error"): Reply {
	return { status, body: { error: { type, message, ...extra } } };
}

// --- form bodies -------------------------------------------------------------------------------

type Tree = { [key: string]: string | Tree };

/** `line_items[0][price_data][currency]` → ["line_items", "0", "price_data", "currency"], or null. */
function keySegments(key: string): string[] | null {
	const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
	if (!match?.[1]) return null;
	return [match[1], ...Array.from((match[2] ?? "").matchAll(/\[([^[\]]*)\]/g), (m) => m[1] ?? "")];
}

function insert(tree: Tree, segments: string[], value: string): boolean {
	let node = tree;
	for (const [index, raw] of segments.entries()) {
		// `key[]` appends, as qs does.
		const segment = raw === "" ? String(Object.keys(node).length) : raw;
		if (index === segments.length - 1) {
			if (segment in node) return false;
			node[segment] = value;
			return true;
		}
		const child = node[segment] ?? {};
		if (typeof child === "string") return false;
		node[segment] = child;
		node = child;
	}
	return false;
}

/** Objects keyed 0..n-1 become arrays, as Stripe reads `arr[0]`, `arr[1]`. */
function toFormValue(node: string | Tree): FormValue {
	if (typeof node === "string") return node;
	const keys = Object.keys(node);
	const indexes = keys.map(Number).sort((a, b) => a - b);
	const isArray = keys.length > 0 && keys.every((key) => /^\d+$/.test(key)) && indexes.every((n, i) => n === i);
	if (isArray) return indexes.map((i) => toFormValue(node[String(i)] ?? ""));
	const out: FormObject = {};
	for (const key of keys) out[key] = toFormValue(node[key] ?? "");
	return out;
}

/** Parses an `application/x-www-form-urlencoded` body in bracket notation; throws on a bad or repeated key. */
export function parseStripeForm(body: string): FormObject {
	const tree: Tree = {};
	for (const [key, value] of new URLSearchParams(body)) {
		const segments = keySegments(key);
		if (!segments || !insert(tree, segments, value)) throw new StripeParamError(`Invalid parameter name: ${key}`, key);
	}
	const value = toFormValue(tree);
	return typeof value === "object" && !Array.isArray(value) ? value : {};
}

/** JSON with sorted keys, so the same parameters in another order compare equal (as Stripe compares them). */
function canonicalJson(value: FormValue): string {
	if (typeof value === "string") return JSON.stringify(value);
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
	return `{${Object.keys(value)
		.sort()
		.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? "")}`)
		.join(",")}}`;
}

// --- parameter readers ---------------------------------------------------------------------------

function rejectUnknown(params: FormObject, allowed: string[], prefix: string): void {
	for (const key of Object.keys(params)) {
		if (!allowed.includes(key))
			throw new StripeParamError(`Received unknown parameter: ${prefix ? `${prefix}[${key}]` : key}`, prefix ? `${prefix}[${key}]` : key);
	}
}

function optionalString(params: FormObject, key: string, param = key): string | undefined {
	const value = params[key];
	if (value === undefined) return undefined;
	if (typeof value !== "string") throw new StripeParamError(`Invalid string: ${param}`, param);
	return value;
}

function requiredString(params: FormObject, key: string, param = key): string {
	const value = optionalString(params, key, param);
	if (!value) throw new StripeParamError(`Missing required param: ${param}.`, param);
	return value;
}

function optionalInteger(params: FormObject, key: string, param = key): number | undefined {
	const value = optionalString(params, key, param);
	if (value === undefined) return undefined;
	if (!/^-?\d+$/.test(value)) throw new StripeParamError(`Invalid integer: ${value}`, param);
	return Number(value);
}

function requiredInteger(params: FormObject, key: string, param = key): number {
	const value = optionalInteger(params, key, param);
	if (value === undefined) throw new StripeParamError(`Missing required param: ${param}.`, param);
	return value;
}

function optionalObject(params: FormObject, key: string, param = key): FormObject | undefined {
	const value = params[key];
	if (value === undefined) return undefined;
	if (typeof value !== "object" || Array.isArray(value)) throw new StripeParamError(`Invalid object: ${param}`, param);
	return value;
}

function metadataParam(params: FormObject, key: string, param = key): Record<string, string> {
	const value = optionalObject(params, key, param) ?? {};
	const out: Record<string, string> = {};
	for (const [name, entry] of Object.entries(value)) {
		if (typeof entry !== "string") throw new StripeParamError(`Invalid metadata value: ${param}[${name}]`, `${param}[${name}]`);
		out[name] = entry;
	}
	return out;
}

function urlParam(params: FormObject, key: string): string | null {
	const value = optionalString(params, key);
	if (value === undefined) return null;
	if (!URL.canParse(value)) throw new StripeParamError("Not a valid URL", key);
	return value;
}

// --- checkout sessions ---------------------------------------------------------------------------

type Line = { amount: number; currency: string };

function lineItem(item: FormValue, index: number): Line {
	const param = `line_items[${index}]`;
	if (typeof item !== "object" || Array.isArray(item)) throw new StripeParamError(`Invalid object: ${param}`, param);
	rejectUnknown(item, ["quantity", "price", "price_data"], param);
	if (item.price !== undefined) throw new StripeParamError(`No such price: '${String(item.price)}'`, `${param}[price]`, 400, "resource_missing");
	const priceData = optionalObject(item, "price_data", `${param}[price_data]`);
	if (!priceData) throw new StripeParamError(`You must specify either \`price\` or \`price_data\` in \`${param}\`.`, param);
	rejectUnknown(priceData, ["currency", "unit_amount", "product_data", "recurring"], `${param}[price_data]`);
	const recurring = optionalObject(priceData, "recurring", `${param}[price_data][recurring]`);
	if (recurring && !["day", "week", "month", "year"].includes(requiredString(recurring, "interval", `${param}[price_data][recurring][interval]`)))
		throw new StripeParamError("Invalid interval", `${param}[price_data][recurring][interval]`);
	const currency = requiredString(priceData, "currency", `${param}[price_data][currency]`);
	if (!/^[a-zA-Z]{3}$/.test(currency)) throw new StripeParamError(`Invalid currency: ${currency}`, `${param}[price_data][currency]`);
	const unitAmount = requiredInteger(priceData, "unit_amount", `${param}[price_data][unit_amount]`);
	if (unitAmount < 0) throw new StripeParamError("This value must be greater than or equal to 0.", `${param}[price_data][unit_amount]`);
	const product = optionalObject(priceData, "product_data", `${param}[price_data][product_data]`);
	if (!product) throw new StripeParamError(`Missing required param: ${param}[price_data][product_data].`, `${param}[price_data][product_data]`);
	rejectUnknown(product, ["name", "description"], `${param}[price_data][product_data]`);
	requiredString(product, "name", `${param}[price_data][product_data][name]`);
	const quantity = optionalInteger(item, "quantity", `${param}[quantity]`);
	if (quantity === undefined) throw new StripeParamError(`Quantity is required. Add \`quantity\` to \`${param}\``, `${param}[quantity]`);
	if (quantity < 1) throw new StripeParamError("This value must be greater than or equal to 1.", `${param}[quantity]`);
	return { amount: unitAmount * quantity, currency: currency.toLowerCase() };
}

function lineItems(params: FormObject): Line[] {
	const items = params.line_items;
	if (items === undefined) throw new StripeParamError("Missing required param: line_items.", "line_items");
	if (!Array.isArray(items) || items.length === 0) throw new StripeParamError("Invalid array", "line_items");
	const lines = items.map(lineItem);
	const currency = lines[0]?.currency;
	if (lines.some((line) => line.currency !== currency)) throw new StripeParamError("All line items must have the same currency.", "line_items");
	return lines;
}

function expiresAt(params: FormObject, created: number): number {
	const value = optionalInteger(params, "expires_at");
	if (value === undefined) return created + MAX_EXPIRY_SECONDS;
	if (value < created + MIN_EXPIRY_SECONDS)
		throw new StripeParamError("The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.", "expires_at");
	if (value > created + MAX_EXPIRY_SECONDS)
		throw new StripeParamError("The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.", "expires_at");
	return value;
}

function customerEmail(params: FormObject): string | null {
	const email = optionalString(params, "customer_email");
	if (email === undefined) return null;
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new StripeParamError(`Invalid email address: ${email}`, "customer_email");
	return email;
}

function createSession(state: State, params: FormObject): Reply {
	rejectUnknown(
		params,
		[
			"mode",
			"line_items",
			"customer_email",
			"client_reference_id",
			"metadata",
			"success_url",
			"cancel_url",
			"expires_at",
			"payment_intent_data",
			"subscription_data",
			"expand",
		],
		"",
	);
	const mode = requiredString(params, "mode");
	if (mode !== "payment" && mode !== "subscription")
		throw new StripeParamError(`Invalid mode: the fake supports "payment" and "subscription", got ${mode}`, "mode");
	// As Stripe: payment_intent_data only in payment mode, subscription_data only in subscription mode.
	if (mode === "subscription" && params.payment_intent_data !== undefined)
		throw new StripeParamError("You can not pass `payment_intent_data` in `subscription` mode.", "payment_intent_data");
	if (mode === "payment" && params.subscription_data !== undefined)
		throw new StripeParamError("You can not pass `subscription_data` in `payment` mode.", "subscription_data");
	const lines = lineItems(params);
	const clientReferenceId = optionalString(params, "client_reference_id") ?? null;
	if (clientReferenceId && clientReferenceId.length > 200)
		throw new StripeParamError("Invalid client_reference_id: must be at most 200 characters", "client_reference_id");
	const intentData = optionalObject(params, "payment_intent_data") ?? {};
	rejectUnknown(intentData, ["metadata"], "payment_intent_data");
	const created = nowSeconds();
	const amount = lines.reduce((sum, line) => sum + line.amount, 0);
	const id = newId("cs_test");
	const session: FakeCheckoutSession = {
		id,
		object: "checkout.session",
		amount_subtotal: amount,
		amount_total: amount,
		cancel_url: urlParam(params, "cancel_url"),
		client_reference_id: clientReferenceId,
		created,
		currency: lines[0]?.currency ?? "usd",
		customer_email: customerEmail(params),
		expires_at: expiresAt(params, created),
		livemode: false,
		metadata: metadataParam(params, "metadata"),
		mode,
		payment_intent: null,
		subscription: null,
		payment_status: "unpaid",
		status: "open",
		success_url: urlParam(params, "success_url"),
		url: `http://127.0.0.1:${state.port}/pay/${id}`,
	};
	state.sessions.set(id, session);
	state.intentMetadata.set(id, metadataParam(intentData, "metadata", "payment_intent_data[metadata]"));
	return { status: 200, body: session };
}

/** The session as Stripe would show it now: past `expires_at`, an open session has expired. */
function currentSession(state: State, id: string): FakeCheckoutSession | undefined {
	const session = state.sessions.get(id);
	if (session?.status === "open" && session.expires_at <= nowSeconds()) {
		session.status = "expired";
		session.url = null;
	}
	return session;
}

function retrieveSession(state: State, id: string): Reply {
	const session = currentSession(state, id);
	if (!session) return stripeError(404, `No such checkout.session: '${id}'`, { code: "resource_missing", param: "session" });
	return { status: 200, body: session };
}

function sessionEvent(type: string, session: FakeCheckoutSession): FakeStripeEvent {
	return {
		id: newId("evt_test"),
		object: "event",
		api_version: API_VERSION,
		created: nowSeconds(),
		livemode: false,
		pending_webhooks: 1,
		request: { id: null, idempotency_key: null },
		type,
		data: { object: structuredClone(session) },
	};
}

function openSession(state: State, id: string): FakeCheckoutSession {
	const session = currentSession(state, id);
	if (!session) throw new StripeParamError(`No such checkout.session: '${id}'`, "session", 404, "resource_missing");
	if (session.status !== "open") throw new StripeParamError(`Checkout session ${id} is ${session.status}, not open`, "session");
	return session;
}

function completeSession(state: State, id: string): FakeStripeEvent {
	const session = openSession(state, id);
	const intent: PaymentIntent = {
		id: newId("pi_test"),
		charge: newId("ch_test"),
		amount: session.amount_total,
		currency: session.currency,
		refunded: 0,
		metadata: state.intentMetadata.get(id) ?? {},
	};
	state.intents.set(intent.id, intent);
	// A subscription's payment is its first invoice's: the session itself names the subscription, not the intent.
	if (session.mode === "subscription") Object.assign(session, { payment_status: "paid", status: "complete", subscription: newId("sub_test"), url: null });
	else Object.assign(session, { payment_status: "paid", status: "complete", payment_intent: intent.id, url: null });
	return sessionEvent("checkout.session.completed", session);
}

function expireSession(state: State, id: string): FakeStripeEvent {
	const session = openSession(state, id);
	Object.assign(session, { status: "expired", url: null });
	return sessionEvent("checkout.session.expired", session);
}

// --- refunds -------------------------------------------------------------------------------------

function createRefund(state: State, params: FormObject): Reply {
	rejectUnknown(params, ["payment_intent", "amount", "reason", "metadata", "expand"], "");
	const intentId = optionalString(params, "payment_intent");
	if (!intentId) throw new StripeParamError("One of the following params should be provided for this request: payment_intent or charge.", "payment_intent");
	const intent = state.intents.get(intentId);
	if (!intent) throw new StripeParamError(`No such payment_intent: '${intentId}'`, "payment_intent", 400, "resource_missing");
	const left = intent.amount - intent.refunded;
	if (left === 0) throw new StripeParamError(`Charge ${intent.charge} has already been refunded.`, undefined, 400, "charge_already_refunded");
	const amount = optionalInteger(params, "amount") ?? left;
	if (amount < 1) throw new StripeParamError("This value must be greater than or equal to 1.", "amount");
	if (amount > left) throw new StripeParamError(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, "amount");
	intent.refunded += amount;
	return {
		status: 200,
		body: {
			id: newId("re_test"),
			object: "refund",
			amount,
			charge: intent.charge,
			created: nowSeconds(),
			currency: intent.currency,
			metadata: metadataParam(params, "metadata"),
			payment_intent: intent.id,
			reason: optionalString(params, "reason") ?? null,
			status: "succeeded",
		},
	};
}

// --- HTTP ----------------------------------------------------------------------------------------

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString("utf8");
}

function bearerKey(req: IncomingMessage): string | null {
	const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "");
	return match?.[1] ?? null;
}

const MISSING_KEY_MESSAGE =
	"You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').";

// Any test-mode secret key is accepted, so each caller can use its own.
const TEST_KEY = /^sk_test_\w+$/;

function route(state: State, method: string, path: string, params: FormObject): Reply {
	if (method === "POST" && path === "/v1/checkout/sessions") return createSession(state, params);
	const session = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
	if (method === "GET" && session?.[1]) return retrieveSession(state, decodeURIComponent(session[1]));
	if (method === "POST" && path === "/v1/refunds") return createRefund(state, params);
	const subscription = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
	if (method === "DELETE" && subscription?.[1]) return cancelSubscription(state, decodeURIComponent(subscription[1]));
	return stripeError(404, `Unrecognized request URL (${method}: ${path}).`);
}

/** `DELETE /v1/subscriptions/:id`, as Stripe answers it: unknown → 404, already canceled → 400, else the canceled subscription. */
function cancelSubscription(state: State, id: string): Reply {
	const known = [...state.sessions.values()].some((session) => session.subscription === id);
	if (!known) return stripeError(404, `No such subscription: '${id}'`, { code: "resource_missing", param: "id" });
	if (state.canceled.has(id)) return stripeError(400, "A canceled subscription can only update its cancellation_details and metadata.");
	state.canceled.add(id);
	return { status: 200, body: { id, object: "subscription", status: "canceled", canceled_at: Math.floor(Date.now() / 1000) } };
}

function runRoute(state: State, method: string, path: string, params: FormObject): Reply {
	try {
		return route(state, method, path, params);
	} catch (err) {
		if (!(err instanceof StripeParamError)) throw err;
		return stripeError(err.status, err.message, { param: err.param, code: err.code });
	}
}

/** Replays a stored answer for a reused key, refuses a reused key with other parameters, or runs the request. */
function withIdempotency(state: State, apiKey: string, idempotencyKey: string | null, fingerprint: string, run: () => Reply): Reply {
	if (idempotencyKey === null) return run();
	// Keys are scoped per account (here: per API key), as Stripe scopes them.
	const scope = `${apiKey}\n${idempotencyKey}`;
	const stored = state.idempotency.get(scope);
	if (stored && stored.fingerprint !== fingerprint)
		return stripeError(
			400,
			`Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
			{},
			"idempotency_error",
		);
	if (stored) return { ...stored.reply, headers: { "Idempotent-Replayed": "true" } };
	const reply = run();
	// Stripe saves only requests whose execution began: a validation failure may be retried with the same key.
	// A snapshot: a replay shows the object as it was then, not as it is now.
	if (reply.status < 400) state.idempotency.set(scope, { fingerprint, reply: structuredClone(reply) });
	return reply;
}

async function handleApi(state: State, req: IncomingMessage, method: string, path: string): Promise<Reply> {
	const body = await readBody(req);
	const apiKey = bearerKey(req);
	const idempotencyKey = method === "POST" ? (req.headers["idempotency-key"]?.toString() ?? null) : null;
	const record: FakeStripeRequest = { method, path, apiKey, idempotencyKey, params: {}, status: 0 };
	state.requests.push(record);
	const reply = answerApi(state, req, body, record);
	record.status = reply.status;
	return reply;
}

function answerApi(state: State, req: IncomingMessage, body: string, record: FakeStripeRequest): Reply {
	const apiKey = record.apiKey;
	if (apiKey === null) return stripeError(401, MISSING_KEY_MESSAGE);
	if (!TEST_KEY.test(apiKey)) return stripeError(401, `Invalid API Key provided: ${apiKey.slice(0, 8)}****${apiKey.slice(-4)}`);
	const contentType = req.headers["content-type"] ?? "";
	if (body && !contentType.startsWith("application/x-www-form-urlencoded"))
		return stripeError(400, "Invalid request (check that your POST content type is application/x-www-form-urlencoded).");
	try {
		record.params = parseStripeForm(body);
	} catch (err) {
		return stripeError(400, err instanceof Error ? err.message : String(err));
	}
	const fingerprint = `${record.method} ${record.path} ${canonicalJson(record.params)}`;
	return withIdempotency(state, apiKey, record.idempotencyKey, fingerprint, () => runRoute(state, record.method, record.path, record.params));
}

function handleControl(state: State, method: string, path: string): Reply {
	if (method === "GET" && path === "/__control/requests") return { status: 200, body: state.requests };
	const match = /^\/__control\/(complete|expire)\/([^/]+)$/.exec(path);
	if (method !== "POST" || !match?.[2]) return { status: 404, body: { error: { message: `no control ${method} ${path}` } } };
	const id = decodeURIComponent(match[2]);
	try {
		return { status: 200, body: match[1] === "complete" ? completeSession(state, id) : expireSession(state, id) };
	} catch (err) {
		if (!(err instanceof StripeParamError)) throw err;
		return stripeError(err.status, err.message);
	}
}

function payPage(state: State, id: string): Reply {
	const session = currentSession(state, id);
	if (!session) return { status: 404, body: "no such session" };
	const total = `${(session.amount_total / 100).toFixed(2)} ${session.currency.toUpperCase()}`;
	return { status: 200, body: `<!doctype html><title>Fake Stripe Checkout</title><h1>Pay ${total}</h1><p>Session ${session.id}: ${session.status}</p>` };
}

function send(res: ServerResponse, reply: Reply): void {
	const isHtml = typeof reply.body === "string";
	res.writeHead(reply.status, {
		"Content-Type": isHtml ? "text/html; charset=utf-8" : "application/json",
		"Request-Id": newId("req"),
		"Stripe-Version": API_VERSION,
		...reply.headers,
	});
	res.end(isHtml ? reply.body : JSON.stringify(reply.body));
}

async function handle(state: State, req: IncomingMessage): Promise<Reply> {
	const method = req.method ?? "GET";
	const path = new URL(req.url ?? "/", "http://fake").pathname;
	if (path.startsWith("/v1/")) return handleApi(state, req, method, path);
	if (path.startsWith("/__control/")) return handleControl(state, method, path);
	const pay = /^\/pay\/([^/]+)$/.exec(path);
	if (method === "GET" && pay?.[1]) return payPage(state, decodeURIComponent(pay[1]));
	return stripeError(404, `Unrecognized request URL (${method}: ${path}).`);
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeStripe(): Promise<FakeStripe> {
	const state: State = {
		port: 0,
		sessions: new Map(),
		intentMetadata: new Map(),
		intents: new Map(),
		idempotency: new Map(),
		requests: [],
		canceled: new Set(),
	};
	const server: Server = createServer((req, res) => {
		handle(state, req).then(
			(reply) => send(res, reply),
			(err: unknown) => send(res, stripeError(500, `fake Stripe failed: ${err instanceof Error ? err.message : String(err)}`, {}, "api_error")),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	state.port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${state.port}`,
		port: state.port,
		requests: state.requests,
		completeSession: (id) => completeSession(state, id),
		expireSession: (id) => expireSession(state, id),
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
