import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fake of the parts of PortOne's V2 API the shop uses, speaking its protocol: JSON bodies,
 * `Authorization: PortOne <API secret>` (401 `UNAUTHORIZED` otherwise), PortOne's error shape
 * `{type, message}`, the `currentCancellableAmount` check on cancel. Webhooks are signed as PortOne signs
 * them (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature` =
 * `v1,<base64 HMAC-SHA256("<id>.<timestamp>.<body>")>` under the base64 key of `whsec_…`).
 *
 * Test control (no auth) under `/__control/`:
 * - `POST /__control/payments/:id/pay|fail|cancel` (JSON `{reason?, amount?, deliverTo?}`):
 *   changes the payment as the buyer or PortOne's console would, and answers
 *   `{payment, webhook: {headers, body}}`, the signed `Transaction.Paid|Failed|Cancelled|
 *   PartialCancelled` delivery; with `deliverTo` it is also POSTed there.
 * - `GET /__control/requests`: the API requests received (method, path, authorized, body).
 */

/** The identity the fake accepts: the store's API secret, store id, channel key and webhook secret. */
export type FakePortOneSettings = { apiSecret: string; storeId: string; channelKey: string; webhookSecret: string };

/** One API request as the fake received it. */
export type FakePortOneRequest = { method: string; path: string; authorized: boolean; body: unknown; status: number };

type Payment = {
	id: string;
	transactionId: string;
	storeId: string;
	status: "READY" | "PAID" | "FAILED" | "PARTIAL_CANCELLED" | "CANCELLED";
	orderName: string;
	currency: string;
	amount: { total: number; taxFree: number; paid: number; cancelled: number };
	requestedAt: string;
	updatedAt: string;
	statusChangedAt: string;
	paidAt?: string;
	failedAt?: string;
	cancelledAt?: string;
	failure?: { reason: string; pgCode: string; pgMessage: string };
	cancellations: { id: string; status: "SUCCEEDED"; totalAmount: number; reason: string; cancelledAt: string }[];
};

type Reply = { status: number; body: unknown };
type State = {
	settings: FakePortOneSettings;
	payments: Map<string, Payment>;
	requests: FakePortOneRequest[];
};

/** The running fake. */
export type FakePortOne = { url: string; requests: FakePortOneRequest[]; close: () => Promise<void> };

const portoneError = (status: number, type: string, message: string): Reply => ({ status, body: { type, message } });
const iso = () => new Date().toISOString();

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, reply: Reply): void {
	res.writeHead(reply.status, { "Content-Type": "application/json" });
	res.end(JSON.stringify(reply.body));
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The Standard Webhooks signature of a delivery, as PortOne computes it. */
export function signPortOneWebhook(secret: string, id: string, timestampS: number, body: string): string {
	const key = secret.startsWith("whsec_") ? Buffer.from(secret.slice("whsec_".length), "base64") : Buffer.from(secret, "utf8");
	return `v1,${createHmac("sha256", key).update(`${id}.${timestampS}.${body}`).digest("base64")}`;
}

function webhookFor(state: State, type: string, payment: Payment, cancellationId?: string) {
	const body = JSON.stringify({
		type,
		timestamp: iso(),
		data: { paymentId: payment.id, storeId: payment.storeId, transactionId: payment.transactionId, ...(cancellationId ? { cancellationId } : {}) },
	});
	const id = `msg_${randomUUID().replaceAll("-", "")}`;
	const timestamp = Math.floor(Date.now() / 1000);
	return {
		headers: {
			"webhook-id": id,
			"webhook-timestamp": String(timestamp),
			"webhook-signature": signPortOneWebhook(state.settings.webhookSecret, id, timestamp, body),
		},
		body,
	};
}

function cancel(payment: Payment, amount: number | undefined, reason: string): Reply {
	if (payment.status !== "PAID" && payment.status !== "PARTIAL_CANCELLED") return portoneError(409, "PAYMENT_NOT_PAID", "결제가 완료되지 않았습니다.");
	const cancellable = payment.amount.paid - payment.amount.cancelled;
	const total = amount ?? cancellable;
	if (!Number.isInteger(total) || total <= 0) return portoneError(400, "INVALID_REQUEST", "amount must be a positive integer");
	if (total > cancellable) return portoneError(409, "CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT", "취소 금액이 취소 가능 금액을 초과합니다.");
	const now = iso();
	const cancellation = { id: `cancel_${randomUUID().replaceAll("-", "")}`, status: "SUCCEEDED" as const, totalAmount: total, reason, cancelledAt: now };
	payment.cancellations.push(cancellation);
	payment.amount.cancelled += total;
	payment.status = payment.amount.cancelled >= payment.amount.paid ? "CANCELLED" : "PARTIAL_CANCELLED";
	payment.cancelledAt = now;
	payment.updatedAt = now;
	payment.statusChangedAt = now;
	return { status: 200, body: { cancellation: { ...cancellation, requestedAt: now } } };
}

async function control(state: State, action: string, payment: Payment, params: Record<string, unknown>) {
	const now = iso();
	let type: string;
	let cancellationId: string | undefined;
	if (action === "pay") {
		if (payment.status !== "READY" && payment.status !== "FAILED") return portoneError(409, "ALREADY_PAID", "이미 결제된 건입니다.");
		payment.status = "PAID";
		payment.transactionId = randomUUID();
		payment.amount.paid = typeof params.amount === "number" ? params.amount : payment.amount.total;
		payment.paidAt = now;
		type = "Transaction.Paid";
	} else if (action === "fail") {
		if (payment.status !== "READY" && payment.status !== "FAILED") return portoneError(409, "ALREADY_PAID", "이미 결제된 건입니다.");
		payment.status = "FAILED";
		payment.transactionId = randomUUID();
		payment.failedAt = now;
		payment.failure = { reason: typeof params.reason === "string" ? params.reason : "카드 한도 초과", pgCode: "F113", pgMessage: "한도초과" };
		type = "Transaction.Failed";
	} else if (action === "cancel") {
		const reply = cancel(payment, typeof params.amount === "number" ? params.amount : undefined, typeof params.reason === "string" ? params.reason : "console");
		if (reply.status !== 200) return reply;
		cancellationId = payment.cancellations.at(-1)?.id;
		type = payment.status === "CANCELLED" ? "Transaction.Cancelled" : "Transaction.PartialCancelled";
	} else return portoneError(404, "NOT_FOUND", `no control action ${action}`);
	payment.updatedAt = now;
	payment.statusChangedAt = now;
	const webhook = webhookFor(state, type, payment, cancellationId);
	if (typeof params.deliverTo === "string") {
		await fetch(params.deliverTo, { method: "POST", headers: { "Content-Type": "application/json", ...webhook.headers }, body: webhook.body });
	}
	return { status: 200, body: { payment, webhook } };
}

async function handle(state: State, req: IncomingMessage): Promise<Reply> {
	const url = new URL(req.url ?? "/", "http://fake");
	const method = req.method ?? "GET";
	const raw = await readBody(req);
	let body: unknown = null;
	if (raw) {
		try {
			body = JSON.parse(raw);
		} catch {
			return portoneError(400, "INVALID_REQUEST", "body is not JSON");
		}
	}
	const controlMatch = /^\/__control\/payments\/([^/]+)\/(pay|fail|cancel)$/.exec(url.pathname);
	if (controlMatch && method === "POST") {
		const payment = state.payments.get(decodeURIComponent(controlMatch[1] ?? ""));
		if (!payment) return portoneError(404, "PAYMENT_NOT_FOUND", "결제 건이 존재하지 않습니다.");
		return control(state, controlMatch[2] ?? "", payment, isRecord(body) ? body : {});
	}
	if (url.pathname === "/__control/requests" && method === "GET") return { status: 200, body: state.requests };

	const authorized = req.headers.authorization === `PortOne ${state.settings.apiSecret}`;
	const record = (reply: Reply): Reply => {
		state.requests.push({ method, path: url.pathname + url.search, authorized, body, status: reply.status });
		return reply;
	};
	if (!authorized) return record(portoneError(401, "UNAUTHORIZED", "인증 정보가 올바르지 않습니다."));

	const match = /^\/payments\/([^/]+)(\/pre-register|\/cancel)?$/.exec(url.pathname);
	if (!match) return record(portoneError(404, "NOT_FOUND", `no route ${method} ${url.pathname}`));
	const paymentId = decodeURIComponent(match[1] ?? "");
	const action = match[2] ?? "";
	const payment = state.payments.get(paymentId);
	const params = isRecord(body) ? body : {};
	const storeId = action === "" ? url.searchParams.get("storeId") : params.storeId;
	if (storeId !== undefined && storeId !== null && storeId !== state.settings.storeId)
		return record(portoneError(403, "FORBIDDEN", "상점 아이디가 올바르지 않습니다."));

	if (method === "POST" && action === "/pre-register") {
		const { totalAmount, currency } = params;
		if (typeof totalAmount !== "number" || !Number.isInteger(totalAmount) || totalAmount <= 0 || typeof currency !== "string")
			return record(portoneError(400, "INVALID_REQUEST", "totalAmount and currency are required"));
		if (payment && payment.status !== "READY" && payment.status !== "FAILED") return record(portoneError(409, "ALREADY_PAID", "이미 결제된 건입니다."));
		const now = iso();
		state.payments.set(paymentId, {
			id: paymentId,
			transactionId: randomUUID(),
			storeId: state.settings.storeId,
			status: "READY",
			orderName: "",
			currency,
			amount: { total: totalAmount, taxFree: 0, paid: 0, cancelled: 0 },
			requestedAt: now,
			updatedAt: now,
			statusChangedAt: now,
			cancellations: [],
		});
		return record({ status: 200, body: {} });
	}
	if (!payment) return record(portoneError(404, "PAYMENT_NOT_FOUND", "결제 건이 존재하지 않습니다."));
	if (method === "GET" && action === "") return record({ status: 200, body: payment });
	if (method === "POST" && action === "/cancel") {
		if (typeof params.reason !== "string" || params.reason === "") return record(portoneError(400, "INVALID_REQUEST", "reason is required"));
		const amount = params.amount;
		if (amount !== undefined && typeof amount !== "number") return record(portoneError(400, "INVALID_REQUEST", "amount must be a number"));
		const current = params.currentCancellableAmount;
		if (current !== undefined && current !== payment.amount.paid - payment.amount.cancelled) {
			return record(portoneError(409, "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN", "취소 가능 잔액 검증에 실패했습니다."));
		}
		const reply = cancel(payment, amount, params.reason);
		return record(reply);
	}
	return record(portoneError(404, "NOT_FOUND", `no route ${method} ${url.pathname}`));
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakePortOne(settings: FakePortOneSettings): Promise<FakePortOne> {
	const state: State = { settings, payments: new Map(), requests: [] };
	const server: Server = createServer((req, res) => {
		handle(state, req).then(
			(reply) => send(res, reply),
			(err: unknown) => send(res, portoneError(500, "INTERNAL", `fake PortOne failed: ${err instanceof Error ? err.message : String(err)}`)),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}`, requests: state.requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
