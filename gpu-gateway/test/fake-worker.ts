import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sha256Hex } from "../src/hash.ts";
import { verifyWebhook } from "../src/webhooks.ts";
import { SECRET } from "./helpers.ts";

/** A delivery the fake Worker accepted. */
export type Delivery = { id: string; type: string; body: string };

/** One accepted call, in arrival order: an event or an artifact upload. */
export type Arrival = { kind: "event"; jobId: string; type: string } | { kind: "artifact"; jobId: string; name: string };

/** An artifact as the fake Worker stored it. */
export type StoredArtifact = { bytes: Uint8Array; contentType: string; sha256: string };

/**
 * Verifies the gateway's bearer token by hand, as the Worker's jose check does: HS256 over
 * `header.payload` with the shared secret, audience `edge-factory`, `iat` and `exp`, lifetime
 * at most 300 s, not expired. Independent of the gateway's signing code on purpose.
 */
export function checkEdgeToken(authorization: string | undefined, secret: string = SECRET): string | undefined {
	const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
	const [header, payload, signature] = token?.split(".") ?? [];
	if (!header || !payload || !signature) return "no bearer token";
	const json = (part: string): Record<string, unknown> => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
	if (json(header).alg !== "HS256") return "not HS256";
	const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
	const given = Buffer.from(signature, "base64url");
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "bad signature";
	const claims = json(payload);
	if (claims.aud !== "edge-factory") return `audience ${String(claims.aud)}`;
	if (typeof claims.iat !== "number" || typeof claims.exp !== "number") return "iat and exp required";
	if (claims.exp - claims.iat > 300) return "lifetime over 300 s";
	if (claims.exp < Date.now() / 1000) return "expired";
	return undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on("data", (c: Buffer) => chunks.push(c));
		req.once("error", reject);
		req.once("end", () => resolve(Buffer.concat(chunks)));
	});
}

/**
 * A local stand-in for the Worker's `/internal/gpu/*` routes, speaking their real protocol:
 * Standard Webhooks events (signature checked), artifact uploads (token, Content-Length and
 * X-Content-SHA256 checked, 201) and input reads (token checked, `gpu-inputs/` keys only). It can
 * refuse uploads for a while, and go down and come back on the same port.
 */
export class FakeWorker {
	readonly deliveries: Delivery[] = [];
	readonly arrivals: Arrival[] = [];
	readonly artifacts = new Map<string, StoredArtifact>();
	/** Objects served by `GET /internal/gpu/inputs/<key>`. */
	readonly inputs = new Map<string, Uint8Array>();
	/** Keys read through the inputs route, in order. */
	readonly inputReads: string[] = [];
	/** Calls refused: bad signatures, bad tokens, bad uploads. */
	readonly refusals: string[] = [];
	/** While set, decides the status a valid upload is refused with (after reading the body); undefined accepts it. */
	refuseUpload: ((jobId: string, name: string) => number | undefined) | undefined;
	/** Valid uploads refused through `refuseUpload`. */
	refusedUploads = 0;
	private server: Server | undefined;
	private port = 0;

	/** The callback URL to give jobs; its origin is where the gateway finds the other routes. */
	get url(): string {
		return `http://127.0.0.1:${this.port}/internal/gpu/events`;
	}

	get origin(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async start(): Promise<void> {
		const server = createServer((req, res) => {
			this.handle(req, res).catch((err: unknown) => {
				this.refusals.push(`crash: ${String(err)}`);
				res.writeHead(500).end();
			});
		});
		await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", () => resolve()));
		this.port = (server.address() as AddressInfo).port;
		this.server = server;
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	/** Deliveries of one job, by event type. */
	ofType(jobId: string, type: string): Delivery[] {
		return this.deliveries.filter((d) => d.type === type && d.body.includes(jobId));
	}

	/** The arrivals of one job, as `event:<type>` and `artifact:<name>`. */
	timeline(jobId: string): string[] {
		return this.arrivals.filter((a) => a.jobId === jobId).map((a) => (a.kind === "event" ? `event:${a.type}` : `artifact:${a.name}`));
	}

	private refuse(res: ServerResponse, status: number, why: string): void {
		this.refusals.push(why);
		res
			.writeHead(status, { "content-type": "application/json" })
			.end(JSON.stringify({ error: { code: status === 401 ? "UNAUTHORIZED" : "REFUSED", message: why } }));
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const path = new URL(req.url ?? "/", "http://fake").pathname;
		const body = await readBody(req);
		if (req.method === "POST" && path === "/internal/gpu/events") return this.event(req, res, body);
		const upload = /^\/internal\/gpu\/artifacts\/([^/]+)\/([^/]+)$/.exec(path);
		if (req.method === "PUT" && upload?.[1] && upload[2]) return this.artifact(req, res, decodeURIComponent(upload[1]), decodeURIComponent(upload[2]), body);
		if (req.method === "GET" && path.startsWith("/internal/gpu/inputs/")) return this.input(req, res, path.slice("/internal/gpu/inputs/".length));
		this.refuse(res, 404, `no route ${req.method} ${path}`);
	}

	private event(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
		const body = raw.toString("utf8");
		const headers = {
			id: String(req.headers["webhook-id"]),
			timestamp: String(req.headers["webhook-timestamp"]),
			signature: String(req.headers["webhook-signature"]),
		};
		if (!verifyWebhook(SECRET, headers, body, Math.floor(Date.now() / 1000))) {
			this.refuse(res, 401, "bad webhook signature");
			return;
		}
		const parsed: { type: string; data: { job_id: string } } = JSON.parse(body);
		this.deliveries.push({ id: headers.id, type: parsed.type, body });
		this.arrivals.push({ kind: "event", jobId: parsed.data.job_id, type: parsed.type });
		res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ received: true }));
	}

	/** Why an upload is refused, as the Worker would: [status, reason]; undefined when acceptable. */
	private uploadProblem(req: IncomingMessage, bytes: Buffer): [number, string] | undefined {
		const tokenProblem = checkEdgeToken(req.headers.authorization);
		if (tokenProblem) return [401, `upload token: ${tokenProblem}`];
		const length = req.headers["content-length"];
		if (length === undefined || req.headers["transfer-encoding"] !== undefined) return [411, "upload without Content-Length"];
		if (Number(length) !== bytes.byteLength) return [400, "body length differs from Content-Length"];
		if (req.headers["x-content-sha256"] !== sha256Hex(bytes)) return [400, "X-Content-SHA256 does not match the body"];
		if (!req.headers["content-type"]) return [400, "upload without Content-Type"];
		return undefined;
	}

	private artifact(req: IncomingMessage, res: ServerResponse, jobId: string, name: string, bytes: Buffer): void {
		const problem = this.uploadProblem(req, bytes);
		const refusal = problem ? undefined : this.refuseUpload?.(jobId, name);
		if (problem) {
			this.refuse(res, ...problem);
		} else if (refusal !== undefined) {
			this.refusedUploads += 1;
			res.writeHead(refusal).end();
		} else {
			const sha256 = sha256Hex(bytes);
			this.artifacts.set(`${jobId}/${name}`, { bytes: new Uint8Array(bytes), contentType: String(req.headers["content-type"]), sha256 });
			this.arrivals.push({ kind: "artifact", jobId, name });
			res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ artifact: { name, sha256, size: bytes.byteLength } }));
		}
	}

	private input(req: IncomingMessage, res: ServerResponse, rawKey: string): void {
		const tokenProblem = checkEdgeToken(req.headers.authorization);
		const key = rawKey.split("/").map(decodeURIComponent).join("/");
		const bytes = key.startsWith("gpu-inputs/") ? this.inputs.get(key) : undefined;
		if (tokenProblem) {
			this.refuse(res, 401, `input token: ${tokenProblem}`);
		} else if (!bytes) {
			this.refuse(res, 404, `no input ${key}`);
		} else {
			this.inputReads.push(key);
			res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(bytes.byteLength) }).end(bytes);
		}
	}
}
