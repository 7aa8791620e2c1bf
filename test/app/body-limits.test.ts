import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { MAX_ARTIFACT_BYTES } from "../../src/gpu/artifacts";
import { ADMIN_KEY, countRows, type ErrorBody } from "../support/helpers";
import { filesForm, solidPng } from "../support/image-fixtures";
import { createArtist, createStyleVia, styleObjectKeys } from "../support/style-helpers";
import { userApi } from "../support/user-helpers";

const KIB = 1024;
const MIB = 1024 * KIB;
const CHUNK = 64 * KIB;

/** What each route class accepts (the figures; uploads their documented maximum plus room for the form around the files). */
const CALLBACKS = 256 * KIB;
const JSON_API = 64 * KIB;
const FORMS = 256 * KIB;
const SIGNATURE_UPLOAD = 2 * MIB + 64 * KIB;
const TRAINING_UPLOAD = 40 * MIB + 64 * KIB;
/** The portrait photo (issue 15: at most 10 MB) and its form around it. */
const PORTRAIT_PHOTO_UPLOAD = 10 * MIB + 64 * KIB;
/** The video asset library: up to 60 MB of files a request (20 MB each) and the form around them. */
const ASSET_UPLOAD = 60 * MIB + 64 * KIB;
/** A profile picture: 5 MB and the form around it. */
const AVATAR_UPLOAD = 5 * MIB + 64 * KIB;

/** A body of `size` zero bytes made only as it is read, counting what was read. */
function lazyBody(size: number) {
	const chunk = new Uint8Array(CHUNK);
	const counter = { pulled: 0 };
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (counter.pulled >= size) return controller.close();
			const next = chunk.subarray(0, Math.min(CHUNK, size - counter.pulled));
			counter.pulled += next.length;
			controller.enqueue(next);
		},
	});
	return { stream, counter };
}

/** A request with a lazy body: `declared` sends Content-Length, else the body comes without one (chunked). */
function send(method: string, path: string, size: number, options: { declared: boolean; headers?: Record<string, string> }) {
	const { stream, counter } = lazyBody(size);
	const headers = new Headers(options.headers);
	if (options.declared) headers.set("Content-Length", String(size));
	const init = { method, headers, body: stream, duplex: "half", redirect: "manual" } as RequestInit;
	return { response: exports.default.fetch(new Request(`http://localhost:8787${path}`, init)), counter };
}

async function errorOf(res: Response) {
	return ((await res.json()) as ErrorBody).error;
}

/** The body limit each route should have, by its pattern (anything else takes JSON's). */
function expectedLimit(method: string, path: string): number {
	if (path.startsWith("/webhooks/") || path === "/internal/gpu/events") return CALLBACKS;
	if (method === "PUT" && path.startsWith("/internal/gpu/artifacts/")) return MAX_ARTIFACT_BYTES;
	if ((method === "PUT" && path === "/api/styles/:id/signature") || (method === "POST" && path === "/studio/styles/:id/signature")) return SIGNATURE_UPLOAD;
	if (method === "POST" && (path === "/api/styles/:id/images" || path === "/studio/styles/:id/images")) return TRAINING_UPLOAD;
	if (method === "POST" && path === "/api/portraits/:id/photo") return PORTRAIT_PHOTO_UPLOAD;
	if ((method === "PUT" && path === "/api/me/avatar") || (method === "POST" && path === "/me/profile/avatar")) return AVATAR_UPLOAD;
	if (method === "POST" && (path === "/api/assets" || path === "/video/assets/upload")) return ASSET_UPLOAD;
	return JSON_API;
}

describe("request body limits", () => {
	it("refuses a 95 MB webhook with a plausible signature by its Content-Length, without reading it, storing nothing", async () => {
		const before = await countRows("payment_events");
		const { response, counter } = send("POST", "/webhooks/stripe", 95 * MIB, {
			declared: true,
			headers: { "Stripe-Signature": `t=${Math.floor(Date.now() / 1000)},v1=${"ab".repeat(32)}`, "Content-Type": "application/json" },
		});
		const res = await response;
		expect(res.status).toBe(413);
		const error = await errorOf(res);
		expect(error.code).toBe("PAYLOAD_TOO_LARGE");
		expect(error.requestId).toBeTruthy();
		expect(counter.pulled).toBeLessThanOrEqual(2 * CHUNK);
		expect(await countRows("payment_events")).toBe(before);
	});

	it("stops a chunked body without Content-Length at the limit (webhook, GPU callback)", async () => {
		const before = await countRows("payment_events");
		for (const path of ["/webhooks/stripe", "/internal/gpu/events"]) {
			const { response, counter } = send("POST", path, 95 * MIB, {
				declared: false,
				headers: { "Stripe-Signature": "t=1,v1=00", "webhook-id": "msg_x", "webhook-timestamp": "1", "webhook-signature": "v1,AA==" },
			});
			const res = await response;
			expect(res.status, path).toBe(413);
			expect((await errorOf(res)).code, path).toBe("PAYLOAD_TOO_LARGE");
			expect(counter.pulled, path).toBeLessThanOrEqual(CALLBACKS + 2 * CHUNK);
		}
		expect(await countRows("payment_events")).toBe(before);
	});

	it("lets a body at the limit through to the route's own checks", async () => {
		for (const declared of [true, false]) {
			const webhook = await send("POST", "/webhooks/stripe", CALLBACKS, { declared, headers: { "Stripe-Signature": "t=1,v1=00" } }).response;
			expect(webhook.status).toBe(400);
			expect((await errorOf(webhook)).code).toBe("WEBHOOK_SIGNATURE_INVALID");
			const tooBig = await send("POST", "/webhooks/stripe", CALLBACKS + 1, { declared, headers: { "Stripe-Signature": "t=1,v1=00" } }).response;
			expect(tooBig.status).toBe(413);
		}
		const json = await send("POST", "/api/products", JSON_API, {
			declared: true,
			headers: { Authorization: `Bearer ${ADMIN_KEY}`, "Content-Type": "application/json" },
		}).response;
		expect(json.status).toBe(400);
		expect((await errorOf(json)).code).toBe("VALIDATION_FAILED");
	});

	it("refuses JSON over 64 KB on public and admin routes alike, creating nothing", async () => {
		const [products, orders] = [await countRows("products"), await countRows("orders")];
		for (const [path, headers] of [
			["/api/products", { Authorization: `Bearer ${ADMIN_KEY}` }],
			["/api/checkout", {}],
		] as const) {
			for (const declared of [true, false]) {
				const res = await send("POST", path, JSON_API + 1, { declared, headers: { ...headers, "Content-Type": "application/json" } }).response;
				expect(res.status, `${path} ${declared}`).toBe(413);
				expect((await errorOf(res)).code).toBe("PAYLOAD_TOO_LARGE");
			}
		}
		expect([await countRows("products"), await countRows("orders")]).toEqual([products, orders]);
	});

	it("gives HTML forms 256 KB (percent-encoding triples non-ASCII text), and a page to a browser", async () => {
		const form = { "Content-Type": "application/x-www-form-urlencoded" };
		const fits = await send("POST", "/checkout", FORMS, { declared: true, headers: form }).response;
		expect(fits.status).not.toBe(413);
		const res = await send("POST", "/checkout", FORMS + 1, { declared: true, headers: { ...form, Accept: "text/html" } }).response;
		expect(res.status).toBe(413);
		expect(res.headers.get("Content-Type")).toMatch(/text\/html/);
		expect(await res.text()).toContain("PAYLOAD_TOO_LARGE");
	});

	it("gives each upload route its documented maximum and stores nothing past it", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		const asArtist = { Cookie: artist.cookie, "X-CSRF-Token": artist.csrf, "Content-Type": "multipart/form-data; boundary=x" };
		for (const [method, path, limit] of [
			["PUT", `/api/styles/${style.id}/signature`, SIGNATURE_UPLOAD],
			["POST", `/studio/styles/${style.id}/signature`, SIGNATURE_UPLOAD],
			["POST", `/api/styles/${style.id}/images`, TRAINING_UPLOAD],
			["POST", `/studio/styles/${style.id}/images`, TRAINING_UPLOAD],
		] as const) {
			const declared = send(method, path, limit + 1, { declared: true, headers: asArtist });
			const res = await declared.response;
			expect(res.status, path).toBe(413);
			expect(declared.counter.pulled, path).toBeLessThanOrEqual(2 * CHUNK);
			// Without Content-Length the body is counted as it streams (never buffered by the limit) and cut past it.
			const chunked = send(method, path, limit + 2 * MIB, { declared: false, headers: asArtist });
			const cut = await chunked.response;
			expect(cut.status, `${path} chunked`).toBe(413);
			expect(chunked.counter.pulled, `${path} chunked`).toBeLessThanOrEqual(limit + 2 * CHUNK);
		}
		expect(await styleObjectKeys(style.id)).toEqual([]);
		// A real upload under the limit still works.
		const ok = await userApi(artist, `/api/styles/${style.id}/signature`, {
			method: "PUT",
			body: filesForm("signature", [{ name: "sig.png", bytes: await solidPng(64, 64, { seed: 3 }) }]),
		});
		expect(ok.status).toBe(200);
		expect(await styleObjectKeys(style.id)).toHaveLength(1);
	});

	it("limits every route that takes a body, before it reads it", async () => {
		const methods = new Set(["POST", "PUT", "PATCH", "DELETE"]);
		const routes = [...new Map(app.routes.filter((route) => methods.has(route.method)).map((route) => [`${route.method} ${route.path}`, route])).values()];
		expect(routes.length).toBeGreaterThan(40);
		for (const route of routes) {
			const path = route.path.replace(/:\w+(\{[^}]*\})?/g, "x1").replace(/\*/g, "x");
			const limit = expectedLimit(route.method, route.path);
			const { response, counter } = send(route.method, path, limit + 1, { declared: true, headers: { "Content-Type": "application/json" } });
			const res = await response;
			expect(res.status, `${route.method} ${route.path}`).toBe(413);
			expect((await errorOf(res)).code, `${route.method} ${route.path}`).toBe("PAYLOAD_TOO_LARGE");
			expect(counter.pulled, `${route.method} ${route.path}`).toBeLessThanOrEqual(2 * CHUNK);
		}
	});
});
