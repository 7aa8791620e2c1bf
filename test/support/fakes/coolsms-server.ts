import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { COOLSMS_TEST_ACCOUNT } from "./coolsms-credentials.ts";

/**
 * A fake of CoolSMS's messages API v4 `POST /messages/v4/send`, speaking its protocol: the
 * `HMAC-SHA256 apiKey=…, date=…, salt=…, signature=…` header (403 InvalidAPIKey for an unknown
 * key, RequestTimeTooSkewed for a date more than 15 minutes off, SignatureDoesNotMatch,
 * DuplicatedSignature for a signature seen in the last 15 minutes), `{errorCode, errorMessage}`
 * errors, and the single-message answer (`statusCode: "2000"`, ids `G4V…`/`M4V…`).
 *
 * Test control (no auth): `POST /__control/fail` `{count, status?, to?, hangMs?}` makes the next
 * `count` sends (to `to` only, when given, so test files running at once do not share failures)
 * answer `status` (5xx, 500 by default), after `hangMs` when given; `GET /__sent?to=` lists the
 * accepted messages, `GET /__attempts?to=` every send request with its answer.
 */

/** A message the fake accepted. */
export type CoolSmsSent = { messageId: string; groupId: string; to: string; from: string; text: string; receivedAt: string };
/** One send request and what the fake answered. */
export type CoolSmsAttempt = { to: string | null; status: number; errorCode: string | null; receivedAt: string };

type Reply = { status: number; body: unknown };
type Failure = { status: number; to: string | null; hangMs: number };
type State = { sent: CoolSmsSent[]; attempts: CoolSmsAttempt[]; failures: Failure[]; signatures: Map<string, number> };

const SKEW_MS = 15 * 60_000;
const AUTH_HEADER = /^HMAC-SHA256 apiKey=([^,\s]+), date=([^,\s]+), salt=([^,\s]+), signature=([0-9a-f]{64})$/;
const KOREAN_NUMBER = /^0\d{8,10}$/;
// CoolSMS counts Hangul as 2 bytes and allows 2,000 bytes in an LMS.
const MAX_TEXT_BYTES = 2_000;

function coolSmsError(status: number, errorCode: string, errorMessage: string): Reply {
	return { status, body: { errorCode, errorMessage } };
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString("utf8");
}

/** CoolSMS's ids: a prefix, the time (yyyyMMddHHmmss) and 15 random characters. */
function coolSmsId(prefix: "G4V" | "M4V"): string {
	const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
	const random = randomBytes(15)
		.toString("base64")
		.replace(/[^A-Za-z0-9]/g, "A")
		.toUpperCase()
		.slice(0, 15);
	return `${prefix}${stamp}${random}`;
}

/** Checks the Authorization header as CoolSMS does; null when it passes. */
function authProblem(state: State, header: string | undefined): Reply | null {
	const match = AUTH_HEADER.exec(header ?? "");
	if (!match) return coolSmsError(403, "InvalidAuthorization", "Authorization 헤더가 올바르지 않습니다.");
	const [, apiKey, date, salt, signature] = match as unknown as [string, string, string, string, string];
	if (apiKey !== COOLSMS_TEST_ACCOUNT.apiKey) return coolSmsError(403, "InvalidAPIKey", "유효한 API Key가 아닙니다.");
	const at = Date.parse(date);
	if (Number.isNaN(at) || Math.abs(Date.now() - at) > SKEW_MS)
		return coolSmsError(403, "RequestTimeTooSkewed", "요청 시간이 서버 시간과 15분 이상 차이납니다.");
	if (salt.length < 12 || salt.length > 64) return coolSmsError(403, "InvalidAuthorization", "salt는 12~64바이트여야 합니다.");
	const expected = createHmac("sha256", COOLSMS_TEST_ACCOUNT.apiSecret)
		.update(date + salt)
		.digest();
	if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) return coolSmsError(403, "SignatureDoesNotMatch", "Signature가 일치하지 않습니다.");
	for (const [seen, time] of state.signatures) if (Date.now() - time > SKEW_MS) state.signatures.delete(seen);
	if (state.signatures.has(signature)) return coolSmsError(403, "DuplicatedSignature", "15분 안에 같은 signature가 사용되었습니다.");
	state.signatures.set(signature, Date.now());
	return null;
}

type Message = { to: string; from: string; text: string };

function parseMessage(payload: string): Message | Reply {
	let body: unknown;
	try {
		body = JSON.parse(payload);
	} catch {
		return coolSmsError(400, "ValidationError", "JSON 형식이 올바르지 않습니다.");
	}
	const message = typeof body === "object" && body !== null ? (body as { message?: unknown }).message : undefined;
	if (typeof message !== "object" || message === null) return coolSmsError(400, "ValidationError", "message 필드가 필요합니다.");
	const { to, from, text } = message as Record<string, unknown>;
	if (typeof to !== "string" || !KOREAN_NUMBER.test(to)) return coolSmsError(400, "ValidationError", "수신번호 형식이 올바르지 않습니다.");
	if (typeof from !== "string" || from !== COOLSMS_TEST_ACCOUNT.sender) return coolSmsError(400, "ValidationError", "등록되지 않은 발신번호입니다.");
	if (typeof text !== "string" || text.length === 0) return coolSmsError(400, "ValidationError", "메시지 내용이 없습니다.");
	const bytes = [...text].reduce((sum, char) => sum + ((char.codePointAt(0) ?? 0) > 0x7f ? 2 : 1), 0);
	if (bytes > MAX_TEXT_BYTES) return coolSmsError(400, "ValidationError", "메시지 내용이 2,000바이트를 넘습니다.");
	return { to, from, text };
}

function recipientOf(payload: string): string | null {
	try {
		const to = (JSON.parse(payload) as { message?: { to?: unknown } }).message?.to;
		return typeof to === "string" ? to : null;
	} catch {
		return null;
	}
}

async function answerSend(state: State, req: IncomingMessage, payload: string, to: string | null): Promise<Reply> {
	const refused = authProblem(state, req.headers.authorization);
	if (refused) return refused;
	const failureAt = state.failures.findIndex((failure) => failure.to === null || failure.to === to);
	const failure = failureAt >= 0 ? state.failures.splice(failureAt, 1)[0] : undefined;
	if (failure) {
		if (failure.hangMs > 0) await new Promise((resolve) => setTimeout(resolve, failure.hangMs));
		return coolSmsError(failure.status, "InternalError", "일시적인 서버 오류입니다.");
	}
	const message = parseMessage(payload);
	if ("status" in message) return message;
	const sent: CoolSmsSent = { messageId: coolSmsId("M4V"), groupId: coolSmsId("G4V"), ...message, receivedAt: new Date().toISOString() };
	state.sent.push(sent);
	return {
		status: 200,
		body: {
			groupId: sent.groupId,
			to: sent.to,
			from: sent.from,
			type: [...sent.text].some((char) => (char.codePointAt(0) ?? 0) > 0x7f) || sent.text.length > 90 ? "LMS" : "SMS",
			statusMessage: "정상 접수(이통사로 접수 예정) ",
			country: "82",
			messageId: sent.messageId,
			statusCode: "2000",
			accountId: "12925149",
		},
	};
}

async function control(state: State, req: IncomingMessage, url: URL): Promise<Reply> {
	const to = url.searchParams.get("to");
	if (req.method === "GET" && url.pathname === "/__sent") return { status: 200, body: to ? state.sent.filter((m) => m.to === to) : state.sent };
	if (req.method === "GET" && url.pathname === "/__attempts") return { status: 200, body: to ? state.attempts.filter((a) => a.to === to) : state.attempts };
	if (req.method === "POST" && url.pathname === "/__control/fail") {
		const body = JSON.parse(await readBody(req)) as { count?: number; status?: number; to?: string; hangMs?: number };
		const status = body.status ?? 500;
		if (!Number.isInteger(body.count) || (body.count ?? 0) < 1 || status < 500 || status > 599)
			return { status: 400, body: { error: "count >= 1 and a 5xx status" } };
		for (let i = 0; i < (body.count ?? 0); i++) state.failures.push({ status, to: body.to ?? null, hangMs: body.hangMs ?? 0 });
		return { status: 200, body: { queued: state.failures.length } };
	}
	return coolSmsError(404, "NotFound", "존재하지 않는 경로입니다.");
}

async function handle(state: State, req: IncomingMessage): Promise<Reply> {
	const url = new URL(req.url ?? "/", "http://fake");
	if (url.pathname.startsWith("/__")) return control(state, req, url);
	if (req.method !== "POST" || url.pathname !== "/messages/v4/send") return coolSmsError(404, "NotFound", "존재하지 않는 경로입니다.");
	const receivedAt = new Date().toISOString();
	const payload = await readBody(req);
	// The recipient is read before the checks, so refused attempts are listed under it too.
	const to = recipientOf(payload);
	const reply = await answerSend(state, req, payload, to);
	state.attempts.push({
		to,
		status: reply.status,
		errorCode: reply.status === 200 ? null : ((reply.body as { errorCode?: string }).errorCode ?? null),
		receivedAt,
	});
	return reply;
}

function send(res: ServerResponse, reply: Reply): void {
	res.writeHead(reply.status, { "Content-Type": "application/json; charset=utf-8" });
	res.end(JSON.stringify(reply.body));
}

/** The running fake: `url` is the API base (COOLSMS_API_BASE). */
export type FakeCoolSms = { url: string; sent: CoolSmsSent[]; attempts: CoolSmsAttempt[]; close: () => Promise<void> };

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeCoolSms(): Promise<FakeCoolSms> {
	const state: State = { sent: [], attempts: [], failures: [], signatures: new Map() };
	const server: Server = createServer((req, res) => {
		handle(state, req).then(
			(reply) => send(res, reply),
			(err: unknown) => send(res, coolSmsError(500, "InternalError", err instanceof Error ? err.message : String(err))),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}`, sent: state.sent, attempts: state.attempts, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
