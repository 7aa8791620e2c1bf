import { createHmac } from "node:crypto";
import { createServer } from "node:net";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import type { GpuJobView } from "../../src/shared/gpu-jobs.ts";
import { MEDIA_INSTALL } from "../src/backends/local/tools.ts";
import { type ReplicateOptions, replicateOptionsFromEnv } from "../src/backends/replicate/config.ts";
import { isDeliveryHost, parseDeliveryHosts } from "../src/backends/replicate/delivery-hosts.ts";
import { progressFromLogs } from "../src/backends/replicate/progress.ts";
import { TRAINED_MODEL_ARTIFACT, TrainedModel } from "../src/backends/replicate/trained-model.ts";
import { ReplicateBackend } from "../src/backends/replicate.ts";
import { signatureLayers } from "../src/backends/signature.ts";
import { configFromEnv } from "../src/config.ts";
import type { Gateway } from "../src/gateway.ts";
import { sha256Hex } from "../src/hash.ts";
import { FakeReplicate, type FakeReplicateOptions } from "./fakes/replicate-server.ts";
import {
	authHeaders,
	downloadArtifact,
	getJob,
	greenSignature,
	imageJob,
	pngInput,
	postJob,
	SECRET,
	startTestGateway,
	tempDataDir,
	trainingImages,
	until,
	waitForStatus,
} from "./helpers.ts";
import { bombPng } from "./image-fixtures.ts";

const TRAINER_VERSION = "e440909d3512c31646ee2e0c7d6f6f4923224863a6a10c494606e79fb5844497";
const DONE = ["succeeded", "failed", "canceled", "expired"];

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A port nobody listens on now, so the backend can be told its webhook URL before the gateway starts. */
async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	if (!address || typeof address === "string") throw new Error("no port");
	return address.port;
}

/** The environment an operator would set, pointed at the fake. */
function replicateEnv(fake: FakeReplicate, webhookUrl?: string): NodeJS.ProcessEnv {
	return {
		REPLICATE_API_TOKEN: fake.token,
		REPLICATE_API_BASE: fake.url,
		REPLICATE_MODEL_IMAGE: "black-forest-labs/flux-schnell",
		REPLICATE_MODEL_PORTRAIT: "fofr/face-to-many:a07f252abbbd832009640b27f063ea52d87d7a23a185ca165bec23b5adc8deaf",
		REPLICATE_MODEL_LLM: "meta/meta-llama-3-8b-instruct",
		REPLICATE_TRAINER: `ostris/flux-dev-lora-trainer:${TRAINER_VERSION}`,
		REPLICATE_TRAINING_DESTINATION: "edge-factory/artist-styles",
		REPLICATE_WEBHOOK_URL: webhookUrl,
		REPLICATE_WEBHOOK_SECRET: fake.webhookSecret,
		// The fake's output files are on its own loopback "CDN": allowed by name, and private addresses allowed as in local development.
		REPLICATE_DELIVERY_HOSTS: new URL(fake.deliveryUrl).hostname,
		GPU_GATEWAY_ALLOW_PRIVATE_INPUTS: "1",
	};
}

type Setup = { fake: FakeReplicate; gw: Gateway; backend: ReplicateBackend };

/** A fake Replicate and a gateway running the replicate backend against it (webhooks on unless told otherwise). */
async function setup(options: { fake?: FakeReplicateOptions; backend?: Partial<ReplicateOptions>; webhooks?: boolean } = {}): Promise<Setup> {
	const fake = new FakeReplicate(options.fake);
	await fake.start();
	cleanups.push(() => fake.stop());
	const port = await freePort();
	const webhookUrl = options.webhooks === false ? undefined : `http://127.0.0.1:${port}/v1/providers/replicate/webhook`;
	const backend = new ReplicateBackend({ ...replicateOptionsFromEnv(replicateEnv(fake, webhookUrl)), pollMinMs: 40, pollMaxMs: 200, ...options.backend });
	const gw = await startTestGateway(tempDataDir(), { port, backends: [backend] });
	cleanups.push(() => gw.stop());
	return { fake, gw, backend };
}

async function create(gw: Gateway, body: unknown): Promise<string> {
	const res = await postJob(gw, body);
	expect(res.status).toBe(201);
	return ((await res.json()) as { id: string }).id;
}

async function runToEnd(gw: Gateway, body: unknown): Promise<GpuJobView> {
	return waitForStatus(gw, await create(gw, body), DONE);
}

/** PNG chunk types in file order: proves which metadata survived. */
function pngChunkTypes(png: Uint8Array): string[] {
	const buf = Buffer.from(png);
	const types: string[] = [];
	for (let at = 8; at + 8 <= buf.length; ) {
		const length = buf.readUInt32BE(at);
		types.push(buf.toString("latin1", at + 4, at + 8));
		at += 12 + length;
	}
	return types;
}

function lastError(gw: Gateway, jobId: string, attempt: number): { code: string; retryable: boolean } | undefined {
	const row = gw.store.listAttempts(jobId).find((a) => a.number === attempt);
	return row?.error_json ? JSON.parse(row.error_json) : undefined;
}

/** A Standard Webhooks delivery signed with `secret`, as Replicate sends it. */
function signedDelivery(secret: string, body: string, timestampS = Math.floor(Date.now() / 1000)): Record<string, string> {
	const id = `msg_${crypto.randomUUID()}`;
	const key = Buffer.from(secret.slice("whsec_".length), "base64");
	const signature = createHmac("sha256", key).update(`${id}.${timestampS}.${body}`).digest("base64");
	return { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(timestampS), "webhook-signature": `v1,${signature}` };
}

describe("replicate backend: image.generate", () => {
	it("runs a prediction, copies the output and returns a signed PNG with our provenance only", async () => {
		const { fake, gw } = await setup();
		const job = await runToEnd(gw, imageJob({ signature: { artistId: "artist-1", styleId: "style-a" } }));
		expect(job.status).toBe("succeeded");
		expect(job.attempt).toBe(1);
		expect(job.progress).toEqual({ percent: 100, step: "done" });

		// The request Replicate saw: the model endpoint, bearer auth, the mapped input, our webhook.
		const [task] = fake.list("predictions");
		expect(task?.model).toBe("black-forest-labs/flux-schnell");
		expect(task?.input).toEqual({ prompt: "a fox in snow", seed: 42, aspect_ratio: "1:1", output_format: "png", num_outputs: 1 });
		expect(task?.webhook).toContain("/v1/providers/replicate/webhook");
		expect(task?.events).toEqual(["start", "logs", "completed"]);

		const [artifact] = job.artifacts;
		expect(artifact).toMatchObject({ name: "image.png", content_type: "image/png" });
		const bytes = await downloadArtifact(gw, job.id, "image.png");
		expect(sha256Hex(bytes)).toBe(artifact?.sha256);
		const meta = await sharp(bytes).metadata();
		expect([meta.format, meta.width, meta.height]).toEqual(["png", 512, 512]);
		// The provider's tEXt chunk and EXIF are gone; the only metadata is our provenance.
		expect(pngChunkTypes(bytes)).not.toContain("tEXt");
		const exif = meta.exif?.toString("latin1") ?? "";
		expect(exif).toContain("edge-factory/gpu-gateway/replicate");
		expect(exif).toContain("black-forest-labs/flux-schnell");
		expect(exif).toContain("artist-1");
		expect(exif).not.toContain("fake-replicate-provider");
		expect(Buffer.from(bytes).toString("latin1")).not.toContain("provider-secret-sampler-settings");

		// The signature box is composited bottom-right: near-white there, the provider's dark blue elsewhere.
		const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
		const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
		expect(pixel(20, 20).every((v, i) => Math.abs(v - ([20, 40, 160][i] ?? 0)) <= 2)).toBe(true);
		const [r, g, b] = pixel(info.width - 14, info.height - 24);
		expect(Math.min(r ?? 0, g ?? 0, b ?? 0)).toBeGreaterThan(200);

		// No provider URL leaks through the gateway's API.
		expect(JSON.stringify(await getJob(gw, job.id))).not.toContain(fake.url);
	});

	it("stamps the artist's signature image and writes the same signed provenance as the local backend", async () => {
		const { gw } = await setup();
		const sig = await greenSignature();
		const signature = { artistId: "artist-1", styleId: "style-a", name: "Ada Painter", image: pngInput(sig) };
		const job = await runToEnd(gw, imageJob({ signature }));
		expect(job.status).toBe("succeeded");
		const bytes = await downloadArtifact(gw, job.id, "image.png");

		const exif = (await sharp(bytes).metadata()).exif?.toString("latin1") ?? "";
		const provenance = JSON.parse(/\{"generator"[^\0]*\}/.exec(exif)?.[0] ?? "{}") as Record<string, unknown>;
		expect(provenance).toMatchObject({
			generator: "edge-factory/gpu-gateway/replicate",
			artist: "artist-1",
			style: "style-a",
			job: job.id,
			signature: "stamped",
			artist_name: "Ada Painter",
			signature_sha256: sha256Hex(sig),
		});
		expect(new Date(String(provenance.created_at)).toISOString()).toBe(provenance.created_at);

		// The green signature sits in its box bottom-right, over the provider's dark blue.
		const { placement } = await signatureLayers(sig, 512, 512);
		const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
		let green = 0;
		for (let y = placement.top; y < placement.top + placement.height; y++) {
			for (let x = placement.left; x < placement.left + placement.width; x++) {
				const i = (y * info.width + x) * 3;
				if ((data[i] ?? 255) < 40 && (data[i + 1] ?? 0) > 215 && (data[i + 2] ?? 255) < 40) green++;
			}
		}
		expect(green).toBeGreaterThan(500);
	});

	it("fails without retrying when the signature image cannot be decoded", async () => {
		const { gw } = await setup();
		const notAnImage = new TextEncoder().encode("not an image");
		const job = await runToEnd(gw, imageJob({ signature: { artistId: "artist-1", styleId: "style-a", image: pngInput(notAnImage) } }));
		expect(job.status).toBe("failed");
		expect(job.error?.code).toBe("SIGNATURE_INVALID");
		expect(job.attempt).toBe(1);
	});

	it("copies outputs at once: the fake's URLs expire right after, the artifact stays", async () => {
		const { fake, gw } = await setup({ fake: { outputTtlMs: 400 } });
		const job = await runToEnd(gw, imageJob({ aspect: "1:2" }));
		expect(job.status).toBe("succeeded");
		const [output] = [...fake.outputs.entries()];
		expect(output?.[1].downloads).toBe(1);
		await until(() => Date.now() >= (output?.[1].expiresAt ?? 0));
		expect((await fetch(`${fake.deliveryUrl}/delivery/${output?.[0]}`)).status).toBe(404);
		const bytes = await downloadArtifact(gw, job.id, "image.png");
		const meta = await sharp(bytes).metadata();
		expect([meta.width, meta.height]).toEqual([512, 1024]);
		expect(fake.list("predictions")[0]?.input.aspect_ratio).toBe("9:16");
	});

	it("reports progress from the provider's tqdm logs while it runs", async () => {
		const { fake, gw } = await setup();
		fake.enqueue("hang");
		const id = await create(gw, imageJob());
		await until(() => fake.list("predictions")[0]?.logs.includes("50%") === true);
		let job = await getJob(gw, id);
		const end = Date.now() + 5_000;
		while (job.progress.percent !== 45 && Date.now() < end) {
			await new Promise((r) => setTimeout(r, 25));
			job = await getJob(gw, id);
		}
		// 2 of 4 steps in the 5–85 span the prediction covers.
		expect(job.progress).toEqual({ percent: 45, step: "provider-processing" });
	});
});

describe("replicate backend: trainings, portraits, text", () => {
	it("trains through the trainings API, copies the weights, and generates with the new version", async () => {
		const { fake, gw } = await setup();
		const images = await trainingImages([40, 160, 90]);
		const job = await runToEnd(gw, {
			kind: "lora.train",
			owner: { type: "artist", id: "artist-1" },
			input: { artistId: "artist-1", styleId: "style-g", images },
		});
		expect(job.status).toBe("succeeded");

		const [training] = fake.list("trainings");
		expect(training?.model).toBe("ostris/flux-dev-lora-trainer");
		expect(training?.version).toBe(TRAINER_VERSION);
		expect(training?.destination).toBe("edge-factory/artist-styles");
		// The zip the trainer received holds exactly the ten digest-checked images.
		expect(training?.trainingImages?.map((e) => e.name)).toEqual(images.map((_, i) => `image-${String(i + 1).padStart(3, "0")}.png`));
		expect(training?.trainingImages?.map((e) => sha256Hex(e.bytes))).toEqual(images.map((i) => i.sha256));
		// The training set did not stay on the provider.
		expect([...fake.files.values()].every((f) => f.deleted)).toBe(true);

		const output = training?.output as { version: string; weights: string };
		const modelBytes = await downloadArtifact(gw, job.id, TRAINED_MODEL_ARTIFACT);
		const model = TrainedModel.parse(JSON.parse(new TextDecoder().decode(modelBytes)));
		expect(model.model).toBe(output.version);
		expect(model.imageCount).toBe(10);
		const weights = await downloadArtifact(gw, job.id, "lora-weights.tar");
		const weightsKey = output.weights.slice(`${fake.deliveryUrl}/delivery/`.length);
		expect(sha256Hex(weights)).toBe(sha256Hex(fake.outputs.get(weightsKey)?.bytes ?? new Uint8Array()));
		expect(model.weights.sha256).toBe(sha256Hex(weights));

		const modelArtifact = job.artifacts.find((a) => a.name === TRAINED_MODEL_ARTIFACT);
		const generated = await runToEnd(gw, imageJob({ modelArtifact: { jobId: job.id, name: TRAINED_MODEL_ARTIFACT, sha256: modelArtifact?.sha256 } }));
		expect(generated.status).toBe("succeeded");
		const prediction = fake.list("predictions")[0];
		// A trained version runs through POST /v1/predictions with its version id, prompted with its trigger word.
		expect(prediction?.model).toBeUndefined();
		expect(prediction?.version).toBe(output.version.split(":")[1]);
		expect(prediction?.input.prompt).toBe(`${model.triggerWord} a fox in snow`);
	});

	it("refuses a model artifact that is not a Replicate-trained model, without retrying", async () => {
		const { gw } = await setup();
		const images = await trainingImages([200, 40, 40]);
		const trained = await runToEnd(gw, { kind: "lora.train", owner: { type: "artist", id: "a" }, input: { artistId: "a", styleId: "s", images } });
		const weights = trained.artifacts.find((a) => a.name === "lora-weights.tar");
		const job = await runToEnd(gw, imageJob({ modelArtifact: { jobId: trained.id, name: "lora-weights.tar", sha256: weights?.sha256 } }));
		expect(job.status).toBe("failed");
		expect(job.error).toMatchObject({ code: "MODEL_INVALID", retryable: false });
		expect(job.attempt).toBe(1);
	});

	it("refuses an over-budget training image or photo before anything is uploaded or billed on Replicate", async () => {
		const { fake, gw } = await setup();
		const images = [...(await trainingImages([10, 20, 30])).slice(0, 9), pngInput(bombPng(16384, 16383))];
		const training = await runToEnd(gw, { kind: "lora.train", owner: { type: "artist", id: "a" }, input: { artistId: "a", styleId: "s", images } });
		expect(training.status).toBe("failed");
		expect(training.error).toMatchObject({ code: "INPUT_IMAGE_TOO_LARGE", retryable: false });
		expect(training.attempt).toBe(1);
		const portrait = await runToEnd(gw, {
			kind: "portrait.generate",
			owner: { type: "order", id: "ord_b" },
			input: { photo: pngInput(bombPng(9000, 9000)), variants: 3 },
		});
		expect(portrait.error).toMatchObject({ code: "INPUT_IMAGE_TOO_LARGE", retryable: false });
		expect(fake.files.size).toBe(0);
		expect(fake.list()).toEqual([]);
	});

	it("runs portrait.generate on an uploaded photo and returns three metadata-free PNGs", async () => {
		const { fake, gw } = await setup();
		const [photo] = await trainingImages([120, 90, 60]);
		const job = await runToEnd(gw, { kind: "portrait.generate", owner: { type: "order", id: "ord_p" }, input: { photo, variants: 3 } });
		expect(job.status).toBe("succeeded");
		expect(job.artifacts.map((a) => a.name)).toEqual(["measurements.json", "portrait-1.png", "portrait-2.png", "portrait-3.png"]);
		const [task] = fake.list("predictions");
		const [upload] = [...fake.files.values()];
		expect(task?.input).toEqual({ image: `${fake.url}/v1/files/${upload?.id}`, num_outputs: 3 });
		expect(sha256Hex(upload?.bytes ?? new Uint8Array())).toBe(photo?.sha256);
		expect(upload?.deleted).toBe(true);
		for (const artifact of job.artifacts.filter((a) => a.name.endsWith(".png"))) {
			const bytes = await downloadArtifact(gw, job.id, artifact.name);
			const meta = await sharp(bytes).metadata();
			expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(["png", 768, 768, undefined]);
			expect(pngChunkTypes(bytes)).not.toContain("tEXt");
		}
	});

	it("runs portrait.generate with three seeds as three predictions of one model, one output each", async () => {
		const { fake, gw } = await setup();
		const [photo] = await trainingImages([120, 90, 60]);
		const input = { photo, variants: 3, prompt: "a confident portrait", seeds: [11, 22, 33] };
		const job = await runToEnd(gw, { kind: "portrait.generate", owner: { type: "portrait", id: "ptj_seeded" }, input });
		expect(job.status).toBe("succeeded");
		expect(job.artifacts.map((a) => a.name)).toEqual(["measurements.json", "portrait-1.png", "portrait-2.png", "portrait-3.png"]);
		const tasks = fake.list("predictions");
		const [upload] = [...fake.files.values()];
		expect(tasks.map((t) => [t.model, t.input])).toEqual(
			[11, 22, 33].map((seed) => [tasks[0]?.model, { image: `${fake.url}/v1/files/${upload?.id}`, num_outputs: 1, seed, prompt: "a confident portrait" }]),
		);
		const measured = JSON.parse(new TextDecoder().decode(await downloadArtifact(gw, job.id, "measurements.json")));
		expect(measured).toMatchObject({ version: 1, width: expect.any(Number), brightness: expect.any(Number), contrast: expect.any(Number) });
	});

	it("joins an LLM's streamed tokens into one text artifact", async () => {
		const { fake, gw } = await setup();
		const job = await runToEnd(gw, { kind: "llm.text", owner: { type: "system", id: "copy" }, input: { prompt: "Say hello", maxTokens: 16 } });
		expect(job.status).toBe("succeeded");
		expect(new TextDecoder().decode(await downloadArtifact(gw, job.id, "text.md"))).toBe("Hello, world!");
		expect(fake.list("predictions")[0]).toMatchObject({ model: "meta/meta-llama-3-8b-instruct", input: { prompt: "Say hello", max_tokens: 16 } });
	});
});

describe("replicate backend: waiting", () => {
	it("wakes on the webhook long before the next poll would", async () => {
		const { fake, gw } = await setup({ backend: { pollMinMs: 30_000, pollMaxMs: 30_000 } });
		const started = Date.now();
		const job = await waitForStatus(gw, await create(gw, imageJob()), DONE, 10_000);
		expect(job.status).toBe("succeeded");
		// Three fake steps of 100 ms; one poll interval would be 30 s.
		expect(Date.now() - started).toBeLessThan(5_000);
		const taskId = fake.list("predictions")[0]?.id ?? "";
		expect(fake.webhooks.filter((w) => w.taskId === taskId && w.event === "completed").map((w) => w.status)).toEqual([200]);
		// One GET at the start, then only GETs a webhook asked for: never a blind poll.
		const gets = fake.calls.filter((c) => c === `GET /v1/predictions/${taskId}`).length;
		expect(gets).toBeLessThanOrEqual(1 + fake.webhooks.filter((w) => w.taskId === taskId).length);
	});

	it("without webhooks the same wait runs to the poll interval", async () => {
		const { fake, gw } = await setup({ webhooks: false, backend: { pollMinMs: 30_000, pollMaxMs: 30_000 } });
		const id = await create(gw, imageJob());
		await until(() => fake.list("predictions")[0]?.status === "succeeded");
		await new Promise((r) => setTimeout(r, 300));
		expect((await getJob(gw, id)).status).toBe("running");
		expect(fake.list("predictions")[0]?.webhook).toBeUndefined();
	});
});

describe("replicate backend: output URLs go through the SSRF guard", () => {
	it("refuses an output on a host that is not a delivery host, at once and without fetching it", async () => {
		const { fake, gw } = await setup({ fake: { outputBase: "https://attacker.invalid" } });
		const job = await runToEnd(gw, imageJob());
		expect(job.status).toBe("failed");
		expect(job.error).toMatchObject({ code: "OUTPUT_URL_FORBIDDEN", retryable: false });
		expect(job.error?.message).toContain("attacker.invalid");
		expect(job.attempt).toBe(1);
		expect([...fake.outputs.values()].map((o) => o.downloads)).toEqual([0]);
		expect(job.artifacts).toEqual([]);
	});

	it("refuses a delivery host that resolves to a private or metadata address, before connecting", async () => {
		const looked: string[] = [];
		const resolver = async (hostname: string) => {
			looked.push(hostname);
			return [{ address: "169.254.169.254", family: 4 }];
		};
		const { gw } = await setup({
			fake: { outputBase: "https://pbxt.replicate.delivery" },
			backend: { deliveryHosts: ["replicate.delivery", "*.replicate.delivery"], allowPrivateDelivery: false, resolver },
		});
		const job = await runToEnd(gw, imageJob());
		expect(job.error).toMatchObject({ code: "OUTPUT_URL_FORBIDDEN", retryable: false });
		expect(job.error?.message).toContain("metadata");
		expect(job.attempt).toBe(1);
		expect(looked).toEqual(["pbxt.replicate.delivery"]);
	});

	it("refuses plain http and IP literals outside the delivery hosts, even on loopback", async () => {
		const { fake, gw } = await setup({ backend: { allowPrivateDelivery: false } });
		const job = await runToEnd(gw, imageJob());
		expect(job.error).toMatchObject({ code: "OUTPUT_URL_FORBIDDEN", retryable: false });
		expect([...fake.outputs.values()].map((o) => o.downloads)).toEqual([0]);
	});

	it("matches delivery hosts exactly or as subdomains of a wildcard, never by suffix alone", () => {
		const hosts = parseDeliveryHosts("replicate.delivery, *.replicate.delivery");
		expect(hosts).toEqual(["replicate.delivery", "*.replicate.delivery"]);
		for (const host of ["replicate.delivery", "pbxt.replicate.delivery", "a.b.replicate.delivery", "REPLICATE.delivery", "replicate.delivery."])
			expect(isDeliveryHost(host, hosts), host).toBe(true);
		for (const host of ["evilreplicate.delivery", "replicate.delivery.evil.com", "delivery", "api.replicate.com", "169.254.169.254"])
			expect(isDeliveryHost(host, hosts), host).toBe(false);
		expect(parseDeliveryHosts(undefined)).toEqual(["replicate.delivery", "*.replicate.delivery"]);
		for (const bad of ["*", "*.com", "https://replicate.delivery", "replicate.delivery/x", "", " , "])
			expect(() => parseDeliveryHosts(bad), bad).toThrow(/REPLICATE_DELIVERY_HOSTS/);
	});
});

describe("POST /v1/providers/replicate/webhook", () => {
	it("accepts a verified delivery without a bearer token and refuses bad signatures with 400", async () => {
		const { fake, gw } = await setup();
		const url = `${gw.url}/v1/providers/replicate/webhook`;
		const body = JSON.stringify({ id: "abc123", status: "succeeded" });
		const ok = await fetch(url, { method: "POST", headers: signedDelivery(fake.webhookSecret, body), body });
		expect(ok.status).toBe(200);
		expect(await ok.json()).toEqual({ ok: true, woke: false });

		const wrongKey = await fetch(url, { method: "POST", headers: signedDelivery(`whsec_${Buffer.from("another key").toString("base64")}`, body), body });
		expect(wrongKey.status).toBe(400);
		expect(((await wrongKey.json()) as { error: { code: string } }).error.code).toBe("INVALID_SIGNATURE");
		const tampered = await fetch(url, { method: "POST", headers: signedDelivery(fake.webhookSecret, body), body: body.replace("abc123", "abc124") });
		expect(tampered.status).toBe(400);
		const stale = await fetch(url, { method: "POST", headers: signedDelivery(fake.webhookSecret, body, Math.floor(Date.now() / 1000) - 301), body });
		expect(stale.status).toBe(400);
		const unsigned = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
		expect(unsigned.status).toBe(400);
		const notATask = JSON.stringify({ hello: "world" });
		expect((await fetch(url, { method: "POST", headers: signedDelivery(fake.webhookSecret, notATask), body: notATask })).status).toBe(400);
		// Other /v1 routes still need the bearer token.
		expect((await fetch(`${gw.url}/v1/backends`)).status).toBe(401);
	});

	it("answers 404 when the gateway runs no Replicate backend", async () => {
		const gw = await startTestGateway(tempDataDir());
		cleanups.push(() => gw.stop());
		const body = JSON.stringify({ id: "abc123" });
		const res = await fetch(`${gw.url}/v1/providers/replicate/webhook`, { method: "POST", headers: signedDelivery("whsec_c2VjcmV0", body), body });
		expect(res.status).toBe(404);
	});
});

describe("replicate backend: failures", () => {
	it("retries a provider 5xx through the runner, then succeeds", async () => {
		const { fake, gw } = await setup();
		fake.enqueue("create-500");
		const job = await runToEnd(gw, imageJob());
		expect(job.status).toBe("succeeded");
		expect(job.attempt).toBe(2);
		expect(gw.store.listAttempts(job.id).map((a) => a.status)).toEqual(["failed", "succeeded"]);
		expect(lastError(gw, job.id, 1)).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: true });
		expect(fake.calls.filter((c) => c === "POST /v1/models/black-forest-labs/flux-schnell/predictions")).toHaveLength(2);
		expect(fake.list("predictions")).toHaveLength(1);
	});

	it("fails a provider 422 at once, without retrying", async () => {
		const { fake, gw } = await setup();
		fake.enqueue("create-422");
		const job = await runToEnd(gw, imageJob());
		expect(job.status).toBe("failed");
		expect(job.attempt).toBe(1);
		expect(job.error).toMatchObject({ code: "PROVIDER_INVALID_INPUT", retryable: false });
		expect(job.error?.message).toContain("prompt is too long");
		expect(fake.list()).toHaveLength(0);
	});

	it("fails for good on a rejected token", async () => {
		const { fake, gw } = await setup({ backend: { apiToken: "r8_wrong" } });
		const job = await runToEnd(gw, imageJob());
		expect(job).toMatchObject({ status: "failed", attempt: 1, error: { code: "PROVIDER_UNAUTHORIZED", retryable: false } });
		expect(fake.list()).toHaveLength(0);
	});

	it("retries a failed prediction, but not one the safety filter failed", async () => {
		const { fake, gw } = await setup();
		fake.enqueue("fail");
		const retried = await runToEnd(gw, imageJob());
		expect(retried).toMatchObject({ status: "succeeded", attempt: 2 });
		expect(lastError(gw, retried.id, 1)).toMatchObject({ code: "PROVIDER_FAILED", retryable: true });

		fake.enqueue("fail-nsfw");
		const refused = await runToEnd(gw, imageJob({ seed: 7 }));
		expect(refused).toMatchObject({ status: "failed", attempt: 1, error: { code: "PROVIDER_FAILED", retryable: false } });
		expect(refused.error?.message).toContain("NSFW");
	});

	it("treats a prediction canceled by someone else as final", async () => {
		const { fake, gw } = await setup();
		fake.enqueue("cancel-external");
		const job = await runToEnd(gw, imageJob());
		expect(job).toMatchObject({ status: "failed", attempt: 1, error: { code: "PROVIDER_CANCELED", retryable: false } });
		expect(fake.cancels).toEqual([]);
	});
});

describe("replicate backend: cancel and shutdown", () => {
	it("a cancel through the gateway cancels the prediction on Replicate", async () => {
		const { fake, gw } = await setup();
		fake.enqueue("hang");
		const id = await create(gw, imageJob());
		await until(() => fake.list("predictions")[0]?.status === "processing");
		const res = await fetch(`${gw.url}/v1/jobs/${id}/cancel`, { method: "POST", headers: authHeaders() });
		expect(res.status).toBe(200);
		const taskId = fake.list("predictions")[0]?.id ?? "";
		await until(() => fake.cancels.includes(taskId));
		expect(fake.tasks.get(taskId)?.status).toBe("canceled");
		expect((await getJob(gw, id)).status).toBe("canceled");
	});

	it("a shutdown mid-attempt cancels the prediction, so nothing keeps billing", async () => {
		const { fake, gw } = await setup();
		fake.enqueue("hang");
		await create(gw, imageJob());
		await until(() => fake.list("predictions")[0]?.status === "processing");
		await gw.stop();
		const taskId = fake.list("predictions")[0]?.id ?? "";
		expect(fake.cancels).toEqual([taskId]);
		expect(fake.tasks.get(taskId)?.status).toBe("canceled");
	});
});

describe("replicate configuration", () => {
	it("GPU_GATEWAY_BACKEND=replicate selects the backend, which /v1/backends lists with its kinds", async () => {
		const fake = new FakeReplicate();
		await fake.start();
		cleanups.push(() => fake.stop());
		const config = configFromEnv({ GPU_GATEWAY_SECRET: SECRET, GPU_GATEWAY_BACKEND: "replicate", ...replicateEnv(fake) });
		expect(config.backends?.map((b) => b.name)).toEqual(["replicate"]);
		const media = { ready: true, missing: [], install: MEDIA_INSTALL };
		const gw = await startTestGateway(tempDataDir(), { backends: config.backends, media });
		cleanups.push(() => gw.stop());
		const res = await fetch(`${gw.url}/v1/backends`, { headers: authHeaders() });
		// Speech and composition stay on this machine beside the provider: the local backend offers just those.
		expect(await res.json()).toEqual({
			backends: [
				{ name: "replicate", kinds: ["lora.train", "image.generate", "portrait.generate", "llm.text"] },
				{ name: "local", kinds: ["tts.speak", "video.compose"] },
			],
		});
		expect(configFromEnv({ GPU_GATEWAY_SECRET: SECRET }).backends).toBeUndefined();
	});

	it("offers only the kinds with a configured model", async () => {
		const fake = new FakeReplicate();
		const backend = new ReplicateBackend(replicateOptionsFromEnv({ REPLICATE_API_TOKEN: fake.token, REPLICATE_MODEL_LLM: "meta/meta-llama-3-8b-instruct" }));
		expect(backend.kinds).toEqual(["llm.text"]);
		expect(backend.webhookSecret).toBeUndefined();
	});

	it("refuses to start half-configured", () => {
		const base = { GPU_GATEWAY_SECRET: SECRET, GPU_GATEWAY_BACKEND: "replicate" };
		expect(() => configFromEnv({ ...base })).toThrow(/REPLICATE_API_TOKEN/);
		expect(() => configFromEnv({ ...base, GPU_GATEWAY_BACKEND: "runpod" })).toThrow(/GPU_GATEWAY_BACKEND/);
		const llm = { REPLICATE_API_TOKEN: "t", REPLICATE_MODEL_LLM: "meta/meta-llama-3-8b-instruct" };
		expect(() => configFromEnv({ ...base, REPLICATE_API_TOKEN: "t" })).toThrow(/at least one of/);
		expect(() => configFromEnv({ ...base, ...llm, REPLICATE_WEBHOOK_URL: "https://gw.example/hook" })).toThrow(/REPLICATE_WEBHOOK_SECRET/);
		expect(() => configFromEnv({ ...base, ...llm, REPLICATE_WEBHOOK_SECRET: "plain-secret" })).toThrow(/whsec_/);
		const destination = { REPLICATE_TRAINING_DESTINATION: "edge-factory/artist-styles" };
		expect(() => configFromEnv({ ...base, ...llm, ...destination, REPLICATE_TRAINER: "ostris/flux-dev-lora-trainer" })).toThrow(/owner\/name:version/);
		expect(() => configFromEnv({ ...base, ...llm, REPLICATE_TRAINER: `ostris/flux-dev-lora-trainer:${TRAINER_VERSION}` })).toThrow(/go together/);
		expect(() => configFromEnv({ ...base, ...llm, REPLICATE_MODEL_IMAGE: "not a model" })).toThrow(/REPLICATE_MODEL_IMAGE/);
		expect(() => configFromEnv({ ...base, ...llm, REPLICATE_DELIVERY_HOSTS: "*" })).toThrow(/REPLICATE_DELIVERY_HOSTS/);
	});

	it("fetches outputs from Replicate's documented delivery hosts by default, through the address guard", () => {
		const options = replicateOptionsFromEnv({ REPLICATE_API_TOKEN: "t", REPLICATE_MODEL_LLM: "meta/meta-llama-3-8b-instruct" });
		expect(options.deliveryHosts).toEqual(["replicate.delivery", "*.replicate.delivery"]);
		expect(options.allowPrivateDelivery).toBe(false);
		const local = replicateOptionsFromEnv({
			REPLICATE_API_TOKEN: "t",
			REPLICATE_MODEL_LLM: "m/n",
			REPLICATE_DELIVERY_HOSTS: "cdn.example.org",
			GPU_GATEWAY_ALLOW_PRIVATE_INPUTS: "1",
		});
		expect([options.deliveryHosts, local.deliveryHosts, local.allowPrivateDelivery]).toEqual([
			["replicate.delivery", "*.replicate.delivery"],
			["cdn.example.org"],
			true,
		]);
	});

	it("reads progress from tqdm bars and bare percentages, newest first", () => {
		expect(progressFromLogs("Loading\n  0%|          | 0/4 [00:00<?, ?it/s]\r 50%|█████     | 2/4 [00:01<00:01]")).toBe(0.5);
		expect(progressFromLogs("step done 30%\nstep done 80%\n")).toBe(0.8);
		expect(progressFromLogs("no numbers here")).toBeUndefined();
		expect(progressFromLogs(null)).toBeUndefined();
	});
});
