import { createHmac, randomBytes } from "node:crypto";
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { readStoredZip, type ZipFileEntry } from "./zip-reader.ts";

/**
 * A local stand-in for Replicate's HTTP API (predictions, trainings, files), written from its
 * public docs and independent of the gateway's code: bearer auth, `starting → processing →
 * succeeded` over a few hundred ms, tqdm-style logs, problem-details errors, cancel, output
 * files on its own "delivery" server (another origin, as replicate.delivery is) whose URLs
 * expire, and Standard Webhooks signed with a whsec secret.
 */

/** How the next task behaves; `input.fake_scenario` picks one per request, `enqueue` for the next creates. */
export type FakeScenario = "succeed" | "fail" | "fail-nsfw" | "cancel-external" | "hang" | "create-500" | "create-422" | "create-429";

type TaskStatus = "starting" | "processing" | "succeeded" | "failed" | "canceled";

/** A prediction or a training, as the fake holds it. */
export type FakeTask = {
	kind: "predictions" | "trainings";
	id: string;
	status: TaskStatus;
	/** How it was created: `owner/name` (model endpoint) or the version id. */
	model?: string;
	version?: string;
	destination?: string;
	input: Record<string, unknown>;
	output: unknown;
	error: string | null;
	logs: string;
	webhook?: string;
	events: string[];
	scenario: FakeScenario;
	createdAt: string;
	startedAt: string | null;
	completedAt: string | null;
	/** For trainings: the images found in the uploaded zip. */
	trainingImages?: ZipFileEntry[];
	timers: NodeJS.Timeout[];
};

/** A served output file; `downloads` counts GETs answered before it expired. */
export type FakeOutput = { bytes: Uint8Array; contentType: string; expiresAt: number; downloads: number };

/** An uploaded input file. */
export type FakeFile = { id: string; bytes: Uint8Array; filename: string; contentType: string; deleted: boolean };

/** A webhook the fake sent, and what the receiver answered. */
export type FakeWebhook = { taskId: string; event: string; taskStatus: string; status: number };

export type FakeReplicateOptions = {
	/** Time between lifecycle steps; a task ends after three. */
	stepMs?: number;
	/** How long output URLs answer before they 404. */
	outputTtlMs?: number;
	/**
	 * The origin output URLs are announced under (default: the fake's own delivery server), so a
	 * test can play a provider that hands out URLs pointing anywhere.
	 */
	outputBase?: string;
};

const WEIGHTS_BYTES = Buffer.from("fake lora weights: a tar of safetensors in real life\n".repeat(64));

function problem(res: ServerResponse, status: number, title: string, detail: string): void {
	res.writeHead(status, { "content-type": "application/problem+json" }).end(JSON.stringify({ title, detail, status }));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on("data", (c: Buffer) => chunks.push(c));
		req.once("end", () => resolve(Buffer.concat(chunks)));
		req.once("error", reject);
	});
}

/** Inserts a PNG tEXt chunk before IEND: the kind of generator metadata providers leave in files. */
function withTextChunk(png: Buffer, keyword: string, text: string): Buffer {
	const data = Buffer.from(`${keyword}\0${text}`, "latin1");
	const chunk = Buffer.alloc(12 + data.length);
	chunk.writeUInt32BE(data.length, 0);
	chunk.write("tEXt", 4, "latin1");
	data.copy(chunk, 8);
	chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
	const iend = png.length - 12;
	return Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]);
}

/** A provider-style image: not the preset size, with EXIF and a tEXt chunk the gateway must strip. */
export async function providerImage(rgb: [number, number, number]): Promise<Buffer> {
	const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } })
		.png()
		.withExif({ IFD0: { Software: "fake-replicate-provider", ImageDescription: "provider-internal-log" } })
		.toBuffer();
	return withTextChunk(png, "parameters", "provider-secret-sampler-settings");
}

export class FakeReplicate {
	readonly token = `r8_${randomBytes(12).toString("hex")}`;
	/** The account's signing secret, as `GET /v1/webhooks/default/secret` would return it. */
	readonly webhookSecret = `whsec_${randomBytes(24).toString("base64")}`;
	readonly tasks = new Map<string, FakeTask>();
	readonly outputs = new Map<string, FakeOutput>();
	readonly files = new Map<string, FakeFile>();
	readonly webhooks: FakeWebhook[] = [];
	/** Every API call, `METHOD /path`, for asserting what the gateway did. */
	readonly calls: string[] = [];
	/** Ids of tasks a cancel call reached. */
	readonly cancels: string[] = [];
	stepMs: number;
	outputTtlMs: number;
	outputBase: string | undefined;
	private readonly queue: FakeScenario[] = [];
	private server: Server | undefined;
	private deliveryServer: Server | undefined;
	private port = 0;
	private deliveryPort = 0;

	constructor(options: FakeReplicateOptions = {}) {
		this.stepMs = options.stepMs ?? 100;
		this.outputTtlMs = options.outputTtlMs ?? 60_000;
		this.outputBase = options.outputBase;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** The origin of the output files: not the API's, so the gateway must allow it as a delivery host. */
	get deliveryUrl(): string {
		return `http://127.0.0.1:${this.deliveryPort}`;
	}

	/** Scenarios for the next creates, in order; afterwards tasks succeed. */
	enqueue(...scenarios: FakeScenario[]): void {
		this.queue.push(...scenarios);
	}

	/** Tasks in creation order. */
	list(kind?: FakeTask["kind"]): FakeTask[] {
		return [...this.tasks.values()].filter((t) => !kind || t.kind === kind);
	}

	async start(): Promise<void> {
		const server = createServer((req, res) => {
			this.handle(req, res).catch((err: unknown) => {
				if (!res.headersSent) problem(res, 500, "Internal Server Error", String(err));
			});
		});
		await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
		this.port = (server.address() as AddressInfo).port;
		this.server = server;
		// Output files live on a CDN-like server with no auth, as replicate.delivery does.
		const delivery = createServer((req, res) => {
			const match = /^\/delivery\/([a-z0-9]+)\/([\w.-]+)$/.exec(new URL(req.url ?? "/", this.deliveryUrl).pathname);
			if (req.method === "GET" && match) this.serveOutput(`${match[1]}/${match[2]}`, res);
			else problem(res, 404, "Not found", "no such file");
		});
		await new Promise<void>((resolve) => delivery.listen(0, "127.0.0.1", () => resolve()));
		this.deliveryPort = (delivery.address() as AddressInfo).port;
		this.deliveryServer = delivery;
	}

	async stop(): Promise<void> {
		for (const task of this.tasks.values()) for (const t of task.timers) clearTimeout(t);
		for (const server of [this.server, this.deliveryServer]) {
			if (!server) continue;
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
		this.server = undefined;
		this.deliveryServer = undefined;
	}

	private async handle(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? "/", this.url);
		const method = req.method ?? "GET";
		const path = url.pathname;
		this.calls.push(`${method} ${path}`);
		if (req.headers.authorization !== `Bearer ${this.token}`) return problem(res, 401, "Unauthenticated", "You did not pass a valid authentication token");
		const body = await readBody(req);
		const modelPredictions = /^\/v1\/models\/([\w.-]+)\/([\w.-]+)\/predictions$/.exec(path);
		const trainings = /^\/v1\/models\/([\w.-]+)\/([\w.-]+)\/versions\/([0-9a-f]+)\/trainings$/.exec(path);
		const taskRoute = /^\/v1\/(predictions|trainings)\/([a-z0-9]+)(\/cancel)?$/.exec(path);
		const fileRoute = /^\/v1\/files\/([a-z0-9]+)$/.exec(path);
		if (method === "POST" && path === "/v1/predictions") return this.createPrediction(body, undefined, res);
		if (method === "POST" && modelPredictions) return this.createPrediction(body, `${modelPredictions[1]}/${modelPredictions[2]}`, res);
		if (method === "POST" && trainings) return this.createTraining(body, `${trainings[1]}/${trainings[2]}`, trainings[3] ?? "", res);
		if (taskRoute) {
			const task = this.tasks.get(taskRoute[2] ?? "");
			if (!task || task.kind !== taskRoute[1]) return problem(res, 404, "Not found", "no such task");
			if (method === "POST" && taskRoute[3]) return this.cancel(task, res);
			if (method === "GET" && !taskRoute[3]) return this.json(res, 200, this.view(task));
		}
		if (method === "POST" && path === "/v1/files") return this.upload(req, body, res);
		if (fileRoute) {
			const file = this.files.get(fileRoute[1] ?? "");
			if (!file || file.deleted) return problem(res, 404, "Not found", "no such file");
			if (method === "DELETE") {
				file.deleted = true;
				res.writeHead(204).end();
				return;
			}
			if (method === "GET") return this.json(res, 200, this.fileView(file));
		}
		problem(res, 404, "Not found", `no route ${method} ${path}`);
	}

	private json(res: ServerResponse, status: number, value: unknown): void {
		res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
	}

	private nextScenario(input: Record<string, unknown>): FakeScenario {
		const requested = input.fake_scenario;
		if (typeof requested === "string") return requested as FakeScenario;
		return this.queue.shift() ?? "succeed";
	}

	/** Scenarios that fail the create call itself: nothing is created. */
	private refuseCreate(scenario: FakeScenario, res: ServerResponse): boolean {
		if (scenario === "create-500") problem(res, 500, "Internal Server Error", "something went wrong on our side");
		else if (scenario === "create-429") problem(res, 429, "Too Many Requests", "Request was throttled");
		else if (scenario === "create-422") problem(res, 422, "Input validation failed", "input.prompt: prompt is too long for this model");
		else return false;
		return true;
	}

	private parseCreate(body: Buffer, res: ServerResponse): Record<string, unknown> | undefined {
		try {
			const parsed: unknown = JSON.parse(body.toString("utf8"));
			if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
		} catch {
			// fall through to the 400
		}
		problem(res, 400, "Bad request", "body must be a JSON object");
		return undefined;
	}

	private createPrediction(body: Buffer, model: string | undefined, res: ServerResponse) {
		const request = this.parseCreate(body, res);
		if (!request) return;
		const input = (request.input ?? {}) as Record<string, unknown>;
		const version = typeof request.version === "string" ? request.version : undefined;
		if (!model && !(version && /^[0-9a-f]{8,128}$/.test(version))) return problem(res, 422, "Invalid version or not permitted", "version is required");
		const scenario = this.nextScenario(input);
		if (this.refuseCreate(scenario, res)) return;
		const task = this.newTask("predictions", input, scenario, request);
		task.model = model;
		task.version = version;
		this.json(res, 201, this.view(task));
	}

	private createTraining(body: Buffer, trainer: string, version: string, res: ServerResponse) {
		const request = this.parseCreate(body, res);
		if (!request) return;
		const input = (request.input ?? {}) as Record<string, unknown>;
		const destination = request.destination;
		if (typeof destination !== "string" || !/^[\w.-]+\/[\w.-]+$/.test(destination))
			return problem(res, 422, "Invalid destination", "destination must be owner/name of an existing model");
		// The trainer fetches its zip like any input URL; here that means a file uploaded to us.
		const fileId = typeof input.input_images === "string" ? /\/v1\/files\/([a-z0-9]+)$/.exec(input.input_images)?.[1] : undefined;
		const file = fileId ? this.files.get(fileId) : undefined;
		if (!file || file.deleted) return problem(res, 422, "Input validation failed", "input_images must be a reachable zip URL");
		let images: ZipFileEntry[];
		try {
			images = readStoredZip(file.bytes);
		} catch (err) {
			return problem(res, 422, "Input validation failed", `input_images is not a valid zip: ${String(err)}`);
		}
		const scenario = this.nextScenario(input);
		if (this.refuseCreate(scenario, res)) return;
		const task = this.newTask("trainings", input, scenario, request);
		task.model = trainer;
		task.version = version;
		task.destination = destination;
		task.trainingImages = images;
		this.json(res, 201, this.view(task));
	}

	private newTask(kind: FakeTask["kind"], input: Record<string, unknown>, scenario: FakeScenario, request: Record<string, unknown>): FakeTask {
		const filter = Array.isArray(request.webhook_events_filter) ? request.webhook_events_filter.map(String) : ["start", "output", "logs", "completed"];
		const task: FakeTask = {
			kind,
			id: randomBytes(13).toString("hex").slice(0, 26),
			status: "starting",
			input,
			output: null,
			error: null,
			logs: "",
			webhook: typeof request.webhook === "string" ? request.webhook : undefined,
			events: filter,
			scenario,
			createdAt: new Date().toISOString(),
			startedAt: null,
			completedAt: null,
			timers: [],
		};
		this.tasks.set(task.id, task);
		this.sendWebhook(task, "start");
		const step = (n: number, fn: () => void | Promise<void>) =>
			task.timers.push(
				setTimeout(() => {
					if (task.status === "starting" || task.status === "processing") void fn();
				}, this.stepMs * n),
			);
		step(1, () => {
			task.status = "processing";
			task.startedAt = new Date().toISOString();
			task.logs = "Loading weights\n  0%|          | 0/4 [00:00<?, ?it/s]";
			this.sendWebhook(task, "logs");
		});
		step(2, () => {
			task.logs += "\r 50%|█████     | 2/4 [00:01<00:01, 1.9it/s]";
			this.sendWebhook(task, "logs");
		});
		if (scenario !== "hang") step(3, () => this.finish(task));
		return task;
	}

	private async finish(task: FakeTask): Promise<void> {
		if (task.scenario === "cancel-external") {
			this.end(task, "canceled");
			return;
		}
		if (task.scenario === "fail") {
			task.error = "CUDA error: an illegal memory access was encountered";
			this.end(task, "failed");
			return;
		}
		if (task.scenario === "fail-nsfw") {
			task.error = "NSFW content detected. Try running it again, or try a different prompt.";
			this.end(task, "failed");
			return;
		}
		task.logs += "\r100%|██████████| 4/4 [00:02<00:00, 2.0it/s]";
		task.output = await this.outputFor(task);
		this.end(task, "succeeded");
	}

	private end(task: FakeTask, status: TaskStatus): void {
		for (const t of task.timers) clearTimeout(t);
		task.status = status;
		task.completedAt = new Date().toISOString();
		if (status === "succeeded") this.sendWebhook(task, "output");
		this.sendWebhook(task, "completed");
	}

	/** What a model of that kind returns: tokens for an LLM, images for image models, version + weights for a trainer. */
	private async outputFor(task: FakeTask): Promise<unknown> {
		if (task.kind === "trainings") {
			return {
				version: `${task.destination}:${randomBytes(32).toString("hex")}`,
				weights: this.addOutput("trained_model.tar", WEIGHTS_BYTES, "application/x-tar"),
			};
		}
		if (typeof task.input.max_tokens === "number") return ["Hello", ",", " world", "!"];
		const count = typeof task.input.num_outputs === "number" ? task.input.num_outputs : 1;
		const urls: string[] = [];
		for (let i = 0; i < count; i++) urls.push(this.addOutput(`out-${i}.png`, await providerImage([20 + i * 60, 40, 160]), "image/png"));
		// Replicate's flux models return a list even for one image.
		return urls;
	}

	private addOutput(name: string, bytes: Uint8Array, contentType: string): string {
		const key = `${randomBytes(8).toString("hex")}/${name}`;
		this.outputs.set(key, { bytes, contentType, expiresAt: Date.now() + this.outputTtlMs, downloads: 0 });
		return `${this.outputBase ?? this.deliveryUrl}/delivery/${key}`;
	}

	private serveOutput(key: string, res: ServerResponse) {
		const output = this.outputs.get(key);
		if (!output || Date.now() >= output.expiresAt) return problem(res, 404, "Not found", "this file has expired");
		output.downloads += 1;
		res.writeHead(200, { "content-type": output.contentType, "content-length": String(output.bytes.byteLength) }).end(output.bytes);
	}

	private cancel(task: FakeTask, res: ServerResponse): void {
		this.cancels.push(task.id);
		if (task.status === "starting" || task.status === "processing") this.end(task, "canceled");
		this.json(res, 200, this.view(task));
	}

	private async upload(req: IncomingMessage, body: Buffer, res: ServerResponse) {
		const form = await new Request(this.url, { method: "POST", headers: { "content-type": req.headers["content-type"] ?? "" }, body }).formData();
		const content = form.get("content");
		if (!(content instanceof Blob)) return problem(res, 422, "Input validation failed", "content is required");
		const file: FakeFile = {
			id: randomBytes(12).toString("hex"),
			bytes: new Uint8Array(await content.arrayBuffer()),
			filename: content instanceof File ? content.name : "blob",
			contentType: content.type || "application/octet-stream",
			deleted: false,
		};
		this.files.set(file.id, file);
		this.json(res, 201, this.fileView(file));
	}

	private fileView(file: FakeFile) {
		return {
			id: file.id,
			name: file.filename,
			content_type: file.contentType,
			size: file.bytes.byteLength,
			created_at: new Date().toISOString(),
			expires_at: new Date(Date.now() + 86_400_000).toISOString(),
			urls: { get: `${this.url}/v1/files/${file.id}` },
		};
	}

	/** The task as the API (and its webhooks) present it. */
	view(task: FakeTask) {
		const base = `${this.url}/v1/${task.kind}/${task.id}`;
		// Like Replicate, outputs are gone from the task once their files expire.
		const expired = task.status === "succeeded" && this.outputsExpired(task);
		return {
			id: task.id,
			model: task.model ?? "",
			version: task.version ?? "",
			input: task.input,
			logs: task.logs,
			output: expired ? null : task.output,
			data_removed: expired,
			error: task.error,
			status: task.status,
			source: "api",
			created_at: task.createdAt,
			started_at: task.startedAt,
			completed_at: task.completedAt,
			metrics: task.completedAt ? { predict_time: (this.stepMs * 2) / 1000 } : {},
			webhook: task.webhook,
			webhook_events_filter: task.events,
			urls: { get: base, cancel: `${base}/cancel`, web: `https://replicate.com/p/${task.id}` },
		};
	}

	private outputsExpired(task: FakeTask): boolean {
		const text = JSON.stringify(task.output ?? "");
		return [...this.outputs.entries()].some(([key, o]) => text.includes(key) && Date.now() >= o.expiresAt);
	}

	/** Posts the task to its webhook if the filter asks for `event`, signed the way Replicate signs. */
	private sendWebhook(task: FakeTask, event: string): void {
		if (!task.webhook || !task.events.includes(event)) return;
		const body = JSON.stringify(this.view(task));
		const id = `msg_${randomBytes(12).toString("hex")}`;
		const timestamp = Math.floor(Date.now() / 1000);
		const key = Buffer.from(this.webhookSecret.slice("whsec_".length), "base64");
		const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
		const record: FakeWebhook = { taskId: task.id, event, taskStatus: task.status, status: 0 };
		this.webhooks.push(record);
		// A fresh connection per delivery (no keep-alive), so a receiver shutting down is not held open by us.
		const req = httpRequest(task.webhook, {
			method: "POST",
			agent: false,
			headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": `v1,${signature}` },
		});
		req.once("response", (res) => {
			record.status = res.statusCode ?? 0;
			res.resume();
		});
		req.once("error", () => {
			record.status = -1;
		});
		req.end(body);
	}
}
