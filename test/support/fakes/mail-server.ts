import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fake of Resend's `POST /emails`: Bearer `re_...` keys (401 missing, 403 invalid), JSON
 * validation with Resend's error shape `{ statusCode, message, name }`, `Idempotency-Key` replay.
 * `GET /__sent` (optionally `?to=address`) lists accepted mails, for tests running in workerd.
 */

/** A mail the fake accepted. */
export type SentMail = {
	id: string;
	from: string;
	to: string[];
	subject: string;
	html: string | null;
	text: string | null;
	idempotencyKey: string | null;
	receivedAt: string;
};

/** The running fake. `url` is the API base (`MAIL_API_URL`); mails go to `${url}/emails`. */
export type FakeMail = { url: string; port: number; sent: SentMail[]; close: () => Promise<void> };

type Reply = { status: number; body: unknown };
type State = { sent: SentMail[]; idempotency: Map<string, { payload: string; reply: Reply }> };

// Any key shaped like Resend's is accepted, so each caller can use its own.
const VALID_KEY = /^re_\w+$/;
const ADDRESS = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;
const MAX_RECIPIENTS = 50;

function resendError(statusCode: number, name: string, message: string): Reply {
	return { status: statusCode, body: { statusCode, name, message } };
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString("utf8");
}

function optionalText(value: unknown): string | null {
	return typeof value === "string" ? value : null;
}

/** The mail of a request body, or Resend's error for it. */
function parseMail(payload: string, idempotencyKey: string | null): SentMail | Reply {
	let body: unknown;
	try {
		body = JSON.parse(payload);
	} catch {
		return resendError(400, "validation_error", "Invalid JSON body");
	}
	if (typeof body !== "object" || body === null) return resendError(400, "validation_error", "The body must be a JSON object");
	const fields = body as Record<string, unknown>;
	for (const field of ["from", "to", "subject"]) {
		if (fields[field] === undefined || fields[field] === "") return resendError(422, "missing_required_field", `Missing \`${field}\` field.`);
	}
	const to = typeof fields.to === "string" ? [fields.to] : fields.to;
	if (!Array.isArray(to) || to.length === 0 || to.length > MAX_RECIPIENTS || !to.every((address) => typeof address === "string" && ADDRESS.test(address)))
		return resendError(
			422,
			"validation_error",
			"Invalid `to` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.",
		);
	if (typeof fields.from !== "string" || !ADDRESS.test(fields.from))
		return resendError(
			422,
			"validation_error",
			"Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.",
		);
	if (typeof fields.subject !== "string") return resendError(422, "validation_error", "Invalid `subject` field.");
	const html = optionalText(fields.html);
	const text = optionalText(fields.text);
	if (html === null && text === null) return resendError(422, "missing_required_field", "Missing `html` or `text` field.");
	return { id: randomUUID(), from: fields.from, to, subject: fields.subject, html, text, idempotencyKey, receivedAt: new Date().toISOString() };
}

function sendEmail(state: State, apiKey: string, payload: string, idempotencyKey: string | null): Reply {
	if (idempotencyKey === null) return acceptMail(state, payload, null);
	if (idempotencyKey.length < 1 || idempotencyKey.length > 256) return resendError(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
	// Keys are scoped per account (here: per API key).
	const scope = `${apiKey}\n${idempotencyKey}`;
	const stored = state.idempotency.get(scope);
	if (stored && stored.payload !== payload)
		return resendError(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload.");
	// The same key and payload answer as the first time, and the mail is not sent again.
	if (stored) return stored.reply;
	const reply = acceptMail(state, payload, idempotencyKey);
	if (reply.status === 200) state.idempotency.set(scope, { payload, reply });
	return reply;
}

function acceptMail(state: State, payload: string, idempotencyKey: string | null): Reply {
	const mail = parseMail(payload, idempotencyKey);
	if ("status" in mail) return mail;
	state.sent.push(mail);
	return { status: 200, body: { id: mail.id } };
}

async function handle(state: State, req: IncomingMessage): Promise<Reply> {
	const url = new URL(req.url ?? "/", "http://fake");
	if (req.method === "GET" && url.pathname === "/__sent") {
		const to = url.searchParams.get("to");
		return { status: 200, body: to ? state.sent.filter((mail) => mail.to.includes(to)) : state.sent };
	}
	if (req.method !== "POST" || url.pathname !== "/emails") return resendError(404, "not_found", "The requested endpoint does not exist.");
	const payload = await readBody(req);
	const apiKey = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
	if (!apiKey) return resendError(401, "missing_api_key", "Missing API key in the authorization header");
	if (!VALID_KEY.test(apiKey)) return resendError(403, "invalid_api_key", "API key is invalid");
	if (!(req.headers["content-type"] ?? "").startsWith("application/json")) return resendError(400, "validation_error", "Content-Type must be application/json");
	return sendEmail(state, apiKey, payload, req.headers["idempotency-key"]?.toString() ?? null);
}

function send(res: ServerResponse, reply: Reply): void {
	res.writeHead(reply.status, { "Content-Type": "application/json" });
	res.end(JSON.stringify(reply.body));
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeMail(): Promise<FakeMail> {
	const state: State = { sent: [], idempotency: new Map() };
	const server: Server = createServer((req, res) => {
		handle(state, req).then(
			(reply) => send(res, reply),
			(err: unknown) => send(res, resendError(500, "application_error", err instanceof Error ? err.message : String(err))),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}`, port, sent: state.sent, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
