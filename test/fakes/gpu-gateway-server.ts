import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyGatewayToken } from "../../gpu-gateway/src/auth.ts";
import type { GpuJobView } from "../../src/shared/gpu-jobs.ts";

/**
 * A fake of the gpu-gateway's read API: `GET /v1/jobs/:id` answers the view a test stored,
 * behind the gateway's own token verifier (so the Worker's tokens are checked for real).
 * Test control: `PUT /__control/jobs/:id` stores a view; `PUT /__control/down/:id` makes that
 * job's reads fail with 503, as an unreachable gateway would.
 */

/** The running fake. */
export type FakeGpuGateway = { url: string; close: () => Promise<void> };

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString("utf8");
}

/** Starts the fake on `port` (0 for any free port), verifying tokens with `secret`. */
export async function startFakeGpuGateway(secret: string, port = 0): Promise<FakeGpuGateway> {
	const jobs = new Map<string, GpuJobView>();
	const down = new Set<string>();
	const server: Server = createServer(async (req, res) => {
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { "content-type": "application/json" });
			res.end(JSON.stringify(body));
		};
		const path = new URL(req.url ?? "/", "http://fake").pathname;
		const control = /^\/__control\/(jobs|down)\/([^/]+)$/.exec(path);
		if (control && req.method === "PUT") {
			const id = decodeURIComponent(control[2] ?? "");
			if (control[1] === "down") down.add(id);
			else jobs.set(id, JSON.parse(await readBody(req)) as GpuJobView);
			return send(204, {});
		}
		const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
		const refused = token === undefined ? "missing token" : verifyGatewayToken(secret, token);
		if (refused) return send(401, { error: { code: "UNAUTHORIZED", message: refused } });
		const read = /^\/v1\/jobs\/([^/]+)$/.exec(path);
		if (read && req.method === "GET") {
			const id = decodeURIComponent(read[1] ?? "");
			if (down.has(id)) return send(503, { error: { code: "UNAVAILABLE", message: "down" } });
			const job = jobs.get(id);
			return job ? send(200, job) : send(404, { error: { code: "NOT_FOUND", message: "no such job" } });
		}
		return send(404, { error: { code: "NOT_FOUND", message: "no route" } });
	});
	await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
	const { port: bound } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${bound}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
