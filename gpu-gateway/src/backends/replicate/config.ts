import type { HostResolver } from "../../inputs/url-policy.ts";
import { parseDeliveryHosts } from "./delivery-hosts.ts";

/**
 * Which Replicate model runs a kind. `owner/name` runs the model's latest version through the
 * model endpoint (official models); `owner/name:<version>` or a bare version id pins a version.
 */
export type ModelRef = { kind: "model"; owner: string; name: string } | { kind: "version"; version: string; owner?: string; name?: string };

/** A trainer is always a pinned version: the trainings endpoint is per version. */
export type TrainerRef = { owner: string; name: string; version: string };

/** Everything the Replicate backend needs; `replicateOptionsFromEnv` builds it from the environment. */
export type ReplicateOptions = {
	apiToken: string;
	/** `https://api.replicate.com` unless pointed at a fake. */
	apiBase: string;
	models: { image?: ModelRef; portrait?: ModelRef; llm?: ModelRef };
	trainer?: TrainerRef;
	/** `owner/name` of the model the trainer pushes new versions to. */
	trainingDestination?: string;
	/** Public URL of `POST /v1/providers/replicate/webhook`; without it the backend only polls. */
	webhookUrl?: string;
	/** `whsec_…` signing secret of the account's webhooks (GET /v1/webhooks/default/secret). */
	webhookSecret?: string;
	/** First poll delay; it grows ×1.5 per poll up to `pollMaxMs`. A webhook wakes the wait early. */
	pollMinMs?: number;
	pollMaxMs?: number;
	/** Cap on one output file (images, text). */
	maxOutputBytes?: number;
	/** Cap on trained weights, which are larger than any image. */
	maxWeightsBytes?: number;
	/** Timeout of one API call. */
	requestTimeoutMs?: number;
	/**
	 * Hosts output files may be fetched from (REPLICATE_DELIVERY_HOSTS; Replicate's documented
	 * `replicate.delivery` and `*.replicate.delivery` when unset). Outputs on the API's own origin
	 * are fetched as API calls; anything else is refused.
	 */
	deliveryHosts?: readonly string[];
	/**
	 * GPU_GATEWAY_ALLOW_PRIVATE_INPUTS=1, for local development against a fake: output URLs may be
	 * plain http and resolve to private addresses. The host list still applies.
	 */
	allowPrivateDelivery?: boolean;
	/** DNS for the SSRF guard on output URLs; the system resolver unless a test plays DNS. */
	resolver?: HostResolver;
};

const NAME = "[a-z0-9](?:[a-z0-9._-]{0,127})";
const MODEL = new RegExp(`^(${NAME})/(${NAME})$`, "i");
const VERSIONED = new RegExp(`^(${NAME})/(${NAME}):([0-9a-f]{8,128})$`, "i");
const VERSION = /^[0-9a-f]{8,128}$/i;

/** Parses `owner/name`, `owner/name:version` or a bare version id; throws on anything else. */
export function parseModelRef(value: string, what: string): ModelRef {
	const versioned = VERSIONED.exec(value);
	if (versioned?.[1] && versioned[2] && versioned[3]) return { kind: "version", owner: versioned[1], name: versioned[2], version: versioned[3] };
	const model = MODEL.exec(value);
	if (model?.[1] && model[2]) return { kind: "model", owner: model[1], name: model[2] };
	if (VERSION.test(value)) return { kind: "version", version: value };
	throw new Error(`${what} must be owner/name, owner/name:version or a version id`);
}

/** Parses the trainer, which must name its version. */
export function parseTrainerRef(value: string): TrainerRef {
	const ref = parseModelRef(value, "REPLICATE_TRAINER");
	if (ref.kind !== "version" || !ref.owner || !ref.name) throw new Error("REPLICATE_TRAINER must be owner/name:version");
	return { owner: ref.owner, name: ref.name, version: ref.version };
}

/** Reads the Replicate backend's settings from the environment; throws on what is missing or malformed. */
export function replicateOptionsFromEnv(env: NodeJS.ProcessEnv): ReplicateOptions {
	const apiToken = env.REPLICATE_API_TOKEN;
	if (!apiToken) throw new Error("REPLICATE_API_TOKEN must be set for GPU_GATEWAY_BACKEND=replicate");
	const apiBase = (env.REPLICATE_API_BASE ?? "https://api.replicate.com").replace(/\/+$/, "");
	if (!/^https?:\/\//.test(apiBase)) throw new Error("REPLICATE_API_BASE must be an http(s) URL");
	const model = (name: string) => {
		const value = env[name];
		return value ? parseModelRef(value, name) : undefined;
	};
	const trainingDestination = env.REPLICATE_TRAINING_DESTINATION;
	if (trainingDestination && !MODEL.test(trainingDestination)) throw new Error("REPLICATE_TRAINING_DESTINATION must be owner/name");
	// Either half alone would silently drop lora.train; say so at startup instead.
	if (Boolean(env.REPLICATE_TRAINER) !== Boolean(trainingDestination)) throw new Error("REPLICATE_TRAINER and REPLICATE_TRAINING_DESTINATION go together");
	const models = { image: model("REPLICATE_MODEL_IMAGE"), portrait: model("REPLICATE_MODEL_PORTRAIT"), llm: model("REPLICATE_MODEL_LLM") };
	if (!models.image && !models.portrait && !models.llm && !env.REPLICATE_TRAINER)
		throw new Error("the replicate backend needs at least one of REPLICATE_MODEL_IMAGE, REPLICATE_MODEL_PORTRAIT, REPLICATE_MODEL_LLM, REPLICATE_TRAINER");
	const webhookUrl = env.REPLICATE_WEBHOOK_URL;
	const webhookSecret = env.REPLICATE_WEBHOOK_SECRET;
	// A webhook we cannot verify would let anyone poke the gateway; refuse the half-configured setup.
	if (webhookUrl && !webhookSecret) throw new Error("REPLICATE_WEBHOOK_URL needs REPLICATE_WEBHOOK_SECRET");
	if (webhookSecret && !webhookSecret.startsWith("whsec_")) throw new Error("REPLICATE_WEBHOOK_SECRET must be a whsec_ secret");
	return {
		apiToken,
		apiBase,
		models,
		trainer: env.REPLICATE_TRAINER ? parseTrainerRef(env.REPLICATE_TRAINER) : undefined,
		trainingDestination,
		webhookUrl,
		webhookSecret,
		deliveryHosts: parseDeliveryHosts(env.REPLICATE_DELIVERY_HOSTS),
		allowPrivateDelivery: env.GPU_GATEWAY_ALLOW_PRIVATE_INPUTS === "1",
	};
}
